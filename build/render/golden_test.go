package render_test

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/patentsite/patentsite"
	"github.com/patentsite/patentsite/build/internal/golden"
	"github.com/patentsite/patentsite/build/render"
	"github.com/patentsite/patentsite/build/site"
)

// goldenPages are one page of each kind (and each classification level)
// from the seed catalog, compared as rendered (from minified templates, so
// as written), with a line break put before each block-level tag so that a
// change shows as a readable line diff.
var goldenPages = map[string]string{
	"index.html":                     "home",
	"about/index.html":               "about",
	"search/index.html":              "search",
	"patent/EP3628093A2/index.html":  "patent",
	"patent/CN109087097A/index.html": "patent-diagram",
	"inventor/xu-gaofeng-pei-weibin-yuan-xiaoyi-guan-shuju/index.html": "inventor-unsplit",
	"patent/CN111885188A/index.html":                                   "patent-zh",
	"assignee/index.html":                                              "assignee-index",
	"assignee/by-count.html":                                           "assignee-by-count",
	"assignee/ibm/index.html":                                          "assignee",
	"inventor/feng-zhiyuan/index.html":                                 "inventor",
	"cpc/index.html":                                                   "cpc-root",
	"cpc/H/index.html":                                                 "cpc-section",
	"cpc/H04/index.html":                                               "cpc-class",
	"cpc/H04L/index.html":                                              "cpc-subclass",
	"cpc/H04L9/index.html":                                             "cpc-group",
	"cpc/H04L9-3239/index.html":                                        "cpc-subgroup",
	"ipc/H04L9-32/index.html":                                          "ipc-subgroup",
	"country/index.html":                                               "countries",
	"country/KR/index.html":                                            "country",
	"year/2017/index.html":                                             "year",
	"priority-year/2016/index.html":                                    "priority-year",
	"kind/U/index.html":                                                "kind",
}

func TestGolden(t *testing.T) {
	c, _, err := site.Load(site.Config{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := render.Config{
		Templates:   patentsite.Templates(),
		Assets:      patentsite.Assets(),
		Content:     patentsite.Content(),
		PatentFiles: []string{"index.json"},
	}
	found := map[string]bool{}
	for f, err := range render.Site(c, cfg) {
		if err != nil {
			t.Fatal(err)
		}
		name, ok := goldenPages[f.Path]
		if !ok {
			continue
		}
		found[f.Path] = true
		golden.Check(t, "golden/"+name+".html", lines(f.Data))
	}
	for p := range goldenPages {
		if !found[p] {
			t.Errorf("no page %s", p)
		}
	}
}

// blockTag matches a block-level start tag in minified HTML.
var blockTag = regexp.MustCompile(`<(?:html|head|body|header|main|footer|nav|section|article|aside|div|p|h[1-6]|ul|ol|dl|table|thead|tbody|tr|figure|figcaption|details|pre|form|svg|li|dt|dd|meta|link|script|title|text|rect|path|!doctype)[\s>]`)

// lines puts a line break before each block-level start tag of a minified
// page that is not at the start of a line.
func lines(page []byte) []byte {
	var out []byte
	last := 0
	for _, m := range blockTag.FindAllIndex(page, -1) {
		out = append(out, page[last:m[0]]...)
		if m[0] > 0 && page[m[0]-1] != '\n' {
			out = append(out, '\n')
		}
		last = m[0]
	}
	return append(out, page[last:]...)
}

// TestBaseURL checks what a base URL adds: a canonical link, og:url, the
// JSON-LD url and absolute permalinks in the Cite block.
func TestBaseURL(t *testing.T) {
	c, _, err := site.Load(site.Config{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := render.Config{Templates: patentsite.Templates(), BaseURL: "https://example.github.io/repo/"}
	for f, err := range render.Site(c, cfg) {
		if err != nil {
			t.Fatal(err)
		}
		if f.Path != "patent/EP3628093A2/index.html" {
			continue
		}
		s := string(f.Data)
		for _, want := range []string{
			`<link rel="canonical" href="https://example.github.io/repo/patent/EP3628093A2/">`,
			`<meta property="og:url" content="https://example.github.io/repo/patent/EP3628093A2/">`,
			`"url":"https://example.github.io/repo/patent/EP3628093A2/"`,
			`<code class="c">https://example.github.io/repo/patent/EP3628093A2/</code>`,
			`. https://example.github.io/repo/patent/EP3628093A2/</code>`,
		} {
			if !strings.Contains(s, want) {
				t.Errorf("page lacks %s", want)
			}
		}
		if strings.Contains(s, "data-rel=") {
			t.Errorf("with a base URL the Cite block needs no script to fill it in")
		}
		return
	}
	t.Fatal("no patent page")
}

// TestEscaping renders a catalog whose text is hostile and checks that it
// comes out as text: markup, template syntax and script-closing tags.
func TestEscaping(t *testing.T) {
	const evil = `</script><script>alert(1)</script>"><img src=x onerror=alert(1)>{{.}}`
	c, _, err := site.Load(site.Config{})
	if err != nil {
		t.Fatal(err)
	}
	p := c.Patents[0]
	p.Title = evil
	p.Abstract = evil
	p.Inventors[0].Name = evil
	cfg := render.Config{Templates: patentsite.Templates()}
	for f, err := range render.Site(c, cfg) {
		if err != nil {
			t.Fatal(err)
		}
		if f.Path != "patent/"+p.ID+"/index.html" {
			continue
		}
		s := string(f.Data)
		if strings.Contains(s, "<script>alert") || strings.Contains(s, "<img src=x") {
			t.Errorf("hostile text came out as markup")
		}
		if n := strings.Count(s, "</script>"); n != 1+strings.Count(s, "<script src=") {
			t.Errorf("%d </script> tags: the JSON-LD block was broken out of", n)
		}
		return
	}
	t.Fatal("no patent page")
}

// TestTemplatesOverride replaces one template and checks that the others
// fall back to the embedded ones.
func TestTemplatesOverride(t *testing.T) {
	c, _, err := site.Load(site.Config{})
	if err != nil {
		t.Fatal(err)
	}
	mine := fstest.MapFS{"patent.html": {Data: []byte(`{{define "main"}}<h1 class="mine">{{.Patent.Title}}</h1>{{end}}`)}}
	cfg := render.Config{Templates: mine, Fallback: patentsite.Templates()}
	pages := 0
	for f, err := range render.Site(c, cfg) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if f.Kind == "patent" && !strings.Contains(string(f.Data), `<h1 class="mine">`) {
			t.Fatalf("%s: the override was not used", f.Path)
		}
	}
	if pages < 1000 {
		t.Errorf("%d pages", pages)
	}
	// A base.html of the older form, one "base" template for the whole
	// page, still works.
	old := fstest.MapFS{"base.html": {Data: []byte(`{{define "base"}}<title>{{.Base.Title}}</title>{{template "main" .}}{{end}}`)}}
	for f, err := range render.Site(c, render.Config{Templates: old, Fallback: patentsite.Templates()}) {
		if err != nil {
			t.Fatal(err)
		}
		if f.Path == "patent/EP3628093A2/index.html" {
			if s := string(f.Data); !strings.HasPrefix(s, "<title>EP3628093A2: ") || !strings.Contains(s, "<h1>") {
				t.Errorf("a base.html defining \"base\" gives %.200q", s)
			}
			break
		}
	}
	_, err = render.ParseTemplates(fstest.MapFS{"base.html": {Data: []byte(`{{define "base"}}{{.Nope}`)}}, patentsite.Templates())
	if err == nil || !strings.Contains(err.Error(), "base.html") {
		t.Errorf("a broken template gives %v, want an error naming base.html", err)
	}
}
