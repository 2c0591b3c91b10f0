// Command bench measures patentsite at scale and prints the tables of
// issue 9. Run it from the repository root:
//
//	go run ./scripts/bench -records 10000[,100000] [-shm /dev/shm/psbench] [-disk /tmp/psbench]
//	    [-hugo PATH -pagefind PATH] [-runs 1] [-keep] [-scale-corpus PATH]
//
// For each record count N it writes (or reuses) DISK/corpus-N.txt with
// ../shared/tools/scale-corpus, builds DISK/patentsite once, and times:
//
//   - full build, shm: patentsite build -q -full into an empty SHM/out-N;
//   - full build, disk: the same into an empty DISK/out-N;
//   - cp -a, disk: copying DISK/out-N to DISK/out-N.copy, the I/O floor of
//     that tree on the same disk in the same run;
//   - no-change rebuild, disk: patentsite build -q (incremental) into DISK/out-N again;
//   - with -hugo and -pagefind: hugo --minify and pagefind on the reduced
//     Hugo site of scripts/benchhugo (no inventor pages), in DISK/hugo-N.
//
// The columns: wall s is elapsed time; CPU s is user+system time of the
// command and the children it waited for; CPU/wall above 1 means more than
// one core was busy (2 is both cores of the benchmark machine); peak RSS
// MiB is the largest resident set of the command or one of its children
// (getrusage ru_maxrss); files and MB (10^6 bytes) are the regular files of
// the tree written, including patentsite's own state; "–" where nothing new
// was written. The ratio table divides the disk build by cp -a (target:
// ≤ 1.5), the no-change rebuild by the disk build (target: < 0.25), and
// Hugo + Pagefind by the disk build (target: ≥ 15).
//
// With -runs R each step runs R times and the run with the median wall time
// is reported (the faster of the middle two for even R). Every timed run is
// preceded by sync(2), so it does not pay for writing back the previous
// step's files; its own write-back is not waited for, for builds and cp
// alike. The page cache cannot be dropped here (no root): the corpus, the
// binary and, for cp -a, the source tree are read warm.
//
// The output trees and their .lock files are removed at the end unless
// -keep; the corpora and the binary stay in DISK for the next run.
package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// A result is one measured step: the run with the median wall time.
type result struct {
	records   int
	what      string
	wall, cpu time.Duration
	rssKiB    int64
	files     int // -1 when the step writes nothing new
	bytes     int64
}

// ratios compares the wall times of one corpus's steps.
type ratios struct {
	records                 int
	diskCp, rebuild, hugoPf float64 // hugoPf is 0 without -hugo
}

type bench struct {
	ctx    context.Context
	log    io.Writer
	runs   int
	bin    string // the patentsite binary
	corpus string // scale-corpus
	shm    string
	disk   string
	hugo   string
	pf     string
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("bench", flag.ContinueOnError)
	fl.SetOutput(stderr)
	records := fl.String("records", "", "comma-separated record counts, e.g. 10000,100000")
	b := &bench{ctx: ctx, log: stderr}
	fl.StringVar(&b.shm, "shm", "/dev/shm/psbench", "memory-backed work directory")
	fl.StringVar(&b.disk, "disk", "/tmp/psbench", "on-disk work directory (also holds the corpora and the binary)")
	fl.StringVar(&b.hugo, "hugo", "", "hugo binary; with -pagefind, also time the reduced Hugo + Pagefind site")
	fl.StringVar(&b.pf, "pagefind", "", "pagefind binary")
	fl.IntVar(&b.runs, "runs", 1, "runs of each step; the median is reported")
	fl.StringVar(&b.corpus, "scale-corpus", "../shared/tools/scale-corpus", "corpus generator")
	keep := fl.Bool("keep", false, "keep the output trees")
	if err := fl.Parse(args); err != nil {
		return err
	}
	var counts []int
	for f := range strings.SplitSeq(*records, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return fmt.Errorf("-records: want positive counts like 10000,100000, got %q", *records)
		}
		counts = append(counts, n)
	}
	if b.runs < 1 || (b.hugo == "") != (b.pf == "") {
		return errors.New("-runs must be ≥ 1, and -hugo and -pagefind go together")
	}
	if _, err := os.Stat("cmd/patentsite"); err != nil {
		return errors.New("run me from the repository root (no cmd/patentsite here)")
	}
	for _, d := range []string{b.shm, b.disk} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	b.bin = filepath.Join(b.disk, "patentsite")
	b.progress("building %s", b.bin)
	if _, _, err := b.exec("go", "build", "-o", b.bin, "./cmd/patentsite"); err != nil {
		return err
	}
	var rows []result
	var rats []ratios
	for _, n := range counts {
		if !*keep {
			defer b.cleanup(n)
		}
		rs, rat, err := b.measure(n)
		if err != nil {
			return err
		}
		rows, rats = append(rows, rs...), append(rats, rat)
	}
	printTables(stdout, rows, rats)
	return nil
}

// measure runs every step for n records.
func (b *bench) measure(n int) ([]result, ratios, error) {
	rat := ratios{records: n}
	corpus := filepath.Join(b.disk, fmt.Sprintf("corpus-%d.txt", n))
	if _, err := os.Stat(corpus); err != nil {
		b.progress("writing %s", corpus)
		if _, _, err := b.exec(b.corpus, "--records", strconv.Itoa(n), "--output", corpus+".tmp"); err != nil {
			return nil, rat, err
		}
		if err := os.Rename(corpus+".tmp", corpus); err != nil {
			return nil, rat, err
		}
	}
	shmOut, diskOut := b.out(n)
	build := func(out string, full bool) []string {
		args := []string{"build", "-q", "-corpus", corpus, "-out", out}
		if full {
			args = append(args, "-full")
		}
		return args
	}
	var rows []result
	step := func(what, tree string, clear []string, name string, args ...string) (result, error) {
		r, err := b.timed(n, what, clear, name, args...)
		if err == nil && tree != "" {
			r.files, r.bytes, err = treeSize(tree)
		}
		rows = append(rows, r)
		return r, err
	}
	if _, err := step("full build, shm", shmOut, []string{shmOut}, b.bin, build(shmOut, true)...); err != nil {
		return nil, rat, err
	}
	disk, err := step("full build, disk", diskOut, []string{diskOut}, b.bin, build(diskOut, true)...)
	if err != nil {
		return nil, rat, err
	}
	cp, err := step("cp -a, disk", diskOut+".copy", []string{diskOut + ".copy"}, "cp", "-a", diskOut, diskOut+".copy")
	if err != nil {
		return nil, rat, err
	}
	rebuild, err := step("no-change rebuild, disk", "", nil, b.bin, build(diskOut, false)...)
	if err != nil {
		return nil, rat, err
	}
	rat.diskCp = disk.wall.Seconds() / cp.wall.Seconds()
	rat.rebuild = rebuild.wall.Seconds() / disk.wall.Seconds()
	if b.hugo == "" {
		return rows, rat, nil
	}
	site := filepath.Join(b.disk, fmt.Sprintf("hugo-%d", n))
	public := filepath.Join(site, "public")
	b.progress("writing the reduced Hugo site %s", site)
	if _, _, err := b.exec("go", "run", "./scripts/benchhugo", "-corpus", corpus, "-out", site); err != nil {
		return nil, rat, err
	}
	hugo, err := step("Hugo (reduced)", public, []string{public, filepath.Join(site, "resources")},
		b.hugo, "--source", site, "--minify", "--quiet")
	if err != nil {
		return nil, rat, err
	}
	index := filepath.Join(public, "pagefind")
	pf, err := step("Pagefind", index, []string{index}, b.pf, "--site", public)
	if err != nil {
		return nil, rat, err
	}
	rat.hugoPf = (hugo.wall + pf.wall).Seconds() / disk.wall.Seconds()
	return rows, rat, nil
}

// timed runs the command b.runs times, each after removing clear and
// sync(2), and returns the run with the median wall time.
func (b *bench) timed(n int, what string, clear []string, name string, args ...string) (result, error) {
	var rs []result
	for i := range b.runs {
		for _, c := range clear {
			if err := os.RemoveAll(c); err != nil {
				return result{}, err
			}
		}
		syscall.Sync()
		st, wall, err := b.exec(name, args...)
		if err != nil {
			return result{}, err
		}
		r := result{records: n, what: what, wall: wall, cpu: st.UserTime() + st.SystemTime(), files: -1}
		if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
			r.rssKiB = ru.Maxrss // KiB on Linux
		}
		b.progress("%d records, %s, run %d/%d: %.2f s wall, %.2f s CPU, %d MiB",
			n, what, i+1, b.runs, r.wall.Seconds(), r.cpu.Seconds(), r.rssKiB/1024)
		rs = append(rs, r)
	}
	slices.SortFunc(rs, func(x, y result) int { return cmp.Compare(x.wall, y.wall) })
	return rs[(len(rs)-1)/2], nil
}

// exec runs a command and, when it fails, returns an error with the tail
// of its output.
func (b *bench) exec(name string, args ...string) (*os.ProcessState, time.Duration, error) {
	cmd := exec.CommandContext(b.ctx, name, args...)
	var out tail
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return nil, 0, fmt.Errorf("%s %s: %v\n--- output tail ---\n%s", name, strings.Join(args, " "), err, out.b)
	}
	return cmd.ProcessState, wall, nil
}

func (b *bench) out(n int) (shm, disk string) {
	name := fmt.Sprintf("out-%d", n)
	return filepath.Join(b.shm, name), filepath.Join(b.disk, name)
}

func (b *bench) cleanup(n int) {
	shm, disk := b.out(n)
	hugo := filepath.Join(b.disk, fmt.Sprintf("hugo-%d", n))
	for _, d := range []string{shm, shm + ".lock", disk, disk + ".lock", disk + ".copy", hugo} {
		os.RemoveAll(d)
	}
}

func (b *bench) progress(format string, args ...any) {
	fmt.Fprintf(b.log, "bench: "+format+"\n", args...)
}

// tail keeps the last 4 KiB written to it.
type tail struct{ b []byte }

func (t *tail) Write(p []byte) (int, error) {
	t.b = append(t.b, p...)
	if len(t.b) > 4096 {
		t.b = t.b[len(t.b)-4096:]
	}
	return len(p), nil
}

// treeSize counts the regular files under dir and their bytes.
func treeSize(dir string) (files int, bytes int64, err error) {
	err = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		bytes += info.Size()
		return nil
	})
	return files, bytes, err
}

func printTables(w io.Writer, rows []result, rats []ratios) {
	fmt.Fprintln(w, "| corpus | what | wall s | CPU s | CPU/wall | peak RSS MiB | files | MB |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|")
	for _, r := range rows {
		files, mb := "–", "–"
		if r.files >= 0 {
			files, mb = commas(r.files), fmt.Sprintf("%.1f", float64(r.bytes)/1e6)
		}
		fmt.Fprintf(w, "| %s | %s | %.2f | %.2f | %.2f | %d | %s | %s |\n", commas(r.records), r.what,
			r.wall.Seconds(), r.cpu.Seconds(), r.cpu.Seconds()/r.wall.Seconds(), r.rssKiB/1024, files, mb)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| corpus | disk build / cp -a | no-change rebuild / disk build | Hugo + Pagefind / disk build |")
	fmt.Fprintln(w, "|---|---:|---:|---:|")
	for _, r := range rats {
		hugo := "–"
		if r.hugoPf > 0 {
			hugo = fmt.Sprintf("%.1f×", r.hugoPf)
		}
		fmt.Fprintf(w, "| %s | %.2f | %.2f | %s |\n", commas(r.records), r.diskCp, r.rebuild, hugo)
	}
}

// commas writes n with thousands separators: 100000 → 100,000.
func commas(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
