package catalog

import (
	"os"
	"testing"

	"github.com/gosimple/slug"

	"github.com/patentsite/patentsite/build/corpus"
)

// TestASCIISlug holds asciiSlug to slug.Make: on every assignee and
// inventor name, raw string and title of the seed and the hostile corpus
// (and of PATENTSITE_BENCH_CORPUS when set), and on every string of up to
// two ASCII bytes.
func TestASCIISlug(t *testing.T) {
	files := map[string]string{
		"seed":    "../../content/000_04432fcfb20ee3f1.txt",
		"hostile": "../../testdata/hostile.txt",
	}
	if path := os.Getenv("PATENTSITE_BENCH_CORPUS"); path != "" {
		files["bench"] = path
	}
	_, al := loadSeed(t)
	for name, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		recs, _ := corpus.Parse(name, data)
		c := Build(recs, al)
		n, fast := 0, 0
		check := func(s string) {
			n++
			got, ok := asciiSlug(s)
			if !ok {
				return
			}
			fast++
			if want := slug.Make(s); got != want {
				t.Errorf("%s: asciiSlug(%q) = %q, want %q as slug.Make gives", name, s, got, want)
			}
		}
		for _, a := range c.Assignees {
			check(a.Name)
			for _, s := range a.Aliases {
				check(s)
			}
		}
		for _, in := range c.Inventors {
			check(in.Name)
		}
		for _, p := range c.Patents {
			check(p.AssigneesRaw)
			check(p.InventorsRaw)
			check(p.Title)
		}
		t.Logf("%s: %d names, %d on the ASCII path", name, n, fast)
	}
	for a := range 128 {
		for b := range 129 {
			s := string(rune(a))
			if b < 128 {
				s += string(rune(b))
			}
			got, ok := asciiSlug(s)
			if want := slug.Make(s); !ok || got != want {
				t.Errorf("asciiSlug(%q) = %q, %v, want %q, true", s, got, ok, want)
			}
		}
	}
}

func FuzzASCIISlug(f *testing.F) {
	for _, s := range []string{"AT&T", "A.B.@C", `"Q" 'R'`, "--__a__--", " \t\vx-_-y\r\n", "\x7f\x00a", "1 - 2 -- 3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := asciiSlug(s)
		if !ok {
			return
		}
		if want := slug.Make(s); got != want {
			t.Errorf("asciiSlug(%q) = %q, want %q", s, got, want)
		}
	})
}
