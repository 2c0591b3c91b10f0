package render_test

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// budgets are the most a page of each kind may weigh, in bytes: its HTML
// and the CSS and JavaScript it loads, minified, before compression
// (images: none but inline SVG). Issue 7 sets the patent page's at 60 KB;
// the others leave room for a catalog much larger than the seed, whose
// lists are paginated.
var budgets = map[string]int64{
	"patent":         60_000,
	"patent-diagram": 3_800_000, // the vendored mermaid renderer is 3.5 MB
	"home":           60_000,
	"assignee":       80_000,
	"inventor":       80_000,
	"names":          100_000,
	"code":           80_000,
	"group":          80_000,
	"groups":         40_000,
	"content":        40_000,
	"search":         40_000,
	"other":          60_000,
}

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
		if total > worst[k].total {
			worst[k] = heaviest{rel, int64(len(data)), total}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for k, w := range worst {
		t.Logf("%-15s heaviest %-60s HTML %6d B, with CSS+JS %8d B (budget %d)", k, w.page, w.html, w.total, budgets[k])
	}
	if _, ok := worst["patent"]; !ok {
		t.Error("no patent page without a diagram was weighed")
	}
}
