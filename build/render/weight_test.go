package render_test

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// budgets are the most a page of each kind may weigh, in bytes: its HTML
// and the CSS and JavaScript it loads, minified, before compression
// (images: none but inline SVG). Issue 7 sets the patent page's at 60 KB.
var budgets = map[string]int64{
	"patent":         60_000,
	"patent-diagram": 3_800_000, // the vendored mermaid renderer is 3.5 MB
	"home":           60_000,
	"assignee":       60_000,
	"inventor":       60_000,
	"names":          100_000,
	"code":           60_000,
	"group":          60_000,
	"groups":         50_000,
	"content":        50_000,
	"search":         50_000,
	"other":          60_000,
}

// htmlBudgets are the most the HTML alone of a page of each kind may weigh
// in the seed site: a page's HTML is repeated for every patent, assignee,
// inventor and code, and at 100,000 records the site must stay far inside
// GitHub Pages' 1 GB. The heaviest patent page has a family of 41 members.
// The lists of the seed are short; at scale a list page holds up to 100
// patents (300 names), about 13 KB (20 KB).
var htmlBudgets = map[string]int64{
	"patent":         21_000,
	"patent-diagram": 14_000,
	"home":           10_000,
	"assignee":       11_000,
	"inventor":       4_000,
	"names":          45_000,
	"code":           18_000,
	"group":          12_000,
	"groups":         4_500,
	"content":        6_500,
	"search":         5_000,
	"other":          60_000, // pages of other stages: redirect stubs, 404.html
}

// medianPatentHTML is the most the median patent page of the seed may
// weigh: most of the site's pages are patent and inventor pages.
const medianPatentHTML = 8_000

// pageKind names the budget of a page by its path.
func pageKind(p string, html []byte) string {
	switch dir, _, _ := strings.Cut(p, "/"); {
	case p == "index.html":
		return "home"
	case dir == "patent":
		if strings.Contains(string(html), "mermaid.min.js") {
			return "patent-diagram"
		}
		return "patent"
	case dir == "assignee" || dir == "inventor":
		if strings.Count(p, "/") == 1 {
			return "names"
		}
		return dir
	case dir == "cpc" || dir == "ipc":
		return "code"
	case dir == "year" || dir == "priority-year" || dir == "country" || dir == "kind":
		if strings.Count(p, "/") == 1 {
			return "groups"
		}
		return "group"
	case dir == "search":
		return "search"
	case dir == "about":
		return "content"
	}
	return "other"
}

// TestPageWeight weighs every page of the seed site against its budget and
// logs the heaviest of each kind.
func TestPageWeight(t *testing.T) {
	dir, _ := seedSite(t)
	size := map[string]int64{}
	fileSize := func(p string) int64 {
		if n, ok := size[p]; ok {
			return n
		}
		fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			t.Errorf("%s: %v", p, err)
			return 0
		}
		size[p] = fi.Size()
		return fi.Size()
	}
	type heaviest struct {
		page        string
		html, total int64
	}
	worst := map[string]heaviest{}
	var patents []int
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, dir+string(filepath.Separator)))
		total := int64(len(data))
		for _, src := range parsePage(rel, data).srcs {
			if strings.HasSuffix(src, ".css") || strings.HasSuffix(src, ".js") {
				total += fileSize(path.Join(path.Dir(rel), src))
			}
		}
		k := pageKind(rel, data)
		if total > budgets[k] {
			t.Errorf("%s (%s) weighs %d bytes with its CSS and JS, budget %d", rel, k, total, budgets[k])
		}
		if n := int64(len(data)); n > htmlBudgets[k] {
			t.Errorf("%s (%s) weighs %d bytes of HTML, budget %d", rel, k, n, htmlBudgets[k])
		}
		if (k == "patent" || k == "patent-diagram") && strings.Contains(string(data), `aria-label="Site"`) {
			patents = append(patents, len(data))
		}
		if int64(len(data)) > worst[k].html {
			worst[k] = heaviest{rel, int64(len(data)), total}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for k, w := range worst {
		t.Logf("%-15s heaviest %-60s HTML %6d B (budget %6d), with CSS+JS %8d B (budget %d)", k, w.page, w.html, htmlBudgets[k], w.total, budgets[k])
	}
	if _, ok := worst["patent"]; !ok {
		t.Fatal("no patent page without a diagram was weighed")
	}
	slices.Sort(patents)
	median := patents[len(patents)/2]
	t.Logf("median patent page: HTML %d B of %d pages (budget %d)", median, len(patents), medianPatentHTML)
	if median > medianPatentHTML {
		t.Errorf("the median patent page weighs %d bytes of HTML, budget %d", median, medianPatentHTML)
	}
}
