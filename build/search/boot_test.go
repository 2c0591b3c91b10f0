package search_test

import (
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/patentsite/patentsite/build/internal/browser"
)

// TestEngineBoot checks boot.js, the start of meta.js that asks for the
// first files of the query in the address before the engine runs. On the
// search page it runs only when meta.js comes before assets/search.js, so
// the test opens a copy of the page that loads meta.js first, always: the
// same results as the search page, the same index files each loaded once
// (the boot asks for none the engine does not use), and for the queries
// it reads, at least their dictionary shards asked for by the boot.
func TestEngineBoot(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	page, err := os.ReadFile(filepath.Join(seedSite(t), "search", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	async := `<script src="s/meta.js" async></script>`
	if !strings.Contains(string(page), async) {
		t.Fatalf("search/index.html does not load meta.js with %s", async)
	}
	first := strings.Replace(string(page), async, `<script src="s/meta.js"></script>`, 1)
	if err := os.WriteFile(filepath.Join(seedSite(t), "search", "boot-first.html"), []byte(first), 0o644); err != nil {
		t.Fatal(err)
	}
	b := browser.Start(t)
	for where, base := range locations(t) {
		t.Run(where, func(t *testing.T) {
			for _, tt := range []struct {
				qs   string
				boot bool // whether the boot reads the query
			}{
				{"q=ledger", true},
				{"q=blockchain", true},
				{"q=Ledgers", true},
				{"q=smart+contract", true},
				{"q=distributed+ledger+consensus", true},
				{"q=the+blockchain", true},
				{"q=" + url.QueryEscape("区块链"), true},
				{"q=" + url.QueryEscape("数据处理 ledger"), true},
				{"q=assignee:alibaba", true},
				{"q=inventor:li", true},
				{"q=zzzyzzy", true},
				{"q=ledger+-bitcoin", false},
				{"q=cpc:H04L9", false},
				{"q=US10637644B1", false},
				{"q=ledger&sort=newest", false},
				{"q=ledger&page=2", false},
			} {
				want := openSearch(t, b, base, "?"+tt.qs)
				got := b.Open(t, base+"search/boot-first.html?"+tt.qs)
				ready(got)
				if ids, wantIDs := shown(t, got), shown(t, want); !slices.Equal(ids, wantIDs) {
					t.Errorf("?%s: boot first shows %v, the search page %v", tt.qs, ids, wantIDs)
				}
				files, wantFiles := indexFiles(t, got), indexFiles(t, want)
				if !slices.Equal(files, wantFiles) {
					t.Errorf("?%s: boot first loads %v, the search page %v", tt.qs, files, wantFiles)
				}
				asked := strings.Fields(browser.Eval[string](got, `document.documentElement.dataset.searchBoot || ""`))
				if tt.boot && !slices.ContainsFunc(asked, func(f string) bool { return f[0] == 't' || f[0] == 'u' }) {
					t.Errorf("?%s: the boot asked for %v, want the dictionary shards", tt.qs, asked)
				}
				if !tt.boot && len(asked) > 0 {
					t.Errorf("?%s: the boot asked for %v, want nothing (the engine reads this query)", tt.qs, asked)
				}
				noProblems(t, got)
				noProblems(t, want)
				got.Close()
				want.Close()
			}
		})
	}
}

// indexFiles returns the names of the index files a page loaded, sorted,
// and fails when one was loaded twice.
func indexFiles(t *testing.T, p *browser.Page) []string {
	t.Helper()
	var out []string
	for _, r := range p.Requests() {
		u, err := url.Parse(r.URL)
		if err != nil || !strings.Contains(u.Path, "/search/s/") {
			continue
		}
		name := path.Base(u.Path)
		if slices.Contains(out, name) {
			t.Errorf("%s loaded twice", name)
		}
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}
