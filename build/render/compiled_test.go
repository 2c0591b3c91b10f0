package render

import (
	"bytes"
	"io/fs"
	"os"
	"testing"

	"github.com/patentsite/patentsite"
	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/corpus"
)

// TestCompiled renders the seed and the hostile corpus twice, with the
// templates compiled by package tmplexec and with html/template alone, and
// wants the same bytes in every page. On the seed, no page may be handed
// back to html/template: the compiled path must be the one that runs.
func TestCompiled(t *testing.T) {
	hostile, err := os.ReadFile("../../testdata/hostile.txt")
	if err != nil {
		t.Fatal(err)
	}
	seed := loadCatalog(t, "", nil)
	for _, tc := range []struct {
		name         string
		cat          *catalog.Catalog
		maxFallbacks int64
	}{
		{"seed", seed, 0},
		{"hostile", loadCatalog(t, "testdata/hostile.txt", hostile), -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := fallbacks.Load()
			fast := renderAll(t, tc.cat, true)
			n := fallbacks.Load() - before
			slow := renderAll(t, tc.cat, false)
			if len(fast) != len(slow) {
				t.Fatalf("%d pages compiled, %d with html/template", len(fast), len(slow))
			}
			diffs := 0
			for p, b := range slow {
				if !bytes.Equal(fast[p], b) {
					diffs++
					if diffs <= 3 {
						i := 0
						for i < len(b) && i < len(fast[p]) && b[i] == fast[p][i] {
							i++
						}
						t.Errorf("%s differs at byte %d:\n compiled: %q\n html/template: %q", p, i, around(fast[p], i), around(b, i))
					}
				}
			}
			if diffs > 0 {
				t.Errorf("%d of %d pages differ", diffs, len(slow))
			}
			t.Logf("%d pages, %d handed back to html/template", len(slow), n)
			if tc.maxFallbacks >= 0 && n > tc.maxFallbacks {
				t.Errorf("%d pages handed back to html/template, want at most %d", n, tc.maxFallbacks)
			}
		})
	}
}

func around(b []byte, i int) []byte {
	return b[max(0, i-40):min(len(b), i+60)]
}

// loadCatalog parses data (the seed when name is "") and builds its
// catalog as site.Load does (package site imports this one).
func loadCatalog(t testing.TB, name string, data []byte) *catalog.Catalog {
	t.Helper()
	if name == "" {
		var err error
		name = "content/" + patentsite.DefaultCorpus
		if data, err = fs.ReadFile(patentsite.Content(), patentsite.DefaultCorpus); err != nil {
			t.Fatal(err)
		}
	}
	ad, err := fs.ReadFile(patentsite.Content(), "aliases.txt")
	if err != nil {
		t.Fatal(err)
	}
	al, _ := catalog.ParseAliases("content/aliases.txt", ad)
	recs, _ := corpus.Parse(name, data)
	return catalog.Build(recs, al)
}

// renderAll renders every page of c, compiled or not, by path.
func renderAll(t *testing.T, c *catalog.Catalog, compiled bool) map[string][]byte {
	t.Helper()
	defer func(old bool) { compileTemplates = old }(compileTemplates)
	compileTemplates = compiled
	out := map[string][]byte{}
	for f, err := range Site(c, benchConfig()) {
		if err != nil {
			t.Fatal(err)
		}
		out[f.Path] = f.Data
	}
	return out
}
