package browser

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// rel strips base from each URL.
func rel(base string, urls []string) []string {
	var out []string
	for _, u := range urls {
		out = append(out, strings.TrimPrefix(u, base))
	}
	return out
}

// relProblems returns "page: kind: target: text" for each problem, with
// base stripped from the URLs.
func relProblems(base string, probs []Problem) []string {
	var out []string
	for _, p := range probs {
		out = append(out, strings.Join([]string{
			strings.TrimPrefix(p.Page, base), string(p.Kind), strings.TrimPrefix(p.URL, base), p.Text,
		}, ": "))
	}
	return out
}

func TestCrawl(t *testing.T) {
	b := Start(t)
	fileBase := fileURL(t, "site") + "/"
	httpBase := Serve(t, "testdata/site", "/repo/")
	allPages := []string{
		"index.html",
		"page.html",
		"sub/index.html",
		"patent/A/index.html",
		"patent/B/index.html",
		"patent/C/index.html",
	}

	for _, tt := range []struct {
		name     string
		base     string
		opts     CrawlOptions
		pages    []string
		skipped  int
		links    int
		failures []string
	}{
		{
			name:  "file",
			base:  fileBase,
			pages: allPages,
			links: 12,
			failures: []string{
				"index.html: broken link: broken.html: no such file",
				"index.html: broken link: feed.xml: no such file",
			},
		},
		{
			name:  "http",
			base:  httpBase,
			pages: allPages,
			links: 12,
			failures: []string{
				"index.html: broken link: broken.html: HTTP 404 Not Found",
				"index.html: broken link: feed.xml: HTTP 404 Not Found",
			},
		},
		{
			name:    "sample",
			base:    httpBase,
			opts:    CrawlOptions{Sample: map[string]int{"patent/*/": 1}},
			pages:   allPages[:4],
			skipped: 2,
			links:   12, // pages skipped by the sample are still checked
			failures: []string{
				"index.html: broken link: broken.html: HTTP 404 Not Found",
				"index.html: broken link: feed.xml: HTTP 404 Not Found",
			},
		},
		{
			name:    "max pages",
			base:    fileBase,
			opts:    CrawlOptions{MaxPages: 2, Tabs: 1},
			pages:   allPages[:2],
			skipped: 4,
			links:   10, // not cite.bib, linked from the patent pages only
			failures: []string{
				"index.html: broken link: broken.html: no such file",
				"index.html: broken link: feed.xml: no such file",
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := b.Crawl(t.Context(), tt.base+"index.html", tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := rel(tt.base, rep.Pages); !slices.Equal(got, tt.pages) {
				t.Errorf("Pages = %q, want %q", got, tt.pages)
			}
			if got := relProblems(tt.base, rep.Failures); !slices.Equal(got, tt.failures) {
				t.Errorf("Failures =\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tt.failures, "\n\t"))
			}
			if rep.Skipped != tt.skipped {
				t.Errorf("Skipped = %d, want %d", rep.Skipped, tt.skipped)
			}
			// All targets inside the root: 6 pages, 2 missing files, and
			// data.json, cite.ris, cite.bib and table.csv.
			if rep.Links != tt.links {
				t.Errorf("Links = %d, want %d", rep.Links, tt.links)
			}
		})
	}
}

// TestCrawlPageProblems crawls a small site made here: a folder link, which
// does not work from file://, and a page with errors of every kind.
func TestCrawlPageProblems(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"index.html":     `<a href="sub/">folder</a> <a href="bad.html">bad</a>`,
		"sub/index.html": `<a href="../index.html">home</a>`,
		"bad.html": `<img src="gone.png" alt="gone">
			<script>console.error("bad thing"); console.warn("ignored in a crawl"); null.x;</script>`,
	} {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		page := "<!doctype html><html lang=en><meta charset=utf-8><title>t</title>" + body
		if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base := "file://" + filepath.ToSlash(dir) + "/"

	b := Start(t)
	rep, err := b.Crawl(t.Context(), base+"index.html", CrawlOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rel(base, rep.Pages), []string{"index.html", "sub/index.html", "bad.html"}; !slices.Equal(got, want) {
		t.Errorf("Pages = %q, want %q", got, want)
	}
	got := relProblems(base, rep.Failures)
	want := []string{
		"index.html: broken link: sub/: a link to a folder: from file:// it opens a listing, not the folder's index.html",
		"bad.html: failed request: gone.png: net::ERR_FILE_NOT_FOUND",
		"bad.html: console error: bad.html:2: bad thing",
		"bad.html: exception: bad.html:2: Uncaught TypeError: Cannot read properties of null (reading 'x')",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Failures =\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// BenchmarkCrawl crawls a made-up site shaped like the real one (2,000
// patent pages, 200 code pages, each linking to a dozen others and to
// downloads), sampling 300 patents and 50 codes:
//
//	go test -run '^$' -bench Crawl -benchtime 1x ./build/internal/browser/
func BenchmarkCrawl(b *testing.B) {
	const patents, codes = 2000, 200
	dir := b.TempDir()
	write := func(name, body string) {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	page := func(up, title, links string) string {
		return `<!doctype html><html lang=en><meta charset=utf-8><title>` + title + `</title>
<link rel=stylesheet href="` + up + `style.css"><h1>` + title + `</h1>` + links
	}
	write("style.css", "body { font-family: sans-serif }")
	var index strings.Builder
	for i := range patents {
		fmt.Fprintf(&index, `<a href="patent/P%d/index.html">P%d</a> `, i, i)
		var links strings.Builder
		for j := range 10 {
			fmt.Fprintf(&links, `<a href="../P%d/index.html">related</a> `, (i*7+j*13)%patents)
		}
		fmt.Fprintf(&links, `<a href="../../cpc/C%d/index.html">code</a> <a href="../../index.html">home</a>`, i%codes)
		fmt.Fprintf(&links, ` <a href="cite.ris">RIS</a> <a href="cite.bib">BibTeX</a>`)
		write(fmt.Sprintf("patent/P%d/index.html", i), page("../../", fmt.Sprintf("P%d", i), links.String()))
		write(fmt.Sprintf("patent/P%d/cite.ris", i), "TY  - PAT\nER  - \n")
		write(fmt.Sprintf("patent/P%d/cite.bib", i), "@misc{x}\n")
	}
	for i := range codes {
		fmt.Fprintf(&index, `<a href="cpc/C%d/index.html">C%d</a> `, i, i)
		var links strings.Builder
		for j := i; j < patents; j += codes {
			fmt.Fprintf(&links, `<a href="../../patent/P%d/index.html">P%d</a> `, j, j)
		}
		write(fmt.Sprintf("cpc/C%d/index.html", i), page("../../", fmt.Sprintf("C%d", i), links.String()))
	}
	write("index.html", page("", "Home", index.String()))

	br := Start(b)
	for b.Loop() {
		rep, err := br.Crawl(b.Context(), "file://"+filepath.ToSlash(dir)+"/index.html", CrawlOptions{
			Sample: map[string]int{"patent/*/": 300, "cpc/*/": 50},
		})
		if err != nil {
			b.Fatal(err)
		}
		if len(rep.Failures) > 0 || len(rep.Pages) != 351 {
			b.Fatalf("%d pages, failures %v", len(rep.Pages), rep.Failures)
		}
		b.ReportMetric(float64(len(rep.Pages)), "pages/op")
		b.ReportMetric(float64(rep.Links), "links/op")
	}
}
