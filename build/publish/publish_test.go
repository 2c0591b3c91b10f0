package publish

import (
	"bytes"
	"encoding/xml"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/patentsite/patentsite"
	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/corpus"
	"github.com/patentsite/patentsite/build/output"
)

func seed(t testing.TB) *catalog.Catalog {
	t.Helper()
	data, err := os.ReadFile("../../content/000_04432fcfb20ee3f1.txt")
	if err != nil {
		t.Fatal(err)
	}
	recs, _ := corpus.Parse("content/000_04432fcfb20ee3f1.txt", data)
	ad, err := os.ReadFile("../../content/aliases.txt")
	if err != nil {
		t.Fatal(err)
	}
	al, _ := catalog.ParseAliases("content/aliases.txt", ad)
	return catalog.Build(recs, al)
}

// files collects what Site yields, by path.
func files(t *testing.T, c *catalog.Catalog, cfg Config) map[string]output.File {
	t.Helper()
	cfg.Fallback = patentsite.Templates()
	out := map[string]output.File{}
	for f, err := range Site(c, cfg) {
		if err != nil {
			t.Fatal(err)
		}
		if _, dup := out[f.Path]; dup {
			t.Fatalf("%s yielded twice", f.Path)
		}
		out[f.Path] = f
	}
	return out
}

func TestSpellingsSeed(t *testing.T) {
	c := seed(t)
	got := map[string]string{}
	for _, s := range Spellings(c) {
		got[s.Key] = s.Target.ID
	}
	for _, tt := range []struct{ key, want string }{
		{"US10789216", "US10789216B1"},      // number without kind
		{"EP3628093", "EP3628093A2"},        // number without kind
		{"WO202014512A1", "WO2020014512A1"}, // unpadded WO serial, with kind
		{"WO202014512", "WO2020014512A1"},   // and without
		{"WO2020014512", "WO2020014512A1"},  // padded, without kind
		{"KR10-2172903", "KR102172903B1"},   // KR grant, dash form
		{"KR10-2172903B1", "KR102172903B1"}, // with kind
		{"KR10-2020-0123976", "KR20200123976A"},
		{"KR10-2020-0123976A", "KR20200123976A"},
		{"CN110998633A", "EP3628093A2"},    // family member not in the catalog, by id
		{"CN110998633", "EP3628093A2"},     // and by number
		{"WO2019137567A2", "EP3628093A2"},  // a WO family member
		{"KR10-2172699", "WO2019147069A1"}, // a KR family member, dash form
		{"CN211857397", "CN211857397U"},    // utility model number
	} {
		if got[tt.key] != tt.want {
			t.Errorf("spelling %s leads to %q, want %s", tt.key, got[tt.key], tt.want)
		}
	}
	for key, id := range got {
		if c.Patent(key) != nil {
			t.Errorf("spelling %s is itself a patent id (it leads to %s)", key, id)
		}
		if !pathSafe(key) {
			t.Errorf("spelling %q is not path-safe", key)
		}
	}
	if !slices.IsSortedFunc(Spellings(c), func(a, b Spelling) int { return strings.Compare(a.Key, b.Key) }) {
		t.Error("Spellings is not sorted")
	}
	t.Logf("%d spellings for %d patents", len(got), len(c.Patents))
}

func TestPathSafe(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"EP3628093", true},
		{"KR10-2020-0123976A", true},
		{"WO2020/014512", false},
		{"EP3628093 A2", false},
		{"ep3628093", false},
		{"KR10-", false},
		{"EP", false},
		{"ABCDEF", false}, // no digit
		{"IN8383DELNP2009", true},
		{"CON1", true}, // safe: under patent/, and the writer checks device names anyway
		{"../../etc", false},
		{"EP1.html", false},
		{strings.Repeat("A", 30) + strings.Repeat("1", 40), false},
	} {
		if got := pathSafe(tt.in); got != tt.want {
			t.Errorf("pathSafe(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestPrintedForms(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"WO2020014512", []string{"WO202014512"}},
		{"WO2020001234", []string{"WO20201234"}},
		{"WO2019147069", nil}, // no zero padding to drop
		{"KR102172903", []string{"KR10-2172903"}},
		{"KR20200123976", []string{"KR10-2020-0123976"}},
		{"EP3628093", nil},
		{"US20170046652", nil},
	} {
		got := printedForms(tt.in)
		if len(got) == 0 && len(tt.want) == 0 {
			continue
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("printedForms(%q) = %q, want %q", tt.in, got, tt.want)
		}
		for _, f := range got {
			if n, _ := corpus.Canonical(f, ""); n != tt.in {
				t.Errorf("corpus.Canonical(%q) = %q, not back to %q", f, n, tt.in)
			}
		}
	}
}

// TestModes checks that the resolver mode is the stubs mode without the
// stubs (TestSite in site_test.go relies on it), that Auto chooses by
// StubLimit, and that the stubs are small.
func TestModes(t *testing.T) {
	c := seed(t)
	stubs := files(t, c, Config{Redirects: Stubs})
	resolver := files(t, c, Config{Redirects: Resolver})
	n := 0
	for p, f := range stubs {
		if f.Kind == KindRedirect {
			n++
			if len(f.Data) > 700 {
				t.Errorf("stub %s is %d bytes", p, len(f.Data))
			}
			if _, ok := resolver[p]; ok {
				t.Errorf("resolver mode has the stub %s", p)
			}
			continue
		}
		if r, ok := resolver[p]; !ok || !bytes.Equal(r.Data, f.Data) {
			t.Errorf("%s differs between the modes", p)
		}
	}
	if len(resolver) != len(stubs)-n {
		t.Errorf("resolver mode has %d files, want %d", len(resolver), len(stubs)-n)
	}
	if len(Spellings(c)) != n {
		t.Errorf("%d stubs for %d spellings", n, len(Spellings(c)))
	}
	auto := files(t, c, Config{})
	if len(auto) != len(stubs) {
		t.Errorf("Auto on the seed wrote %d files, want the stubs mode's %d", len(auto), len(stubs))
	}
	small := files(t, c, Config{StubLimit: 100})
	if len(small) != len(resolver) {
		t.Errorf("Auto with StubLimit 100 wrote %d files, want the resolver mode's %d", len(small), len(resolver))
	}
	t.Logf("stubs mode: %d files (%d stubs); resolver mode: %d files", len(stubs), n, len(resolver))
}

// TestShards checks that every lookup key is in the shard its hash names,
// leading to the patent Resolve gives.
func TestShards(t *testing.T) {
	c := seed(t)
	keys, total := lookupKeys(c)
	for _, n := range []int{1, 2, 16} {
		sh := shards(c, keys, n)
		line := regexp.MustCompile(`^patentsiteShard\("([0-9a-f]+)","((?:[^"\\]|\\.)*)"\);\n$`)
		found := 0
		for i, data := range sh {
			m := line.FindSubmatch(data)
			if m == nil {
				t.Fatalf("shard %d of %d: %.80q is not a patentsiteShard call", i, n, data)
			}
			if string(m[1]) != shardName(i, n) {
				t.Errorf("shard %d of %d names itself %q", i, n, m[1])
			}
			for _, l := range strings.Split(strings.ReplaceAll(string(m[2]), `\n`, "\n"), "\n") {
				f := strings.Fields(l)
				for _, k := range f[1:] {
					found++
					if shardOf(k, n) != i {
						t.Errorf("%s is in shard %d of %d, its hash says %d", k, i, n, shardOf(k, n))
					}
					if p := c.Resolve(k); p == nil || p.ID != f[0] {
						t.Errorf("shard: %s → %s, Resolve gives %v", k, f[0], p)
					}
				}
			}
		}
		if found != total {
			t.Errorf("%d shards hold %d keys, want %d", n, found, total)
		}
	}
	for _, tt := range []struct{ keys, want int }{{0, 1}, {1024, 1}, {1025, 2}, {616000, 1024}} {
		if got := shardCount(tt.keys); got != tt.want {
			t.Errorf("shardCount(%d) = %d, want %d", tt.keys, got, tt.want)
		}
	}
	if got := shardName(10, 1024); got != "00a" {
		t.Errorf("shardName(10, 1024) = %q, want 00a", got)
	}
}

// TestSitemapSplit lowers the sitemap limit to check the index form.
func TestSitemapSplit(t *testing.T) {
	c := seed(t)
	old := sitemapMax
	sitemapMax = 500
	defer func() { sitemapMax = old }()
	fs := files(t, c, Config{BaseURL: "https://x.test/cat"})
	var index struct {
		XMLName  xml.Name
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(fs["sitemap.xml"].Data, &index); err != nil {
		t.Fatal(err)
	}
	if index.XMLName.Local != "sitemapindex" || len(index.Sitemaps) < 2 {
		t.Fatalf("sitemap.xml is a %s of %d sitemaps", index.XMLName.Local, len(index.Sitemaps))
	}
	total := 0
	for i, s := range index.Sitemaps {
		name := strings.TrimPrefix(s.Loc, "https://x.test/cat/")
		var set struct {
			URLs []struct {
				Loc string `xml:"loc"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal(fs[name].Data, &set); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(set.URLs) > 500 || len(set.URLs) == 0 || i < len(index.Sitemaps)-1 && len(set.URLs) != 500 {
			t.Errorf("%s lists %d URLs", name, len(set.URLs))
		}
		total += len(set.URLs)
	}
	t.Logf("%d URLs in %d sitemaps", total, len(index.Sitemaps))
}

// TestNoBaseURL: without a base URL there is no sitemap, robots.txt names
// none, 404.html has no <base>, and the feed links are relative.
func TestNoBaseURL(t *testing.T) {
	fs := files(t, seed(t), Config{})
	if _, ok := fs["sitemap.xml"]; ok {
		t.Error("sitemap.xml written without a base URL")
	}
	if got := string(fs["robots.txt"].Data); strings.Contains(got, "Sitemap") {
		t.Errorf("robots.txt = %q", got)
	}
	if bytes.Contains(fs["404.html"].Data, []byte("<base")) {
		t.Error("404.html has a <base> without a base URL")
	}
	feed := fs[FeedPath].Data
	if bytes.Contains(feed, []byte("http")) && !bytes.Contains(feed, []byte(`xmlns="http://www.w3.org/2005/Atom"`)) {
		t.Error("feed has absolute links without a base URL")
	}
	if !bytes.Contains(feed, []byte(`href="patent/`)) {
		t.Errorf("feed links are not relative: %.300s", feed)
	}
}

// TestDeterministic: the same catalog gives the same bytes.
func TestDeterministic(t *testing.T) {
	c := seed(t)
	a := files(t, c, Config{BaseURL: "https://x.test/"})
	b := files(t, c, Config{BaseURL: "https://x.test/"})
	for p, f := range a {
		if !bytes.Equal(f.Data, b[p].Data) {
			t.Errorf("%s differs between two runs", p)
		}
	}
}

func TestUUID(t *testing.T) {
	// RFC 9562 Appendix A.4 gives the version 5 UUID of "www.example.com"
	// in the DNS namespace; ours uses the URL namespace, so check the form
	// and the version and variant bits, and stability.
	u := uuidURN("patentsite:patent:EP3628093A2")
	if !regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(u) {
		t.Errorf("uuidURN = %q", u)
	}
	if u != uuidURN("patentsite:patent:EP3628093A2") || u == uuidURN("patentsite:patent:EP3628093A1") {
		t.Error("uuidURN is not a function of its name")
	}
}
