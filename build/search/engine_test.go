package search_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/internal/browser"
	"github.com/patentsite/patentsite/build/search"
	"github.com/patentsite/patentsite/build/site"
)

// The engine's tests run assets/search.js in headless Chromium against the
// whole seed site, from a server under a sub-path and from file://, and
// check what it finds against the catalog.

var seedCatalog = sync.OnceValue(func() *catalog.Catalog {
	c, _, err := site.Load(site.Config{})
	if err != nil {
		panic(err)
	}
	return c
})

// locations returns the seed site's base URLs: served under /repo/, and
// from disk.
func locations(t *testing.T) map[string]string {
	dir := seedSite(t)
	return map[string]string{
		"server": browser.Serve(t, dir, "/repo/"),
		"file":   "file://" + filepath.ToSlash(dir) + "/",
	}
}

// ready waits for the search page to show its results and facets.
func ready(p *browser.Page) {
	p.WaitFor(`["ready", "failed"].includes(document.documentElement.dataset.search)`)
}

// openSearch opens the search page with the query string qs ("?q=…").
func openSearch(t *testing.T, b *browser.Browser, base, qs string, opts ...browser.Option) *browser.Page {
	t.Helper()
	p := b.Open(t, base+"search/index.html"+qs, opts...)
	ready(p)
	if s := browser.Eval[string](p, `document.documentElement.dataset.search`); s != "ready" {
		t.Fatalf("%s: search %s: %s", qs, s, browser.Eval[string](p, `document.getElementById("search-status").textContent`))
	}
	return p
}

// shown returns the patent ids the results list links to, in order, and
// fails when a result does not hold exactly one link.
func shown(t *testing.T, p *browser.Page) []string {
	t.Helper()
	var r struct {
		Items int      `json:"items"`
		Hrefs []string `json:"hrefs"`
	}
	r = browser.Eval[struct {
		Items int      `json:"items"`
		Hrefs []string `json:"hrefs"`
	}](p, `({items: document.querySelectorAll("#results > li").length,
		hrefs: Array.from(document.querySelectorAll("#results a")).map(a => a.href)})`)
	if len(r.Hrefs) != r.Items {
		t.Errorf("#results has %d items and %d links, want one link each", r.Items, len(r.Hrefs))
	}
	var ids []string
	for _, h := range r.Hrefs {
		m := regexp.MustCompile(`/patent/([^/]+)/index\.html$`).FindStringSubmatch(h)
		if m == nil {
			t.Errorf("result link %s is not a patent page", h)
			continue
		}
		ids = append(ids, m[1])
	}
	return ids
}

// found runs a query through the engine and returns every result's id, in
// rank order, and the total it reports.
func found(t *testing.T, p *browser.Page, query string, filters map[string][]string, sort string) (int, []string) {
	t.Helper()
	q, _ := json.Marshal(query)
	f, _ := json.Marshal(filters)
	var r struct {
		Total int      `json:"total"`
		IDs   []string `json:"ids"`
	}
	r = browser.Eval[struct {
		Total int      `json:"total"`
		IDs   []string `json:"ids"`
	}](p, fmt.Sprintf(`patentsiteSearch.search(%s, {filters: %s, sort: %q, need: 1e9}).then(r =>
		patentsiteSearch.docs(Array.from(r.docs)).then(ds => ({total: r.total, ids: ds.map(d => d.id)})))`, q, f, sort))
	return r.Total, r.IDs
}

func noProblems(t *testing.T, p *browser.Page) {
	t.Helper()
	for _, pr := range p.Problems() {
		t.Error(pr)
	}
}

func sorted(ids []string) []string {
	s := slices.Clone(ids)
	slices.Sort(s)
	return slices.Compact(s)
}

func patentIDs(ps []*catalog.Patent) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.ID)
	}
	return sorted(out)
}

// where returns the ids of the seed patents for which keep is true.
func where(keep func(p *catalog.Patent) bool) []string {
	var out []*catalog.Patent
	for _, p := range seedCatalog().Patents {
		if keep(p) {
			out = append(out, p)
		}
	}
	return patentIDs(out)
}

// hasTerms reports whether the free text of p holds every term.
func hasTerms(p *catalog.Patent, terms ...string) bool {
	var names []string
	for _, a := range p.Assignees {
		names = append(names, a.Name)
	}
	for _, in := range p.Inventors {
		names = append(names, in.Name)
	}
	all := search.Terms(p.Title + " " + p.Abstract + " " + strings.Join(names, " ") + " " + strings.ReplaceAll(p.AssigneesRaw, "*", " "))
	for _, t := range terms {
		if !slices.Contains(all, t) {
			return false
		}
	}
	return true
}

func TestEngine(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	b := browser.Start(t)
	for where, base := range locations(t) {
		t.Run(where, func(t *testing.T) {
			t.Run("url", func(t *testing.T) { testURL(t, b, base) })
			t.Run("typing", func(t *testing.T) { testTyping(t, b, base) })
			t.Run("page-typing", func(t *testing.T) { testPageTyping(t, b, base) })
			t.Run("facets-and-back", func(t *testing.T) { testFacets(t, b, base) })
			t.Run("sort", func(t *testing.T) { testSort(t, b, base) })
			t.Run("numbers", func(t *testing.T) { testNumbers(t, b, base) })
			t.Run("chinese", func(t *testing.T) { testChinese(t, b, base) })
			t.Run("fields", func(t *testing.T) { testFields(t, b, base) })
			t.Run("downloads", func(t *testing.T) { testDownloads(t, b, base) })
			t.Run("nojs", func(t *testing.T) { testNoJS(t, b, base) })
		})
	}
}

// testURL opens search/index.html?q=ledger: results with no typing, each a
// link to an existing patent page, the query words marked.
func testURL(t *testing.T, b *browser.Browser, base string) {
	p := openSearch(t, b, base, "?q=ledger")
	ids := shown(t, p)
	want := where(func(p *catalog.Patent) bool { return hasTerms(p, "ledger") })
	if len(ids) != 10 {
		t.Errorf("?q=ledger shows %d results, want a page of 10", len(ids))
	}
	for _, id := range ids {
		if _, ok := slices.BinarySearch(want, id); !ok {
			t.Errorf("?q=ledger shows %s, which has no ledger", id)
		}
		if _, err := os.Stat(filepath.Join(seedSite(t), "patent", id, "index.html")); err != nil {
			t.Errorf("result %s: %v", id, err)
		}
	}
	status := browser.Eval[string](p, `document.getElementById("search-status").textContent`)
	if !strings.Contains(status, fmt.Sprintf("of %d patents", len(want))) {
		t.Errorf("status %q, want the %d patents with ledger", status, len(want))
	}
	marks := browser.Eval[[]string](p, `Array.from(document.querySelectorAll("#results mark")).map(m => m.textContent.toLowerCase())`)
	if len(marks) < 10 {
		t.Errorf("%d marked words on the page, want each title or snippet marked", len(marks))
	}
	for _, m := range marks {
		if !strings.HasPrefix(m, "ledger") {
			t.Errorf("marked %q, want only ledger", m)
		}
	}
	// The rest of the pages hold the other results.
	p2 := openSearch(t, b, base, "?q=ledger&page=4")
	ids4 := shown(t, p2)
	if len(ids4) != len(want)-30 {
		t.Errorf("page 4 of ledger shows %d, want %d", len(ids4), len(want)-30)
	}
	noProblems(t, p)
	noProblems(t, p2)
}

// testTyping types into the header box of a patent page: "/" focuses it,
// results come as you type, arrows and Enter open one, Escape closes.
func testTyping(t *testing.T, b *browser.Browser, base string) {
	p := b.Open(t, base+"patent/EP3628093A2/index.html")
	p.Press("/")
	if id := browser.Eval[string](p, `document.activeElement.id`); id != "site-q" {
		t.Fatalf("after /, focus is on %q, want the search box", id)
	}
	p.Type("ledg")
	p.WaitFor(`document.documentElement.dataset.suggest === "ledg"`)
	titles := browser.Eval[[]string](p, `Array.from(document.querySelectorAll("#search-suggest [role=option] .hit-title")).map(a => a.textContent)`)
	if len(titles) == 0 {
		t.Fatal("no suggestions for ledg")
	}
	for _, ti := range titles {
		if !strings.Contains(strings.ToLower(ti), "ledger") {
			t.Logf("suggestion %q has no ledger in its title (it may be in the abstract)", ti)
		}
	}
	p.Press("Escape")
	if !browser.Eval[bool](p, `document.getElementById("search-suggest").hidden`) {
		t.Error("Escape does not close the suggestions")
	}
	p.Type("er")
	p.WaitFor(`document.documentElement.dataset.suggest === "ledger"`)
	p.Press("ArrowDown", "ArrowDown", "ArrowUp")
	want := browser.Eval[string](p, `document.querySelector("#search-suggest [aria-selected=true]").dataset.href`)
	if want != browser.Eval[string](p, `document.querySelector("#search-suggest [role=option]").dataset.href`) {
		t.Errorf("down, down, up selects %s, want the first suggestion", want)
	}
	p.Press("Enter")
	p.WaitLoad()
	if got := p.URL(); got != want {
		t.Errorf("Enter opened %s, want %s", got, want)
	}
	noProblems(t, p)

	// A click on an option opens it too; the last option opens the full
	// results. The options hold no link (axe: nested-interactive).
	p = b.Open(t, base+"about/index.html")
	p.Click("#site-q")
	p.Type("ledger")
	p.WaitFor(`document.documentElement.dataset.suggest === "ledger"`)
	if n := browser.Eval[int](p, `document.querySelectorAll("#search-suggest a, #search-suggest li:not([role=option])").length`); n != 0 {
		t.Errorf("%d links or non-options in the suggestions", n)
	}
	all := browser.Eval[string](p, `document.querySelector("#search-suggest [role=option]:last-child").dataset.href`)
	if !strings.Contains(all, "search/index.html?q=ledger") {
		t.Errorf("the last option leads to %s, want the full results", all)
	}
	p.Click("#search-suggest [role=option]:last-child")
	p.WaitLoad()
	if got := p.URL(); got != all {
		t.Errorf("a click on the last option opened %s, want %s", got, all)
	}
	noProblems(t, p)
}

// testPageTyping types on the search page: results update, the URL follows.
func testPageTyping(t *testing.T, b *browser.Browser, base string) {
	p := openSearch(t, b, base, "")
	p.Click("#search-q")
	p.Type("smart contract")
	p.WaitFor(`new URLSearchParams(location.search).get("q") === "smart contract" && document.documentElement.dataset.search === "ready"`)
	ids := shown(t, p)
	want := where(func(p *catalog.Patent) bool { return hasTerms(p, "smart", "contract") })
	if len(ids) == 0 || len(want) == 0 {
		t.Fatalf("smart contract: %d shown, %d in the catalog", len(ids), len(want))
	}
	for _, id := range ids {
		if _, ok := slices.BinarySearch(want, id); !ok {
			t.Errorf("smart contract shows %s, which lacks a word", id)
		}
	}
	noProblems(t, p)
}

// testFacets chooses facet values: OR within a facet, AND across facets;
// the URL keeps them and Back undoes them.
func testFacets(t *testing.T, b *browser.Browser, base string) {
	c := seedCatalog()
	p := openSearch(t, b, base, "?q=blockchain")
	blockchain := where(func(p *catalog.Patent) bool { return hasTerms(p, "blockchain") })
	count := func(keep func(*catalog.Patent) bool) int {
		n := 0
		for _, pt := range c.Patents {
			if hasTerms(pt, "blockchain") && keep(pt) {
				n++
			}
		}
		return n
	}
	facet := func(title, value string) string {
		return fmt.Sprintf(`Array.from(Array.from(document.querySelectorAll("#search-facets section")).find(s => s.querySelector("h2").textContent === %q)
			.querySelectorAll("a.facet-value")).find(a => a.firstChild.textContent === %q)`, title, value)
	}
	// The counts shown are the catalog's.
	got := browser.Eval[string](p, facet("Country", "US")+`.parentNode.querySelector(".n").textContent`)
	if want := fmt.Sprint(count(func(p *catalog.Patent) bool { return p.Country == "US" })); got != want {
		t.Errorf("blockchain: US count %s, want %s", got, want)
	}
	total := func() string {
		return browser.Eval[string](p, `document.getElementById("search-status").textContent`)
	}
	click := func(title, value string) {
		t.Helper()
		browser.Eval[bool](p, facet(title, value)+`.click() || true`)
		ready(p)
	}
	click("Country", "US")
	wantUS := count(func(p *catalog.Patent) bool { return p.Country == "US" })
	if !strings.Contains(total(), fmt.Sprintf("%d patents", wantUS)) || !strings.Contains(p.URL(), "country=US") {
		t.Errorf("after US: %q at %s, want %d patents and country=US in the URL", total(), p.URL(), wantUS)
	}
	click("Country", "EP")
	wantOr := count(func(p *catalog.Patent) bool { return p.Country == "US" || p.Country == "EP" })
	if !strings.Contains(total(), fmt.Sprintf("%d patents", wantOr)) {
		t.Errorf("after US or EP: %q, want %d patents", total(), wantOr)
	}
	for _, id := range shown(t, p) {
		if !strings.HasPrefix(id, "US") && !strings.HasPrefix(id, "EP") {
			t.Errorf("US or EP shows %s", id)
		}
	}
	click("Kind", "A1")
	wantAnd := count(func(p *catalog.Patent) bool { return (p.Country == "US" || p.Country == "EP") && p.Kind == "A1" })
	if !strings.Contains(total(), fmt.Sprintf("%d patents", wantAnd)) {
		t.Errorf("after (US or EP) and A1: %q, want %d patents", total(), wantAnd)
	}
	// A facet's own counts ignore its own selection: US is still counted.
	if got := browser.Eval[string](p, facet("Country", "US")+`.parentNode.querySelector(".n").textContent`); got != fmt.Sprint(count(func(p *catalog.Patent) bool { return p.Country == "US" && p.Kind == "A1" })) {
		t.Errorf("with A1 chosen, the US count is %s", got)
	}
	p.Back()
	ready(p)
	if !strings.Contains(total(), fmt.Sprintf("%d patents", wantOr)) || strings.Contains(p.URL(), "kind=") {
		t.Errorf("back from A1: %q at %s, want %d patents", total(), p.URL(), wantOr)
	}
	p.Back()
	p.Back()
	ready(p)
	if !strings.Contains(total(), fmt.Sprintf("of %d patents", len(blockchain))) {
		t.Errorf("back to the start: %q, want %d patents", total(), len(blockchain))
	}
	// Facets without words browse the catalog.
	p2 := openSearch(t, b, base, "?country=KR")
	if ids := shown(t, p2); len(ids) != len(where(func(p *catalog.Patent) bool { return p.Country == "KR" })) {
		t.Errorf("?country=KR shows %v", ids)
	}
	noProblems(t, p)
	noProblems(t, p2)
}

// testSort checks the orders by publication and priority date.
func testSort(t *testing.T, b *browser.Browser, base string) {
	c := seedCatalog()
	byID := map[string]*catalog.Patent{}
	for _, pt := range c.Patents {
		byID[pt.ID] = pt
	}
	p := openSearch(t, b, base, "?q=blockchain")
	for _, tt := range []struct {
		sort string
		key  func(*catalog.Patent) string
		desc bool
	}{
		{"newest", func(p *catalog.Patent) string { return p.Published }, true},
		{"oldest", func(p *catalog.Patent) string { return p.Published }, false},
		{"priority-newest", func(p *catalog.Patent) string { return p.EarliestPriority }, true},
		{"priority-oldest", func(p *catalog.Patent) string { return p.EarliestPriority }, false},
	} {
		_, ids := found(t, p, "blockchain", nil, tt.sort)
		var keys []string
		for _, id := range ids {
			if k := tt.key(byID[id]); k != "" {
				keys = append(keys, k)
			}
		}
		ok := slices.IsSorted(keys)
		if tt.desc {
			ok = slices.IsSortedFunc(keys, func(a, b string) int { return strings.Compare(b, a) })
		}
		if !ok || len(ids) == 0 {
			t.Errorf("sort=%s: dates %v", tt.sort, keys)
		}
	}
	// Through the page: the select, the URL and the dates shown.
	browser.Eval[bool](p, `(s => { s.value = "oldest"; s.dispatchEvent(new Event("change")); return true })(document.getElementById("search-sort"))`)
	ready(p)
	if !strings.Contains(p.URL(), "sort=oldest") {
		t.Errorf("sort=oldest not in the URL %s", p.URL())
	}
	ids := shown(t, p)
	if len(ids) == 0 || byID[ids[0]].Published > byID[ids[len(ids)-1]].Published {
		t.Errorf("oldest first shows %v", ids)
	}
	noProblems(t, p)
}

// testNumbers looks up publication numbers in every spelling, own and
// family members'.
func testNumbers(t *testing.T, b *browser.Browser, base string) {
	p := openSearch(t, b, base, "")
	for _, tt := range []struct{ q, want string }{
		{"US10789216B1", "US10789216B1"},
		{"US10789216", "US10789216B1"},
		{"us 10,789,216", "US10789216B1"},
		{"10789216", "US10789216B1"},
		{"US10824601", "US10789216B1"}, // a family member
		{"WO202014512", "WO2020014512A1"},
		{"WO2020/014512", "WO2020014512A1"},
		{"wo 2020/14512 a1", "WO2020014512A1"},
		{"US10708250B2", "WO2020014512A1"}, // a family member
		{"KR10-2172903", "KR102172903B1"},
		{"KR102172903B1", "KR102172903B1"},
		{"102172903", "KR102172903B1"},
		{"CN211857397U", "CN211857397U"},
		{"CN 211857397", "CN211857397U"},
		{"EP3628093A2", "EP3628093A2"},
		{"EP 3628093", "EP3628093A2"},
		{"US20200349568", "EP3628093A2"},  // family
		{"WO2019/137567", "EP3628093A2"},  // family, WO with slash
		{"SG11201910069Y", "EP3628093A2"}, // family, letter at the end
		{"JPWO2019198131", "WO2019198131A1"},
		{"TWI706647", "EP3552166A2"},
		{"IN8383/DELNP/2009", "EP3583526A1"},
		{"KR101849917", "WO2018070848A1"},
		{"US20170046652 ledger", "US20170046652A1"}, // a number among words
	} {
		_, ids := found(t, p, tt.q, nil, "")
		if len(ids) == 0 || ids[0] != tt.want {
			t.Errorf("%q finds %v first, want %s", tt.q, ids[:min(len(ids), 3)], tt.want)
		}
	}
	// Through the URL and the box.
	p2 := openSearch(t, b, base, "?q="+url.QueryEscape("us 10,789,216"))
	if ids := shown(t, p2); len(ids) == 0 || ids[0] != "US10789216B1" {
		t.Errorf("?q=us 10,789,216 shows %v", ids)
	}
	p3 := b.Open(t, base+"index.html")
	p3.Click("#site-q")
	p3.Type("KR10-2172903")
	p3.WaitFor(`document.documentElement.dataset.suggest === "KR10-2172903"`)
	if got := browser.Eval[string](p3, `document.querySelector("#search-suggest [role=option]").dataset.href`); !strings.Contains(got, "/patent/KR102172903B1/") {
		t.Errorf("typing KR10-2172903 suggests %s first", got)
	}
	noProblems(t, p)
	noProblems(t, p2)
	noProblems(t, p3)
}

// testChinese searches Chinese words.
func testChinese(t *testing.T, b *browser.Browser, base string) {
	for _, q := range []string{"区块链", "数据处理", "一种区块链金融大数据处理方法"} {
		p := openSearch(t, b, base, "?q="+url.QueryEscape(q))
		var pairs []string
		r := []rune(q)
		for i := 1; i < len(r); i++ {
			pairs = append(pairs, string(r[i-1:i+1]))
		}
		want := where(func(p *catalog.Patent) bool { return hasTerms(p, pairs...) })
		total, ids := found(t, p, q, nil, "")
		if total != len(want) || !slices.Equal(sorted(ids), want) {
			t.Errorf("%s: %d results, want %d", q, total, len(want))
		}
		titles := browser.Eval[[]string](p, `Array.from(document.querySelectorAll("#results > li > a")).map(a => a.textContent)`)
		if len(titles) == 0 || !strings.Contains(titles[0], q[:6]) {
			t.Errorf("%s: first title %q", q, titles)
		}
		if marks := browser.Eval[int](p, `document.querySelectorAll("#results mark").length`); marks == 0 {
			t.Errorf("%s: nothing marked", q)
		}
		noProblems(t, p)
	}
}

// testFields runs field queries and compares every result with the catalog.
func testFields(t *testing.T, b *browser.Browser, base string) {
	c := seedCatalog()
	p := openSearch(t, b, base, "")
	codes := func(cls []catalog.Class, prefix string) bool {
		for _, cl := range cls {
			if strings.HasPrefix(cl.Node.Code, prefix) {
				return true
			}
		}
		return false
	}
	year := func(d string) string {
		if len(d) < 4 {
			return ""
		}
		return d[:4]
	}
	inventorPair := func(p *catalog.Patent, a, b string) bool {
		for _, in := range p.Inventors {
			ws := search.Terms(in.Name)
			for i := 1; i < len(ws); i++ {
				if ws[i-1] == a && ws[i] == b {
					return true
				}
			}
		}
		return false
	}
	alibaba := func(p *catalog.Patent) bool {
		for _, a := range p.Assignees {
			if slices.Contains(search.Terms(a.Name), "alibaba") {
				return true
			}
		}
		return slices.Contains(search.Terms(p.AssigneesRaw), "alibaba")
	}
	for _, tt := range []struct {
		q    string
		keep func(*catalog.Patent) bool
	}{
		{"assignee:alibaba", alibaba},
		{`inventor:"feng zhiyuan"`, func(p *catalog.Patent) bool { return inventorPair(p, "feng", "zhiyuan") }},
		{`inventor:"zhiyuan feng"`, func(p *catalog.Patent) bool { return inventorPair(p, "feng", "zhiyuan") }},
		{"cpc:H04L9", func(p *catalog.Patent) bool { return codes(p.CPC, "H04L9/") }},
		{"cpc:H04L9/32", func(p *catalog.Patent) bool { return codes(p.CPC, "H04L9/32") }},
		{"H04L 9/32", func(p *catalog.Patent) bool { return codes(p.CPC, "H04L9/32") || codes(p.IPC, "H04L9/32") }},
		{"ipc:G06F", func(p *catalog.Patent) bool { return codes(p.IPC, "G06F") }},
		{"cpc:H04L9/3239 ipc:G06F", func(p *catalog.Patent) bool { return codes(p.CPC, "H04L9/3239") && codes(p.IPC, "G06F") }},
		{"country:CN", func(p *catalog.Patent) bool { return p.Country == "CN" }},
		{"country:US,EP", func(p *catalog.Patent) bool { return p.Country == "US" || p.Country == "EP" }},
		{"kind:B1", func(p *catalog.Patent) bool { return p.Kind == "B1" }},
		{"year:2019", func(p *catalog.Patent) bool { return year(p.Published) == "2019" }},
		{"priority:2018..2019", func(p *catalog.Patent) bool { y := year(p.EarliestPriority); return y == "2018" || y == "2019" }},
		{"ledger country:US", func(p *catalog.Patent) bool { return hasTerms(p, "ledger") && p.Country == "US" }},
		{"ledger -blockchain", func(p *catalog.Patent) bool { return hasTerms(p, "ledger") && !hasTerms(p, "blockchain") }},
		{"blockchain -country:CN", func(p *catalog.Patent) bool { return hasTerms(p, "blockchain") && p.Country != "CN" }},
		{"vehicles collision", func(p *catalog.Patent) bool { return hasTerms(p, "vehicle", "collision") }},
		{"blockchain-based ledgers", func(p *catalog.Patent) bool { return hasTerms(p, "blockchain", "based", "ledger") }},
	} {
		want := where(tt.keep)
		total, ids := found(t, p, tt.q, nil, "")
		if total != len(want) || !slices.Equal(sorted(ids), want) {
			t.Errorf("%s: %d results, the catalog has %d\n got %v\nwant %v", tt.q, total, len(want), sorted(ids), want)
		}
	}
	_ = c
	// A quoted phrase: every result shown has the words together.
	p2 := openSearch(t, b, base, "?q="+url.QueryEscape(`"smart contract"`))
	for _, id := range shown(t, p2) {
		var text string
		for _, pt := range c.Patents {
			if pt.ID == id {
				text = strings.Join(search.Terms(pt.Title+" "+pt.Abstract), " ")
			}
		}
		if !strings.Contains(" "+text+" ", " smart contract ") {
			t.Errorf(`"smart contract" shows %s without the phrase`, id)
		}
	}
	// No match at all.
	p3 := openSearch(t, b, base, "?q=xylophonequartz")
	if ids := shown(t, p3); len(ids) != 0 {
		t.Errorf("xylophonequartz shows %v", ids)
	}
	noProblems(t, p)
	noProblems(t, p2)
	noProblems(t, p3)
}

// testDownloads fetches the RIS, BibTeX and CSV of a result list, as a
// list page links to them: search/index.html?cpc=H04L9&download=ris.
func testDownloads(t *testing.T, b *browser.Browser, base string) {
	c := seedCatalog()
	want := len(c.CPC.Node("H04L9").Patents)
	p := openSearch(t, b, base, "?cpc=H04L9&download=ris")
	p.WaitFor(`document.getElementById("download-ris").dataset.ready`)
	text := browser.Eval[string](p, `patentsiteSearch.lastDownload.text`)
	if n := strings.Count(text, "TY  - PAT"); n != want {
		t.Errorf("RIS of cpc=H04L9 has %d records, want %d", n, want)
	}
	if !strings.Contains(text, "UR  - ") || !strings.Contains(text, "/patent/") {
		t.Errorf("RIS records lack the patent URL:\n%.400s", text)
	}
	for _, f := range []struct{ id, count string }{{"bib", "@patent{"}, {"csv", "/patent/"}} {
		browser.Eval[bool](p, `document.getElementById("download-`+f.id+`").click() || true`)
		p.WaitFor(`document.getElementById("download-` + f.id + `").dataset.ready`)
		text := browser.Eval[string](p, `patentsiteSearch.lastDownload.text`)
		if n := strings.Count(text, f.count); n != want {
			t.Errorf("%s of cpc=H04L9 has %d records, want %d", f.id, n, want)
		}
	}
	// A code as in a page's path.
	p2 := openSearch(t, b, base, "?cpc=H04L9-3239")
	if got := browser.Eval[string](p2, `document.getElementById("search-status").textContent`); !strings.Contains(got, fmt.Sprintf("of %d patents", len(c.CPC.Node("H04L9/3239").Patents))) {
		t.Errorf("?cpc=H04L9-3239: %q, want the %d patents of H04L9/3239", got, len(c.CPC.Node("H04L9/3239").Patents))
	}
	noProblems(t, p)
	noProblems(t, p2)

	// The downloads each list page links to hold exactly the patents it
	// lists (all its pages): an assignee, an inventor, a CPC section, an
	// IPC subgroup, a country.
	byCountry := 0
	for _, pt := range c.Patents {
		if pt.Country == "KR" {
			byCountry++
		}
	}
	var ibm, feng int
	for _, a := range c.Assignees {
		if a.Slug == "ibm" {
			ibm = len(a.Patents)
		}
	}
	for _, in := range c.Inventors {
		if in.Slug == "feng-zhiyuan" {
			feng = len(in.Patents)
		}
	}
	for _, l := range []struct {
		page string
		want int
	}{
		{"assignee/ibm/index.html", ibm},
		{"inventor/feng-zhiyuan/index.html", feng},
		{"cpc/H/index.html", len(c.CPC.Node("H").Patents)},
		{"ipc/H04L9-32/index.html", len(c.IPC.Node("H04L9/32").Patents)},
		{"country/KR/index.html", byCountry},
	} {
		lp := b.Open(t, base+l.page)
		href := browser.Eval[string](lp, `(document.querySelector("p.downloads a") || {}).href || ""`)
		lp.Close()
		if !strings.HasSuffix(href, "download=ris") {
			t.Errorf("%s: no RIS download link (%q)", l.page, href)
			continue
		}
		dp := b.Open(t, href)
		dp.WaitFor(`document.getElementById("download-ris") && document.getElementById("download-ris").dataset.ready`)
		text := browser.Eval[string](dp, `patentsiteSearch.lastDownload.text`)
		if n := strings.Count(text, "TY  - PAT"); n != l.want || n == 0 {
			t.Errorf("%s: its RIS download (%s) has %d records, want %d", l.page, href, n, l.want)
		}
		noProblems(t, dp)
		dp.Close()
	}
}

// testNoJS opens the search page with JavaScript off: it says so and links
// to the browse pages.
func testNoJS(t *testing.T, b *browser.Browser, base string) {
	p := b.Open(t, base+"search/index.html?q=ledger", browser.NoScript)
	text := browser.Eval[string](p, `document.querySelector("main").innerText`)
	if !strings.Contains(text, "Search needs JavaScript") {
		t.Errorf("without JavaScript the page says %q", text)
	}
	links := browser.Eval[[]string](p, `Array.from(document.querySelectorAll("main a")).map(a => a.getAttribute("href"))`)
	for _, want := range []string{"../assignee/", "../cpc/index.html", "../year/index.html"} {
		if !slices.ContainsFunc(links, func(l string) bool { return strings.HasPrefix(l, want) }) {
			t.Errorf("without JavaScript no link to %s in %v", want, links)
		}
	}
}
