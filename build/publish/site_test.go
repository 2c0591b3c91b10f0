package publish_test

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/corpus"
	"github.com/patentsite/patentsite/build/internal/browser"
	"github.com/patentsite/patentsite/build/publish"
	"github.com/patentsite/patentsite/build/site"
)

// exampleBase is the base URL of the shared seed build.
const exampleBase = "https://example.github.io/catalog/"

var shared struct {
	once sync.Once
	dir  string
	cat  *catalog.Catalog
	err  error
}

// seedSite returns the seed site built once for the tests that only read
// it, with base URL exampleBase.
func seedSite(t *testing.T) (string, *catalog.Catalog) {
	t.Helper()
	shared.once.Do(func() {
		dir, err := os.MkdirTemp("", "publish-test-")
		if err != nil {
			shared.err = err
			return
		}
		shared.dir = filepath.Join(dir, "public")
		start := time.Now()
		rep, err := site.Build(context.Background(), site.Config{Out: shared.dir, BaseURL: exampleBase})
		shared.cat, shared.err = rep.Catalog, err
		t.Logf("built the seed site (base URL %q) in %v: %d files", exampleBase, time.Since(start).Round(time.Millisecond), rep.Stats.Total.Files)
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.dir, shared.cat
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.dir != "" {
		os.RemoveAll(filepath.Dir(shared.dir))
	}
	os.Exit(code)
}

// TestSite builds the seed catalog, serves it under /repo/ as GitHub Pages
// would, with that address as its base URL, and checks the published site
// in Chromium: a crawl from the home page over http and from file://, the
// redirects of every family of spellings, the resolver, and the 404 page
// at depth three.
func TestSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the seed site and starts Chromium")
	}
	dir := filepath.Join(t.TempDir(), "public")
	b := browser.Start(t)
	base := browser.Serve(t, dir, "/repo/")
	zipFile := filepath.Join(t.TempDir(), "catalog.zip")
	_, cat := buildZip(t, dir, base, zipFile)
	fileBase := "file://" + filepath.ToSlash(dir) + "/"

	for _, where := range []struct{ name, base string }{{"http", base}, {"file", fileBase}} {
		t.Run("crawl/"+where.name, func(t *testing.T) {
			start := time.Now()
			rep, err := b.Crawl(t.Context(), where.base+"index.html", browser.CrawlOptions{
				Sample: map[string]int{
					"patent/*/": 25, "assignee/*/": 10, "assignee/*/page/*/": 2, "inventor/*/": 10,
					"cpc/*/": 25, "ipc/*/": 15, "year/*/": 3, "priority-year/*/": 3, "country/*/": 3, "kind/*/": 3,
					"*/page/*/": 3,
					// Every list links to the search with its query; each of
					// those is a page of its own to the crawler.
					"search/": 6,
				},
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range rep.Failures {
				if f.Kind == browser.LoadFailure && strings.Contains(f.Text, "waiting for the page's requests to finish") {
					// The crawler reuses a tab; a request still running for
					// the previous page when it moves on (search.js) can be
					// counted against the next page, which then never looks
					// idle (a race in browser.recorder). Open such a page
					// alone: it must load cleanly there.
					p := b.Open(t, f.Page)
					probs := p.Problems()
					p.Close()
					for _, pr := range probs {
						t.Error(pr)
					}
					if len(probs) == 0 {
						t.Logf("%s: the crawl's tab never settled (%s); opened alone, the page loads cleanly", f.Page, f.Text)
					}
					continue
				}
				t.Error(f)
			}
			t.Logf("crawled %d pages, checked %d links, %d pages skipped by sampling, in %v",
				len(rep.Pages), rep.Links, rep.Skipped, time.Since(start).Round(time.Millisecond))
			if len(rep.Pages) < 100 {
				t.Errorf("crawled only %d pages", len(rep.Pages))
			}
		})
	}

	spellings := publish.Spellings(cat)
	samples := sampleSpellings(t, spellings)
	for _, where := range []struct{ name, base, index string }{{"http", base, ""}, {"file", fileBase, "index.html"}} {
		t.Run("redirects/"+where.name, func(t *testing.T) {
			for _, s := range samples {
				lands(t, b, where.base+"patent/"+s.Key+"/"+where.index, s.Target.ID)
			}
		})
		t.Run("resolver/"+where.name, func(t *testing.T) {
			for _, tt := range resolverCases(cat) {
				lands(t, b, where.base+"patent/resolve.html?"+tt.query, tt.id)
			}
			// The form and the fragment form.
			lands(t, b, where.base+"patent/resolve.html?q="+url.QueryEscape("wo 2020/014512 a1"), "WO2020014512A1")
			lands(t, b, where.base+"patent/resolve.html#KR10-2020-0123976", "KR20200123976A")
			p := b.Open(t, where.base+"patent/resolve.html?XX999999999")
			p.WaitFor(`document.getElementById("resolve-status").textContent.indexOf("No patent") >= 0`)
			if got := browser.Eval[string](p, `document.querySelector("#resolve-status a").getAttribute("href")`); !strings.Contains(got, "search/index.html?q=XX999999999") {
				t.Errorf("no match: link %q, want one to the search", got)
			}
			for _, pr := range p.Problems() {
				t.Error(pr)
			}
		})
	}

	// The zip, unpacked, is the same site: crawl a sample of it from
	// file:// and follow a redirect and the resolver there.
	t.Run("zip", func(t *testing.T) {
		unpacked := unzip(t, zipFile)
		zipBase := "file://" + filepath.ToSlash(filepath.Join(unpacked, "catalog")) + "/"
		rep, err := b.Crawl(t.Context(), zipBase+"index.html", browser.CrawlOptions{MaxPages: 60})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range rep.Failures {
			t.Error(f)
		}
		t.Logf("crawled %d pages of the unpacked zip", len(rep.Pages))
		lands(t, b, zipBase+"patent/WO202014512/index.html", "WO2020014512A1")
		lands(t, b, zipBase+"patent/resolve.html?KR10-2172903", "KR102172903B1")
	})

	t.Run("404", func(t *testing.T) {
		for _, noScript := range []bool{false, true} {
			var opts []browser.Option
			if noScript {
				opts = append(opts, browser.NoScript)
			}
			missing := base + "a/b/c/missing"
			p := b.Open(t, missing, opts...)
			notFound(t, p, missing)
			if got := browser.Eval[string](p, `getComputedStyle(document.querySelector("header.top")).display`); got == "" || got == "inline" {
				t.Errorf("noscript=%v: the stylesheet did not apply at depth three (header display %q)", noScript, got)
			}
			p.Click("main a[href='index.html']")
			p.WaitLoad()
			if got := p.URL(); got != base+"index.html" {
				t.Errorf("noscript=%v: Home from %s went to %s, want %sindex.html", noScript, missing, got, base)
			}
			for _, pr := range p.Problems() {
				if pr.URL != missing {
					t.Errorf("noscript=%v: %s", noScript, pr)
				}
			}
		}
		// A spelling that has no stub (lower case, a slash) goes through
		// 404.html and the resolver.
		lands(t, b, base+"patent/wo2020/014512/", "WO2020014512A1")
		lands(t, b, base+"patent/ep3628093a2/", "EP3628093A2")
	})

	// Last, as it removes the stubs: the resolver mode is this site without
	// them (TestResolverMode checks that), and on GitHub Pages every
	// spelling must still resolve, through 404.html.
	t.Run("resolver-mode", func(t *testing.T) {
		for _, s := range spellings {
			if err := os.RemoveAll(filepath.Join(dir, "patent", s.Key)); err != nil {
				t.Fatal(err)
			}
		}
		for _, s := range samples {
			lands(t, b, base+"patent/"+s.Key+"/", s.Target.ID)
		}
	})
}

// buildZip builds the seed site into dir and the zip file.
func buildZip(t *testing.T, dir, base, zipFile string) (string, *catalog.Catalog) {
	t.Helper()
	start := time.Now()
	rep, err := site.Build(context.Background(), site.Config{Out: dir, BaseURL: base, Zip: zipFile})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("built the seed site (base URL %q) and %s in %v: %d files", base, filepath.Base(zipFile), time.Since(start).Round(time.Millisecond), rep.Stats.Total.Files)
	return dir, rep.Catalog
}

// unzip unpacks a zip into a new directory and returns it.
func unzip(t *testing.T, file string) string {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	dir := t.TempDir()
	for _, f := range zr.File {
		if !filepath.IsLocal(f.Name) {
			t.Fatalf("zip entry %q leaves the folder", f.Name)
		}
		dst := filepath.Join(dir, filepath.FromSlash(f.Name))
		if f.FileInfo().IsDir() {
			os.MkdirAll(dst, 0o755)
			continue
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// notFound checks that p shows the 404 page.
func notFound(t *testing.T, p *browser.Page, u string) {
	t.Helper()
	if got := browser.Eval[string](p, `document.querySelector("h1").textContent`); got != "Page not found" {
		t.Errorf("%s: h1 %q, want the 404 page", u, got)
	}
}

// lands opens u and waits until the page is patent/<id>/index.html, or
// patent/<id>/ over http.
func lands(t *testing.T, b *browser.Browser, u, id string) {
	t.Helper()
	// The meta refresh, or the resolver's location.replace, may happen
	// before or after Open returns.
	want := "/patent/" + id + "/"
	cond := fmt.Sprintf(`(location.pathname.endsWith(%[1]q) || location.pathname.endsWith(%[1]q + "index.html")) && document.readyState === "complete" && document.body.textContent.includes(%[2]q)`, want, id)
	p, ok := b.OpenNavigating(t, u, cond, 30*time.Second)
	if !ok {
		t.Errorf("%s: still on %s after 30s, want %s", u, p.URL(), want)
		p.Close()
		return
	}
	if got := browser.Eval[string](p, `document.querySelector("h1").textContent`); got == "" || got == "Page not found" {
		t.Errorf("%s: landed on %s with h1 %q, want the page of %s", u, p.URL(), got, id)
	}
	for _, pr := range p.Problems() {
		if pr.Kind == browser.FailedRequest && pr.URL == u && strings.Contains(pr.Text, "404") {
			continue // the 404 page itself, before the resolver replaces it
		}
		t.Errorf("%s: %s", u, pr)
	}
	p.Close()
}

// sampleSpellings picks up to three spellings of each family: number
// without kind, unpadded WO with and without kind, KR grant and
// application dash forms with and without kind, and family members (in the
// catalog or not) by id and by number.
func sampleSpellings(t *testing.T, all []publish.Spelling) []publish.Spelling {
	t.Helper()
	families := []struct {
		name string
		is   func(publish.Spelling) bool
	}{
		{"own number", func(s publish.Spelling) bool { return !s.Member && s.Key == s.Target.Number }},
		{"WO unpadded with kind", func(s publish.Spelling) bool {
			return regexp.MustCompile(`^WO\d{4}[1-9]\d{0,4}[A-Z]\d?$`).MatchString(s.Key)
		}},
		{"WO unpadded", func(s publish.Spelling) bool { return regexp.MustCompile(`^WO\d{4}[1-9]\d{0,4}$`).MatchString(s.Key) }},
		{"KR grant dash", func(s publish.Spelling) bool { return regexp.MustCompile(`^KR10-\d{7}$`).MatchString(s.Key) }},
		{"KR grant dash with kind", func(s publish.Spelling) bool { return regexp.MustCompile(`^KR10-\d{7}[A-Z]\d?$`).MatchString(s.Key) }},
		{"KR application dash", func(s publish.Spelling) bool { return regexp.MustCompile(`^KR10-\d{4}-\d{7}$`).MatchString(s.Key) }},
		{"KR application dash with kind", func(s publish.Spelling) bool {
			return regexp.MustCompile(`^KR10-\d{4}-\d{7}[A-Z]\d?$`).MatchString(s.Key)
		}},
		{"member id", func(s publish.Spelling) bool {
			return s.Member && !strings.HasSuffix(s.Key, s.Target.Number) && regexp.MustCompile(`[A-Z]\d?$`).MatchString(s.Key)
		}},
		{"member number", func(s publish.Spelling) bool { return s.Member && regexp.MustCompile(`\d$`).MatchString(s.Key) }},
	}
	var out []publish.Spelling
	for _, f := range families {
		n := 0
		for _, s := range all {
			if n < 3 && f.is(s) {
				out = append(out, s)
				n++
			}
		}
		if n == 0 {
			t.Errorf("the seed has no spelling of the family %q", f.name)
		}
	}
	return out
}

type resolverCase struct{ query, id string }

// resolverCases are spellings that cannot be a path: slashes, spaces,
// lower case, quotes, the printed forms of the export.
func resolverCases(c *catalog.Catalog) []resolverCase {
	return []resolverCase{
		{url.QueryEscape("WO2020/014512"), "WO2020014512A1"},
		{url.QueryEscape("WO2020/014512 A1"), "WO2020014512A1"},
		{"wo202014512a1", "WO2020014512A1"},
		{url.QueryEscape("EP3628093 A2"), "EP3628093A2"},
		{"ep3628093", "EP3628093A2"},
		{"KR10-2172903", "KR102172903B1"},
		{url.QueryEscape("KR10-2020-0123976"), "KR20200123976A"},
		{"CN211857397U", "CN211857397U"},
		{url.QueryEscape("CN211857397U U"), "CN211857397U"},
		{"CN110998633A", "EP3628093A2"}, // a family member not in the catalog
		{url.QueryEscape("**US10789216** B1"), c.Resolve("US10789216B1").ID},
	}
}

// TestRedirectFiles follows the meta refresh of every stub of the seed
// site on disk: it must name patent/<ID>/index.html of the patent that the
// spelling's canonical form resolves to, and the page must exist.
func TestRedirectFiles(t *testing.T) {
	dir, cat := seedSite(t)
	refresh := regexp.MustCompile(`<meta http-equiv="refresh" content="0; url=([^"]+)">`)
	canonical := regexp.MustCompile(`<link rel="canonical" href="([^"]+)">`)
	n := 0
	for _, s := range publish.Spellings(cat) {
		stub := "patent/" + s.Key + "/index.html"
		data, err := os.ReadFile(filepath.Join(dir, stub))
		if err != nil {
			t.Errorf("%s: %v", s.Key, err)
			continue
		}
		m := refresh.FindSubmatch(data)
		if m == nil {
			t.Errorf("%s: no meta refresh in %s", s.Key, data)
			continue
		}
		target := path.Join(path.Dir(stub), string(m[1]))
		if want := "patent/" + resolve(cat, s.Key) + "/index.html"; target != want {
			t.Errorf("%s leads to %s, want %s", s.Key, target, want)
		}
		if _, err := os.Stat(filepath.Join(dir, target)); err != nil {
			t.Errorf("%s: %v", s.Key, err)
		}
		if c := canonical.FindSubmatch(data); c == nil || string(c[1]) != exampleBase+path.Dir(target)+"/" {
			t.Errorf("%s: canonical link %q, want the permalink of %s", s.Key, c, target)
		}
		if bytes.Contains(data, []byte("<script")) {
			t.Errorf("%s: the stub holds a script", s.Key)
		}
		n++
	}
	t.Logf("%d redirect stubs checked", n)
	if n < 1000 {
		t.Errorf("only %d stubs", n)
	}
}

// resolve is what a spelling leads to, by the parser's own normalization.
func resolve(c *catalog.Catalog, key string) string {
	if p := c.Resolve(key); p != nil {
		return p.ID
	}
	num, kind := key, ""
	if m := regexp.MustCompile(`^(.*\d)([A-Z]\d?)$`).FindStringSubmatch(key); m != nil {
		num, kind = m[1], m[2]
	}
	n, k := corpus.Canonical(num, kind)
	if p := c.Resolve(n + k); p != nil {
		return p.ID
	}
	if p := c.Resolve(n); p != nil {
		return p.ID
	}
	return ""
}

// TestCitationsImport imports every cite.ris and cite.bib of the seed site
// with Citation.js and checks the fields against the catalog.
func TestCitationsImport(t *testing.T) {
	tools := toolsDir(t)
	node, err := exec.LookPath("node")
	if err != nil {
		skipOrFail(t, "no node on PATH")
	}
	base := exampleBase
	dir, cat := seedSite(t)
	var files []string
	for _, p := range cat.Patents {
		files = append(files, filepath.Join(dir, "patent", p.ID, "cite.ris"), filepath.Join(dir, "patent", p.ID, "cite.bib"))
	}
	start := time.Now()
	cmd := exec.Command(node, append([]string{"testdata/cite-import.js", tools}, files...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	t.Logf("imported %d files with Citation.js in %v", len(files), time.Since(start).Round(time.Millisecond))
	type csl struct {
		Type     string `json:"type"`
		Title    string `json:"title"`
		Abstract string `json:"abstract"`
		URL      string `json:"URL"`
		Number   string `json:"number"`
		Genre    string `json:"genre"`
		Place    string `json:"publisher-place"`
		Language string `json:"language"`
		Author   []struct {
			Family  string `json:"family"`
			Given   string `json:"given"`
			Literal string `json:"literal"`
		} `json:"author"`
		Issued struct {
			DateParts [][]int `json:"date-parts"`
		} `json:"issued"`
	}
	type record struct {
		File     string           `json:"file"`
		Tags     []map[string]any `json:"tags"`
		CSL      []csl            `json:"csl"`
		Error    string           `json:"error"`
		Warnings []string         `json:"warnings"`
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<24)
	seen := 0
	for sc.Scan() {
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		seen++
		id := filepath.Base(filepath.Dir(r.File))
		p := cat.Patent(id)
		name := id + "/" + filepath.Base(r.File)
		if r.Error != "" || len(r.Warnings) > 0 {
			t.Errorf("%s: error %q, warnings %q", name, r.Error, r.Warnings)
			continue
		}
		if len(r.CSL) != 1 {
			t.Errorf("%s: %d records, want 1", name, len(r.CSL))
			continue
		}
		c := r.CSL[0]
		if c.Type != "patent" {
			t.Errorf("%s: type %q, want patent", name, c.Type)
		}
		if c.Title != p.Title {
			t.Errorf("%s: title %q, want %q", name, c.Title, p.Title)
		}
		if c.Abstract != "" {
			t.Errorf("%s: abstract %.60q…, want none (citations leave it out)", name, c.Abstract)
		}
		if want := base + "patent/" + id + "/"; c.URL != want {
			t.Errorf("%s: URL %q, want %q", name, c.URL, want)
		}
		var authors []string
		for _, a := range c.Author {
			n := a.Literal
			if n == "" {
				n = a.Family
				if a.Given != "" {
					n += ", " + a.Given
				}
			}
			authors = append(authors, n)
		}
		var want []string
		for _, n := range p.InventorNames {
			want = append(want, strings.Join(strings.Fields(n), " "))
		}
		if len(authors) != len(want) {
			t.Errorf("%s: authors %q, want one per inventor %q", name, authors, want)
		} else {
			for i := range want {
				if !sameName(authors[i], want[i]) {
					t.Errorf("%s: author %d %q, want %q", name, i+1, authors[i], want[i])
				}
			}
		}
		if p.Published != "" {
			if got := fmt.Sprint(c.Issued.DateParts); got != fmt.Sprint([][]int{dateParts(p.Published)}) {
				t.Errorf("%s: issued %s, want %s", name, got, p.Published)
			}
		}
		if strings.HasSuffix(r.File, ".bib") {
			if c.Number != p.ID || c.Place != p.Country {
				t.Errorf("%s: number %q, place %q, want %q, %q", name, c.Number, c.Place, p.ID, p.Country)
			}
			if !strings.HasPrefix(c.Genre, "pat") {
				t.Errorf("%s: genre (biblatex type) %q", name, c.Genre)
			}
			continue
		}
		// RIS: the tags as the RIS parser read them.
		tags := r.Tags[0]
		for tag, want := range map[string]string{
			"TY": "PAT", "CY": p.Country, "VL": p.Number, "IS": p.Kind,
			"PB": strings.Join(assignees(p), "; "),
		} {
			if got := fmt.Sprint(tags[tag]); want != "" && got != want {
				t.Errorf("%s: %s %q, want %q", name, tag, got, want)
			}
		}
	}
	if seen != len(files) {
		t.Errorf("imported %d files, want %d", seen, len(files))
	}
}

func assignees(p *catalog.Patent) []string {
	if len(p.AssigneeNames) == 0 && p.PrimaryName != "" {
		return []string{p.PrimaryName}
	}
	return p.AssigneeNames
}

// sameName compares names as printed and as parsed, ignoring where the
// parser put the comma and spaces: "SMITH, John" parses to family SMITH,
// given John.
func sameName(got, want string) bool {
	norm := func(s string) string { return strings.Join(strings.Fields(strings.ReplaceAll(s, ",", " ")), " ") }
	return norm(got) == norm(want)
}

func dateParts(iso string) []int {
	var y, m, d int
	fmt.Sscanf(iso, "%d-%d-%d", &y, &m, &d)
	return []int{y, m, d}
}

// toolsDir is the npm tools folder scripts/install-tools fills.
func toolsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("PATENTSITE_TOOLS")
	if dir == "" {
		abs, err := filepath.Abs("../../.tools")
		if err != nil {
			t.Fatal(err)
		}
		dir = abs
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@citation-js", "plugin-ris")); err != nil {
		skipOrFail(t, "no Citation.js in "+dir+"; run scripts/install-tools")
	}
	return dir
}

func skipOrFail(t *testing.T, msg string) {
	t.Helper()
	if v := os.Getenv("CI"); v != "" && v != "0" && v != "false" {
		t.Fatal(msg + " (CI is set)")
	}
	t.Skip(msg)
}

// TestSitemapAndFeed checks that sitemap.xml and feed.atom are well-formed
// XML with the expected entries, and that every URL in them is a file of
// the site.
func TestSitemapAndFeed(t *testing.T) {
	base := exampleBase
	dir, cat := seedSite(t)

	var sm struct {
		XMLName xml.Name
		URLs    []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	data, err := os.ReadFile(filepath.Join(dir, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(data, &sm); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	if sm.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" || sm.XMLName.Local != "urlset" {
		t.Errorf("sitemap.xml root %v", sm.XMLName)
	}
	locs := map[string]bool{}
	for _, u := range sm.URLs {
		rel, ok := strings.CutPrefix(u.Loc, base)
		if !ok {
			t.Errorf("sitemap URL %q is not under %s", u.Loc, base)
			continue
		}
		locs[rel] = true
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel), "index.html")); err != nil && !strings.HasSuffix(rel, ".html") {
			t.Errorf("sitemap URL %s: %v", u.Loc, err)
		}
	}
	for _, p := range cat.Patents {
		if !locs["patent/"+p.ID+"/"] {
			t.Errorf("sitemap lacks %s", p.ID)
		}
	}
	for _, want := range []string{"", "cpc/", "cpc/H04L9-3239/", "assignee/", "assignee/by-count.html", "year/2020/"} {
		if !locs[want] {
			t.Errorf("sitemap lacks %q", base+want)
		}
	}
	// Every HTML page of the site that is not a continuation, a stub or a
	// search/resolver page is in the sitemap.
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, dir+string(filepath.Separator)))
		dirForm := strings.TrimSuffix(rel, "index.html")
		switch {
		case strings.Contains(rel, "/page/"), strings.Contains(rel, "by-count-"), strings.Contains(rel, "index-"),
			rel == "404.html", rel == "search/index.html", rel == publish.ResolverPage, strings.HasPrefix(rel, "about/"):
			return nil
		case strings.HasPrefix(rel, "patent/") && cat.Patent(strings.Split(rel, "/")[1]) == nil:
			return nil // a redirect stub
		}
		if !locs[dirForm] && !locs[rel] {
			t.Errorf("sitemap lacks %s", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	var feed struct {
		XMLName xml.Name
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Entries []struct {
			ID        string `xml:"id"`
			Title     string `xml:"title"`
			Published string `xml:"published"`
			Link      struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	data, err = os.ReadFile(filepath.Join(dir, publish.FeedPath))
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(data, &feed); err != nil {
		t.Fatalf("feed.atom: %v", err)
	}
	if feed.XMLName.Space != "http://www.w3.org/2005/Atom" || feed.XMLName.Local != "feed" {
		t.Errorf("feed.atom root %v", feed.XMLName)
	}
	if len(feed.Entries) != 50 {
		t.Errorf("feed has %d entries, want 50", len(feed.Entries))
	}
	newest := slices.MaxFunc(cat.Patents, func(a, b *catalog.Patent) int { return strings.Compare(a.Published, b.Published) })
	if feed.Updated != newest.Published+"T00:00:00Z" {
		t.Errorf("feed updated %q, want the newest publication %s", feed.Updated, newest.Published)
	}
	ids := map[string]bool{}
	for i, e := range feed.Entries {
		if i > 0 && e.Published > feed.Entries[i-1].Published {
			t.Errorf("entry %d (%s) is newer than the one before", i+1, e.Title)
		}
		if ids[e.ID] || !strings.HasPrefix(e.ID, "urn:uuid:") {
			t.Errorf("entry id %q: duplicate or not a urn:uuid", e.ID)
		}
		ids[e.ID] = true
		rel, ok := strings.CutPrefix(e.Link.Href, base)
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel), "index.html")); !ok || err != nil {
			t.Errorf("entry link %q is not a page of the site", e.Link.Href)
		}
	}

	robots, err := os.ReadFile(filepath.Join(dir, "robots.txt"))
	if err != nil || !bytes.Contains(robots, []byte("Sitemap: "+base+"sitemap.xml\n")) {
		t.Errorf("robots.txt = %q, %v; want it to name the sitemap", robots, err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".nojekyll")); err != nil {
		t.Error(err)
	}
}
