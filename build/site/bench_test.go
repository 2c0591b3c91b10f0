//go:build unix

package site

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// BenchmarkBuild is the whole build, as `patentsite build -full` runs it:
// parse, catalog, every page, the search index, the API files, minify,
// link check and the atomic swap, into an empty directory each time. It
// reads PATENTSITE_BENCH_CORPUS (default: the embedded seed) and writes
// under PATENTSITE_BENCH_OUT (default: the test's temporary directory; use
// a directory in /dev/shm for memory-backed storage):
//
//	../shared/tools/scale-corpus --records 100000 --output /tmp/c100k.txt
//	PATENTSITE_BENCH_CORPUS=/tmp/c100k.txt PATENTSITE_BENCH_OUT=/dev/shm/ps \
//	    go test -run '^$' -bench '^BenchmarkBuild$' -benchtime 1x ./build/site
//
// It reports files and MB written, and the process's peak RSS so far
// (which includes the benchmark's own earlier runs). scripts/bench measures
// the binary instead, with its cp -a floor and Hugo beside it.
func BenchmarkBuild(b *testing.B) {
	cfg := Config{Full: true}
	if path := os.Getenv("PATENTSITE_BENCH_CORPUS"); path != "" {
		src, err := ReadSource(path)
		if err != nil {
			b.Fatal(err)
		}
		cfg.Corpora = []Source{src}
	}
	dir := os.Getenv("PATENTSITE_BENCH_OUT")
	if dir == "" {
		dir = b.TempDir()
	}
	var rep Report
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		cfg.Out = filepath.Join(dir, "bench-out")
		if err := os.RemoveAll(cfg.Out); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		var err error
		if rep, err = Build(context.Background(), cfg); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rep.Stats.Total.Files), "files")
	b.ReportMetric(float64(rep.Stats.Total.Bytes)/1e6, "MB")
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MiB")
	}
	if err := os.RemoveAll(filepath.Join(dir, "bench-out")); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkLoad is parsing and normalizing, as issue 3 counts it: every
// export of PATENTSITE_BENCH_CORPUS parsed, the catalog built, problems
// sorted (site.Load, which build and check both run first).
//
//	PATENTSITE_BENCH_CORPUS=/tmp/c100k.txt go test -run '^$' -bench '^BenchmarkLoad$' -benchtime 3x ./build/site
func BenchmarkLoad(b *testing.B) {
	cfg := Config{}
	if path := os.Getenv("PATENTSITE_BENCH_CORPUS"); path != "" {
		src, err := ReadSource(path)
		if err != nil {
			b.Fatal(err)
		}
		cfg.Corpora = []Source{src}
	}
	n := 0
	for b.Loop() {
		c, _, err := Load(cfg)
		if err != nil {
			b.Fatal(err)
		}
		n = len(c.Patents)
	}
	b.ReportMetric(float64(n), "patents")
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MiB")
	}
}
