package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"runtime/pprof"
	"slices"
	"time"

	"github.com/patentsite/patentsite/build/corpus"
	"github.com/patentsite/patentsite/build/site"
)

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("build", "build [-corpus FILE]... [-out DIR] [flags]", stdout)
	var in inputs
	in.register(fs)
	out := fs.String("out", "public", "output `directory`")
	zip := fs.String("zip", "", "also write the site to this zip `file`")
	full := fs.Bool("full", false, "rebuild every file instead of only the changed ones")
	quiet := fs.Bool("q", false, "print nothing but errors")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to `file` (for go tool pprof)")
	memProfile := fs.String("memprofile", "", "write a heap profile at the end of the build to `file`")
	templates := fs.String("templates", "", "read page templates from `dir` (files it lacks come from the built-in ones)")
	assets := fs.String("assets", "", "lay the CSS, JS and images of `dir` over the built-in assets")
	baseURL := fs.String("base-url", "", "absolute `URL` of the site root, used for canonical links only (e.g. https://user.github.io/repo/)")
	if done, err := parseFlags(fs, args); done {
		return err
	}
	cfg, err := in.config()
	if err != nil {
		return err
	}
	cfg.Out, cfg.Zip, cfg.Full = *out, *zip, *full
	if *templates != "" {
		cfg.Templates = os.DirFS(*templates)
	}
	if *assets != "" {
		cfg.Assets = os.DirFS(*assets)
	}
	if *baseURL != "" {
		u, err := url.Parse(*baseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usageError("build: -base-url %q: want an absolute http(s) URL", *baseURL)
		}
		cfg.BaseURL = *baseURL
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if *memProfile != "" {
		defer func() {
			if f, err := os.Create(*memProfile); err == nil {
				pprof.WriteHeapProfile(f)
				f.Close()
			}
		}()
	}
	boundHeap(cfg)
	start := time.Now()
	rep, err := site.Build(ctx, cfg)
	errs, warns := 0, 0
	for _, p := range rep.Problems {
		if p.Severity == corpus.Fatal {
			errs++
			fmt.Fprintln(stderr, p)
		} else {
			warns++
		}
	}
	if err != nil {
		return err
	}
	if !*quiet && rep.Stats.Current {
		fmt.Fprintf(stdout, "%s is up to date: the exports, alias file, templates, assets, options and program are those of its last build, and its %d files (%.1f MB) are in place; nothing written in %.2fs (-full rebuilds anyway)\n",
			*out, rep.Stats.Total.Files, float64(rep.Stats.Total.Bytes)/1e6, time.Since(start).Seconds())
		return nil
	}
	if !*quiet {
		st := rep.Stats
		fmt.Fprintf(stdout, "built %s: %d patents, %d files, %.1f MB in %.2fs\n", *out, len(rep.Catalog.Patents),
			st.Total.Files, float64(st.Total.Bytes)/1e6, time.Since(start).Seconds())
		for _, k := range slices.Sorted(maps.Keys(st.Kinds)) {
			fmt.Fprintf(stdout, "  %-12s %7d files %9.1f KB\n", k, st.Kinds[k].Files, float64(st.Kinds[k].Bytes)/1e3)
		}
		if s := rep.Search; s.Docs > 0 {
			fmt.Fprintf(stdout, "  search index: %d patents, %d terms, %d postings; %d files, %.1f MB; built in %.2fs\n",
				s.Docs, s.Terms, s.Postings, s.Total.Files, float64(s.Total.Bytes)/1e6, s.Elapsed.Seconds())
		}
		if st.Incremental {
			fmt.Fprintf(stdout, "  incremental: %d written, %d unchanged, %d deleted\n", st.Written, st.Unchanged, st.Deleted)
		}
		if errs+warns > 0 {
			fmt.Fprintf(stdout, "%d errors, %d warnings: run \"patentsite check\" to list them\n", errs, warns)
		}
	}
	return nil
}
