package search_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/js"

	"github.com/patentsite/patentsite"
	"github.com/patentsite/patentsite/build/internal/browser"
	"github.com/patentsite/patentsite/build/search"
	"github.com/patentsite/patentsite/build/site"
)

// TestMeasure measures the search of a built site, cold, in Chromium: the
// bytes the first query loads (engine, index files, documents), the time
// from opening the search page from disk to its first results, and the
// time from a keystroke to rendered results once the index files are in.
// It runs only when $PATENTSITE_SEARCH_SITE names the site:
//
//	scale-corpus --records 10000 > /tmp/c10k.txt
//	patentsite build -corpus /tmp/c10k.txt -out /dev/shm/p10k
//	PATENTSITE_SEARCH_SITE=/dev/shm/p10k go test -run TestMeasure -v ./build/search
//
// Each first query gets a fresh browser, so nothing is cached. The figures
// are in docs/search.md.
func TestMeasure(t *testing.T) {
	dir := os.Getenv("PATENTSITE_SEARCH_SITE")
	if dir == "" {
		t.Skip("set PATENTSITE_SEARCH_SITE to a built site")
	}
	dir, _ = filepath.Abs(dir)
	file := "file://" + filepath.ToSlash(dir) + "/"
	number := firstPatent(t, dir)
	queries := []string{"blockchain", "ledger", "smart contract", "blockchain ledger", "distributed ledger consensus",
		"区块链", "数据处理", number, "assignee:alibaba", "cpc:H04L9", ""}
	// Each query is opened $PATENTSITE_SEARCH_RUNS times (default 1), each
	// time in a fresh browser: the times are the median and the range.
	runs, _ := strconv.Atoi(os.Getenv("PATENTSITE_SEARCH_RUNS"))
	runs = max(runs, 1)
	t.Logf("%-28s %8s %8s %8s %8s %8s %8s %6s %7s %7s %7s %s", "first query (search page)", "engine", "dict", "postings", "docs", "other", "total", "files", "results", "ms", "ms DCL", "ms range")
	for _, q := range queries {
		var mss, dcls, res []float64
		var parts map[string]int64
		for i := range runs {
			// A subtest per run, so that its browser is gone before the next.
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				b := browser.Start(t)
				p := b.Open(t, file+"search/index.html?q="+url.QueryEscape(q))
				ready(p)
				// results: navigation start to the results list filled; ms:
				// to results and facets shown; ms DCL: from DOMContentLoaded,
				// when the engine starts, to the same.
				ms := browser.Eval[float64](p, `+document.documentElement.dataset.searchAt`)
				dcl := browser.Eval[float64](p, `performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd`)
				mss, dcls = append(mss, ms), append(dcls, ms-dcl)
				res = append(res, browser.Eval[float64](p, `+(document.documentElement.dataset.resultsAt || document.documentElement.dataset.searchAt)`))
				parts = scriptBytes(p.Requests())
				p.Close()
			})
		}
		slices.Sort(mss)
		slices.Sort(dcls)
		slices.Sort(res)
		t.Logf("%-28s %8d %8d %8d %8d %8d %8d %6d %7.0f %7.0f %7.0f %.0f–%.0f", label(q), parts["engine"], parts["dict"], parts["postings"], parts["docs"], parts["other"], parts["total"], parts["files"], res[len(res)/2], mss[len(mss)/2], dcls[len(dcls)/2], mss[0], mss[len(mss)-1])
	}
	// Typing in the header box of a patent page: the suggestions.
	t.Logf("%-28s %8s %8s %8s %8s %8s %8s %6s", "first query (typed)", "engine", "dict", "postings", "docs", "other", "total", "files")
	for _, q := range []string{"blockchain", "blockchain ledger", "区块链"} {
		b := browser.Start(t)
		p := b.Open(t, file+"index.html")
		p.Click("#site-q")
		p.Type(q)
		p.WaitFor(`document.documentElement.dataset.suggest === ` + jsQuote(q))
		parts := scriptBytes(p.Requests())
		t.Logf("%-28s %8d %8d %8d %8d %8d %8d %6d", label(q), parts["engine"], parts["dict"], parts["postings"], parts["docs"], parts["other"], parts["total"], parts["files"])
		p.Close()
	}
	// Keystroke to results, once loaded: each prefix of a query in turn, as
	// typed on the search page (without the debounce).
	b := browser.Start(t)
	p := b.Open(t, file+"search/index.html")
	ready(p)
	for _, q := range []string{"blockchain ledger", "smart contract", "数据处理"} {
		var times []float64
		for pass := range 2 { // the first pass loads, the second measures
			times = times[:0]
			r := []rune(q)
			for i := 1; i <= len(r); i++ {
				prefix := string(r[:i])
				browser.Eval[bool](p, `(f => { document.getElementById("search-q").value = `+jsQuote(prefix)+`; f.requestSubmit(); return true })(document.getElementById("search-form"))`)
				ready(p)
				times = append(times, browser.Eval[float64](p, `+document.documentElement.dataset.searchMs`))
			}
			if pass == 1 {
				slices.Sort(times)
				t.Logf("keystroke to results, %q: median %.0f ms, max %.0f ms over %d prefixes", q, times[len(times)/2], times[len(times)-1], len(times))
			}
		}
	}
}

// scriptBytes adds up the bytes of the search's requests by part, and
// counts them ("files"): from file:// each script costs a cold query a few
// milliseconds, loaded one after the other, whatever its size.
func scriptBytes(reqs []browser.Request) map[string]int64 {
	out := map[string]int64{}
	for _, r := range reqs {
		u, err := url.Parse(r.URL)
		if err != nil {
			continue
		}
		name := path.Base(u.Path)
		part := ""
		switch {
		case strings.HasSuffix(u.Path, "/assets/search.js"):
			part = "engine"
		case strings.Contains(u.Path, "/search/s/"):
			switch name[0] {
			case 't', 'u', 's', 'k':
				part = "dict" // terms, facet counts, completions
			case 'p':
				part = "postings"
			case 'd', 'r':
				part = "docs" // document shards, first pages
			default:
				part = "other" // meta, facet columns, numbers, names
			}
		default:
			continue
		}
		out[part] += r.Bytes
		out["total"] += r.Bytes
		out["files"]++
	}
	return out
}

func label(q string) string {
	if q == "" {
		return "(empty: browse)"
	}
	if len([]rune(q)) > 28 {
		return string([]rune(q)[:27]) + "…"
	}
	return q
}

func jsQuote(s string) string { return fmt.Sprintf("%q", s) }

// firstPatent returns the id of some patent of the site, for a number query.
func firstPatent(t *testing.T, dir string) string {
	es, err := os.ReadDir(filepath.Join(dir, "patent"))
	if err != nil || len(es) == 0 {
		t.Fatalf("no patent pages in %s: %v", dir, err)
	}
	return es[len(es)/2].Name()
}

// TestRefreshIndex rewrites the search index and the engine of a built
// site in place, for measuring a change without building every page again:
//
//	PATENTSITE_SEARCH_SITE=/dev/shm/p100k PATENTSITE_SEARCH_CORPUS=/tmp/c100k.txt go test -run TestRefreshIndex ./build/search
func TestRefreshIndex(t *testing.T) {
	dir, corpus := os.Getenv("PATENTSITE_SEARCH_SITE"), os.Getenv("PATENTSITE_SEARCH_CORPUS")
	if dir == "" || corpus == "" {
		t.Skip("set PATENTSITE_SEARCH_SITE and PATENTSITE_SEARCH_CORPUS")
	}
	src, err := site.ReadSource(corpus)
	if err != nil {
		t.Fatal(err)
	}
	c, _, err := site.Load(site.Config{Corpora: []site.Source{src}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, search.Dir)); err != nil {
		t.Fatal(err)
	}
	m := minify.New()
	m.AddFunc("application/javascript", js.Minify)
	write := func(p string, data []byte) {
		if strings.HasSuffix(p, ".js") {
			var b bytes.Buffer
			if err := m.Minify("application/javascript", &b, bytes.NewReader(data)); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			data = b.Bytes()
		}
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var st search.Stats
	for f, err := range search.Index(c, search.Config{Stats: &st}) {
		if err != nil {
			t.Fatal(err)
		}
		write(f.Path, f.Data)
	}
	for _, name := range []string{"search.js", "search.css"} {
		data, err := fs.ReadFile(patentsite.Assets(), name)
		if err != nil {
			t.Fatal(err)
		}
		write("assets/"+name, data)
	}
	t.Logf("%d files, %.1f MB, built in %v", st.Total.Files, float64(st.Total.Bytes)/1e6, st.Elapsed)
}
