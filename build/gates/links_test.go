package gates_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestAbsoluteLinks checks the links the build's own check cannot: it
// resolves every relative href, src, meta refresh and CSS url() of every
// page before it commits (build/output), but skips an address with a
// scheme. With -base-url the sitemap, the feed, robots.txt, the OpenSearch
// description, canonical links, og:url, JSON-LD, citations and the API
// files hold absolute addresses under the base URL: each must name a file
// of the site (a folder "x/" its x/index.html; a fragment an id in the
// page). The feed's <link href>s and the sitemap's <loc>s are also read as
// XML, so that none is missed.
func TestAbsoluteLinks(t *testing.T) {
	dir, rep := seedSite(t)
	t.Logf("the build's link check resolved %d references (%d skipped) in %d files", rep.Stats.Links, rep.Stats.LinksSkipped, rep.Stats.Total.Files)
	if rep.Stats.Links == 0 {
		t.Error("the build checked no link")
	}

	ref := regexp.MustCompile(regexp.QuoteMeta(baseURL) + `[^\s"'<>\\)\]{}]*`)
	var files, links int
	distinct := map[string]bool{}
	for _, f := range siteFiles(t, dir, "") {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		found := ref.FindAll(data, -1)
		if len(found) > 0 {
			files++
		}
		for _, u := range found {
			links++
			s := strings.ReplaceAll(string(u), "&amp;", "&")
			if strings.HasSuffix(f, ".ris") || strings.HasSuffix(f, ".bib") || strings.HasSuffix(f, ".csv") || strings.HasSuffix(f, ".txt") {
				s = strings.TrimRight(s, ".,;")
			}
			if distinct[s] {
				continue
			}
			distinct[s] = true
			if err := resolveAbs(dir, s); err != nil {
				t.Errorf("%s: %s: %v", f, s, err)
			}
		}
	}
	t.Logf("%d absolute links (%d distinct) under %s in %d files, each a file of the site", links, len(distinct), baseURL, files)

	// The sitemap (or its index and parts) and the feed, read as XML.
	var sm struct {
		XMLName xml.Name
		Locs    []string `xml:"url>loc"`
		Parts   []string `xml:"sitemap>loc"`
	}
	readXML(t, filepath.Join(dir, "sitemap.xml"), &sm)
	locs := sm.Locs
	for _, part := range sm.Parts {
		if err := resolveAbs(dir, part); err != nil {
			t.Errorf("sitemap index: %s: %v", part, err)
			continue
		}
		var p struct {
			Locs []string `xml:"url>loc"`
		}
		readXML(t, filepath.Join(dir, strings.TrimPrefix(part, baseURL)), &p)
		locs = append(locs, p.Locs...)
	}
	for _, l := range locs {
		if err := resolveAbs(dir, l); err != nil {
			t.Errorf("sitemap: %s: %v", l, err)
		}
	}
	var feed struct {
		Links []struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Entries []struct {
			Links []struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	readXML(t, filepath.Join(dir, "feed.atom"), &feed)
	hrefs := 0
	check := func(h string) {
		hrefs++
		if err := resolveAbs(dir, h); err != nil {
			t.Errorf("feed.atom: <link href=%q>: %v", h, err)
		}
	}
	for _, l := range feed.Links {
		check(l.Href)
	}
	for _, e := range feed.Entries {
		for _, l := range e.Links {
			check(l.Href)
		}
	}
	t.Logf("sitemap: %d <loc>s (%d parts); feed.atom: %d <link href>s; each a file of the site", len(locs), len(sm.Parts), hrefs)
	if len(locs) < 1000 || hrefs < 50 {
		t.Errorf("sitemap %d locs, feed %d links: too few", len(locs), hrefs)
	}
}

// resolveAbs checks that the address u, under baseURL, names a file of the
// site in dir, and that its fragment, if any, names an id in that file.
func resolveAbs(dir, u string) error {
	rel, ok := strings.CutPrefix(u, baseURL)
	if !ok {
		return fmt.Errorf("not under %s", baseURL)
	}
	rel, frag, _ := strings.Cut(rel, "#")
	rel, _, _ = strings.Cut(rel, "?")
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	if strings.Contains("/"+rel+"/", "/../") || strings.Contains("/"+rel+"/", "/./") {
		return fmt.Errorf("unclean path")
	}
	p := filepath.Join(dir, filepath.FromSlash(rel))
	fi, err := os.Stat(p)
	if err != nil {
		return fmt.Errorf("no file %s", rel)
	}
	if fi.IsDir() {
		return fmt.Errorf("%s is a folder: the address needs a trailing slash", rel)
	}
	if frag != "" {
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !bytes.Contains(data, []byte(`id="`+frag+`"`)) {
			return fmt.Errorf("no id %q in %s", frag, rel)
		}
	}
	return nil
}

func readXML(t *testing.T, file string, v any) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}
