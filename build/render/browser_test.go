package render_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/patentsite/patentsite/build/internal/browser"
)

// kindPages are one page of each kind, opened in Chromium.
// Levels of the classification that share code.html with another level
// are not run through axe again (same markup, other data).
var kindPages = []struct {
	name, path string
	axe        bool
}{
	{"home", "index.html", true},
	{"patent", "patent/EP3628093A2/index.html", true},
	{"patent-diagram", "patent/CN109087097A/index.html", true},
	{"patent-zh", "patent/CN111885188A/index.html", true},
	{"assignee", "assignee/advanced-new-technologies/index.html", true},
	{"assignee-index", "assignee/index.html", true},
	{"inventor", "inventor/feng-zhiyuan/index.html", true},
	{"inventor-unsplit", "inventor/xu-gaofeng-pei-weibin-yuan-xiaoyi-guan-shuju/index.html", false},
	{"inventor-index", "inventor/by-count.html", true},
	{"cpc-root", "cpc/index.html", true},
	{"cpc-section", "cpc/H/index.html", false},
	{"cpc-class", "cpc/H04/index.html", false},
	{"cpc-subclass", "cpc/H04L/index.html", true},
	{"cpc-group", "cpc/H04L9/index.html", false},
	{"cpc-subgroup", "cpc/H04L9-3239/index.html", true},
	{"ipc-subgroup", "ipc/H04L9-32/index.html", false},
	{"years", "year/index.html", true},
	{"year", "year/2020/index.html", true},
	{"about", "about/index.html", true},
	{"search", "search/index.html", true},
}

// TestBrowser opens a page of each kind from a server under a sub-path and
// from file://, with no console error, failed request or CSP violation, and
// runs axe-core on each in the light and the dark theme.
// PATENTSITE_SCREENSHOTS=DIR also saves a phone and a desktop screenshot of
// each into DIR, for a person to look at.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	dir, _ := seedSite(t)
	b := browser.Start(t)
	shots := os.Getenv("PATENTSITE_SCREENSHOTS")
	bases := map[string]string{
		"server": browser.Serve(t, dir, "/repo/"),
		"file":   "file://" + filepath.ToSlash(dir) + "/",
	}
	for _, where := range []string{"server", "file"} {
		for _, k := range kindPages {
			t.Run(where+"/"+k.name, func(t *testing.T) {
				p := b.Open(t, bases[where]+k.path)
				defer p.Close()
				if strings.Contains(k.name, "diagram") {
					p.WaitFor(`document.querySelectorAll("figure.diagram").length === document.querySelectorAll("figure.diagram .drawn svg, figure.diagram p.note").length`)
				}
				for _, pr := range p.Problems() {
					t.Error(pr)
				}
				if where == "file" || !k.axe {
					return // axe and screenshots once, from the server
				}
				for _, dark := range []bool{false, true} {
					for _, v := range browser.Axe(p, browser.AxeOptions{Dark: dark}) {
						if v.Impact == "serious" || v.Impact == "critical" {
							t.Errorf("dark=%v: %s", dark, v)
						}
					}
				}
				if shots != "" {
					for _, w := range []int{browser.Phone, browser.Desktop} {
						name := filepath.Join(shots, k.name+"-"+map[int]string{browser.Phone: "phone", browser.Desktop: "desktop"}[w]+".png")
						if err := os.WriteFile(name, p.Screenshot(w), 0o644); err != nil {
							t.Fatal(err)
						}
					}
					dark := b.Open(t, bases[where]+k.path, browser.Dark)
					if err := os.WriteFile(filepath.Join(shots, k.name+"-dark.png"), dark.Screenshot(browser.Desktop), 0o644); err != nil {
						t.Fatal(err)
					}
					dark.Close()
				}
			})
		}
	}
}

// TestDiagrams opens every patent page with a mermaid drawing: each diagram
// is drawn (an <svg> appears) or, when mermaid cannot parse it, keeps its
// source with a note; without JavaScript every source is shown. Each page
// loads the 3.5 MB renderer, so by default every fifth page is opened;
// PATENTSITE_ALL_DIAGRAMS=1 opens them all (52 diagrams in the seed: 48
// drawn, 4 with labels mermaid cannot parse shown as source).
func TestDiagrams(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	dir, c := seedSite(t)
	b := browser.Start(t)
	base := browser.Serve(t, dir, "/repo/")
	drawn, failed, seen := 0, 0, 0
	all := os.Getenv("PATENTSITE_ALL_DIAGRAMS") != ""
	for _, pt := range c.Patents {
		mermaid := 0
		for _, d := range pt.Drawings {
			if d.Kind == "mermaid" {
				mermaid++
			}
		}
		if mermaid == 0 {
			continue
		}
		if seen++; !all && seen%5 != 1 {
			continue
		}
		p := b.Open(t, base+"patent/"+pt.ID+"/index.html")
		p.WaitFor(`document.querySelectorAll("figure.diagram").length === document.querySelectorAll("figure.diagram .drawn svg, figure.diagram p.note").length`)
		d := browser.Eval[int](p, `document.querySelectorAll("figure.diagram .drawn svg").length`)
		drawn += d
		failed += mermaid - d
		if src := browser.Eval[int](p, `document.querySelectorAll("figure.diagram pre.mermaid-src").length`); src != mermaid {
			t.Errorf("%s: %d diagram sources kept, want %d", pt.ID, src, mermaid)
		}
		for _, pr := range p.Problems() {
			t.Error(pr)
		}
		p.Close()
	}
	t.Logf("%d diagrams drawn, %d shown as source only", drawn, failed)
	if drawn == 0 {
		t.Errorf("no diagram was drawn")
	}

	p := b.Open(t, base+"patent/CN109087097A/index.html", browser.NoScript)
	if got := browser.Eval[int](p, `document.querySelectorAll("figure.diagram pre.mermaid-src").length`); got == 0 {
		t.Errorf("without JavaScript the diagram source is not shown")
	}
	if got := browser.Eval[int](p, `document.querySelectorAll("svg:not(.chart svg)").length`); got != 0 {
		t.Errorf("without JavaScript %d diagrams were drawn", got)
	}
	for _, pr := range p.Problems() {
		t.Error(pr)
	}
}

// TestCite checks that site.js fills the Cite block with the address the
// page was opened at, from a server and from file://.
func TestCite(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	dir, _ := seedSite(t)
	b := browser.Start(t)
	for _, base := range []string{browser.Serve(t, dir, "/repo/"), "file://" + filepath.ToSlash(dir) + "/"} {
		p := b.Open(t, base+"patent/EP3628093A2/index.html")
		want := base + "patent/EP3628093A2/"
		if strings.HasPrefix(base, "file:") {
			want += "index.html"
		}
		md := browser.Eval[string](p, `document.querySelectorAll("#cite-box code.c")[1].textContent`)
		if !strings.Contains(md, "("+want+")") {
			t.Errorf("Markdown link from %s = %q, want the address %s", base, md, want)
		}
		if n := browser.Eval[int](p, `document.querySelectorAll("#cite-box button.copy").length`); n != 5 {
			t.Errorf("%d copy buttons, want 5", n)
		}
		for _, pr := range p.Problems() {
			t.Error(pr)
		}
	}
}
