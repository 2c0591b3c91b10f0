package gates_test

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/corpus"
	"github.com/patentsite/patentsite/build/internal/browser"
	"github.com/patentsite/patentsite/build/internal/validate"
	"github.com/patentsite/patentsite/build/site"
)

// marker is what every injection in testdata/hostile.txt tries to set.
const marker = `typeof window.__pwned`

// injected counts, in the whole document, the elements and attributes that
// only injected markup could have made: the site's pages hold no inline
// script but JSON-LD, no event handler, no javascript: URL, no iframe and
// no image named "x".
const injected = `document.querySelectorAll('script:not([src]):not([type="application/ld+json"]), iframe, object, embed, img[src="x"], a[href^="javascript:" i], [onerror], [onload], [onclick], [onmouseover]').length`

// TestHostile builds testdata/hostile.txt, an export whose titles, names,
// abstracts, codes, families and diagrams carry <script>, attribute
// breakouts, javascript: URLs, template syntax, Markdown links and raw
// HTML, right-to-left overrides, a 100 KB name and ids crafted as paths
// ("../../etc", "a/b", "CON1", 60 digits). Every injection in it tries to set
// window.__pwned. The build must succeed with the records it can read and
// name the others with their lines; nothing may be written outside the
// output directory; every page must be valid HTML; and every page, opened
// in Chromium from a server under /repo/ and from file://, must leave
// window.__pwned undefined, hold no element or attribute made from the
// data, and show the titles and names as text, markup included. The same
// holds for the search page with queries that match the hostile records
// and for the search box's suggestions. search.js builds results with
// textContent only (checked below: no innerHTML or the like in it).
func TestHostile(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	src, err := site.ReadSource("../../testdata/hostile.txt")
	if err != nil {
		t.Fatal(err)
	}
	scratch := t.TempDir()
	parent := filepath.Join(scratch, "p")
	if err := os.Mkdir(parent, 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(parent, "public")
	served := browser.Serve(t, out, "/repo/")
	rep, err := site.Build(t.Context(), site.Config{Corpora: []site.Source{src}, Out: out, BaseURL: served})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	errs := 0
	for _, p := range rep.Problems {
		if p.Severity == corpus.Fatal {
			errs++
			t.Logf("reported: %v", p)
			if p.Pos.Line == 0 {
				t.Errorf("an error without its line: %v", p)
			}
		}
	}
	t.Logf("built %d patents of the hostile corpus; %d records or rows refused with their line", len(rep.Catalog.Patents), errs)

	// Nothing outside out: beside it only its lock file, and nothing beside
	// its parent (a "../../etc" that escaped would land there).
	for dir, want := range map[string][]string{parent: {"public", "public.lock"}, scratch: {"p"}} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if !strings.Contains(strings.Join(want, "\n")+"\n", e.Name()+"\n") {
				t.Errorf("the build wrote %s outside the output directory", filepath.Join(dir, e.Name()))
			}
		}
	}

	// Valid, markup and all.
	afrikaans := validate.Allow{
		Message: "This document appears to be written in Afrikaans but the “html” start tag has “lang=\"en\"”. Consider using “lang=\"af\"” (or variant) instead.",
		Reason:  "the checker guesses the language of patent/EP1000005A1 from its 100 KB name of A's",
	}
	for _, m := range validate.HTML(t, []string{out}, jsonLD, afrikaans) {
		if m.Type == validate.Error || !selfResource.MatchString(m.Message) {
			t.Errorf("%s\n\t%s", m, m.Extract)
		}
	}

	// search.js and site.js make elements and set text; they never parse
	// strings as HTML or code. diagram.js puts mermaid's SVG in with
	// innerHTML: mermaid runs with securityLevel "strict", which sanitizes
	// labels and drops click handlers (the hostile diagram tries both).
	unsafe := regexp.MustCompile(`\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write|\beval\(|new Function|setTimeout\(\s*["'\x60]`)
	for _, js := range []string{"search.js", "site.js", "diagram.js"} {
		data, err := os.ReadFile(filepath.Join(out, "assets", js))
		if err != nil {
			t.Fatal(err)
		}
		found := unsafe.FindAllString(string(data), -1)
		if js == "diagram.js" && strings.Join(found, " ") == ".innerHTML" && strings.Contains(string(data), `securityLevel:"strict"`) {
			continue
		}
		if len(found) > 0 {
			t.Errorf("assets/%s: %q", js, found)
		}
	}

	// Every page is opened in Chromium, those with the 100 KB names too:
	// names are shown clipped where they are listed or head a page, and in
	// full only in a closed <details> (no layout until opened). Shown
	// whole as one word, such a name took Chromium 9 to 18 s per page, and
	// minutes in a multi-column list.
	open := siteFiles(t, out, ".html")
	b := browser.Start(t)
	for _, base := range []string{served, "file://" + filepath.ToSlash(out) + "/"} {
		opened := 0
		for _, pg := range open {
			if pg == "404.html" && strings.HasPrefix(base, "file:") {
				continue // from file:// a missing file never shows it; its <base> is for the server
			}
			if id := stubTarget(rep.Catalog, out, pg); id != "" {
				lands(t, b, base+pg, id) // the stub holds no script; its target is checked as a page too
				opened++
				continue
			}
			start := time.Now()
			p := b.Open(t, base+pg)
			p.WaitFor(`document.readyState === "complete" && document.querySelectorAll("figure.diagram").length === document.querySelectorAll("figure.diagram .drawn svg, figure.diagram p.note").length`)
			if d := time.Since(start); d > 5*time.Second {
				t.Logf("slow: %s took %v to open", base+pg, d.Round(100*time.Millisecond))
			}
			safe(t, p, base+pg)
			p.Close()
			opened++
		}
		t.Logf("%s: %d pages opened, window.__pwned undefined on each, nothing injected", base, opened)

		// The search page, for queries that match the hostile records.
		for _, q := range []string{"script", "pwned", "img onerror", "template", "override", "click javascript", "raw", "AAAA", "title"} {
			u := base + "search/index.html?q=" + url.QueryEscape(q)
			p := b.Open(t, u)
			p.WaitFor(searchDone)
			n := browser.Eval[int](p, `document.querySelectorAll("#results > li").length`)
			if n == 0 {
				t.Errorf("%s: no result", u)
			}
			safe(t, p, u)
			if q == "script" {
				if got := browser.Eval[string](p, `document.getElementById("results").textContent`); !strings.Contains(got, "<script>window.__pwned=1</script>") {
					t.Errorf("%s: the title's <script> is not shown as text: %.200q", u, got)
				}
			}
			p.Close()
		}
		// The suggestions of the search box, on a page that loads quickly.
		p := b.Open(t, base+"about/index.html")
		p.Click("#site-q")
		p.Type("pwned")
		p.WaitFor(`document.querySelectorAll("#search-suggest li").length > 1`)
		safe(t, p, base+"about/index.html (suggestions)")
		if got := browser.Eval[string](p, `document.getElementById("search-suggest").textContent`); !strings.Contains(got, "window.__pwned=1") {
			t.Errorf("the suggestions do not show the markup as text: %.200q", got)
		}
		p.Close()
	}

	// Every value is shown as text: each patent's page, parsed as a browser
	// parses it, holds its title and names, markup and all, as text.
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for _, pt := range rep.Catalog.Patents {
		data, err := os.ReadFile(filepath.Join(out, "patent", pt.ID, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		shown := norm(text(doc))
		for _, v := range append(append([]string{pt.Title}, pt.AssigneeNames...), pt.InventorNames...) {
			if !strings.Contains(shown, norm(v)) {
				t.Errorf("patent/%s: %.80q is not shown as text", pt.ID, v)
			}
		}
	}
	for _, want := range []struct{ id, text string }{
		{"EP1000001A1", "<script>window.__pwned=1</script> Blockchain ledger"},
		{"EP1000002A1", `Attribute breakout "><img src=x onerror="window.__pwned=1"> title`},
		{"EP1000003A1", `Template {{template "base"}} {{.Title}} {{printf "%s" 1}}`},
		{"EP1000004A1", "Right-to-left \u202eoverride\u202e gnp.exe title"},
		{"EP1000008A1", `Family hostile [click](javascript:window.__pwned=1) <b onmouseover="window.__pwned=1">raw</b>`},
	} {
		if pt := rep.Catalog.Patent(want.id); pt == nil || pt.Title != want.text {
			t.Errorf("%s: title %v, want %q kept exactly", want.id, pt, want.text)
		}
	}
}

// safe checks that nothing on p ran or was injected, in the page or in a
// drawn diagram: mermaid measures labels as HTML, so assets/diagram.js
// gives it no "<" that opens a tag (the hostile label "<img src=x
// onerror=…>" once became a live <img> while it drew, which only the CSP
// kept from running), and adopts only the drawing of the SVG it returns.
func safe(t *testing.T, p *browser.Page, where string) {
	t.Helper()
	if got := browser.Eval[string](p, marker); got != "undefined" {
		t.Errorf("%s: injected code ran: window.__pwned is %s", where, got)
	}
	if n := browser.Eval[int](p, injected); n > 0 {
		t.Errorf("%s: %d elements or attributes made from the data", where, n)
	}
	drawn := browser.Eval[int](p, `document.querySelectorAll("figure.diagram .drawn img, figure.diagram .drawn foreignObject, figure.diagram .drawn [onerror], figure.diagram .drawn [onload], figure.diagram .drawn [onclick], figure.diagram .drawn [onmouseover], figure.diagram .drawn script, figure.diagram .drawn a, figure.diagram .drawn iframe").length`)
	if drawn > 0 {
		t.Errorf("%s: %d images, foreign objects, links, handlers or scripts in a drawn diagram", where, drawn)
	}
	for _, pr := range p.Problems() {
		t.Errorf("%s: %s", where, pr)
	}
}

// stubTarget returns the patent a redirect stub leads to, or "" for a page
// that is not a stub.
func stubTarget(c *catalog.Catalog, dir, pg string) string {
	if !isStub(c, pg) {
		return ""
	}
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(pg)))
	if err != nil {
		return ""
	}
	m := regexp.MustCompile(`url=\.\./([^/"]+)/index\.html"`).FindSubmatch(data)
	if m == nil {
		return ""
	}
	return string(m[1])
}
