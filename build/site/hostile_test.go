package site

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/patentsite/patentsite/build/corpus"
)

// TestHostileCorpus builds testdata/hostile.txt, an export whose titles,
// names, abstracts, codes, families and drawings carry markup, script,
// template syntax, right-to-left overrides, 100 KB names and ids crafted as
// paths. The build must succeed with the records it can read, report the
// others with their lines, write nothing outside the output directory, and
// keep every value as data (the browser side is checked by the gate tests).
func TestHostileCorpus(t *testing.T) {
	src, err := ReadSource("../../testdata/hostile.txt")
	if err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	rep, err := Build(context.Background(), Config{Corpora: []Source{src}, Out: out})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	if n := len(rep.Catalog.Patents); n != 8 {
		t.Errorf("patents = %d, want the 8 readable records", n)
	}
	for _, want := range []string{`"EP../../etc A1"`, `"EP111111111111111111111111111111111111111111111111111111111111 A1"`, "CON1 A1"} {
		found := false
		for _, p := range rep.Problems {
			if strings.Contains(p.Error(), want) && p.Severity == corpus.Fatal && p.Pos.Line > 0 {
				found = true
			}
		}
		if !found {
			t.Errorf("no error names %s", want)
		}
	}
	// Nothing outside out: the parent holds only out (and no stray temp dirs).
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "public" && !strings.HasPrefix(e.Name(), "public.") {
			t.Errorf("build wrote %s outside the output directory", e.Name())
		}
	}
	err = filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, path)
		if strings.Contains(rel, "..") || strings.ContainsAny(rel, "<>\"'{}") {
			t.Errorf("suspicious output path %q", rel)
		}
		if d.Type()&fs.ModeSymlink != 0 {
			t.Errorf("symlink in output: %s", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The API keeps the values as data, exactly.
	data, err := os.ReadFile(filepath.Join(out, "api", "patents.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Patents []struct {
			ID, Title, Abstract string
			AssigneesRaw        string `json:"assignees_raw"`
		}
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	titles := map[string]string{}
	for _, p := range doc.Patents {
		titles[p.ID] = p.Title
	}
	if got := titles["EP1000001A1"]; got != "<script>window.__pwned=1</script> Blockchain ledger" {
		t.Errorf("title of EP1000001A1 = %q, want the markup kept as text", got)
	}
	if got := titles["EP1000003A1"]; !strings.Contains(got, `{{template "base"}}`) {
		t.Errorf("title of EP1000003A1 = %q, want the template syntax kept as text", got)
	}
	// No page holds an element or attribute the data injected: pages are
	// parsed as a browser would, so text that merely looks like markup (or
	// a "<" kept inside a quoted attribute value) is fine.
	err = filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		doc, err := html.Parse(f)
		if err != nil {
			return err
		}
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			switch n.Data {
			case "iframe", "object", "embed", "base":
				t.Errorf("%s: injected <%s>", path, n.Data)
			case "script":
				typ := attr(n, "type")
				if typ != "application/ld+json" && (attr(n, "src") == "" || n.FirstChild != nil) {
					t.Errorf("%s: inline script %q", path, text(n))
				}
			}
			for _, a := range n.Attr {
				v := strings.ToLower(strings.TrimSpace(a.Val))
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("%s: <%s %s=%q>", path, n.Data, a.Key, a.Val)
				}
				if (a.Key == "href" || a.Key == "src" || a.Key == "action") && (strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:text/html")) {
					t.Errorf("%s: <%s %s=%q>", path, n.Data, a.Key, a.Val)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Template syntax in the data is shown as text, not executed.
	page, err := os.ReadFile(filepath.Join(out, "patent", "EP1000003A1", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "{{template &#34;base&#34;}}") && !strings.Contains(string(page), `{{template "base"}}`) {
		t.Errorf("patent/EP1000003A1 does not show its title's template syntax as text")
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}
