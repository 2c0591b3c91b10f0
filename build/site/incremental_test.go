package site

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/patentsite/patentsite"
)

// TestRebuild: a rebuild with the same inputs does nothing; one after a
// change to one record, or to one template, writes only the files whose
// bytes change, and leaves a tree byte-identical to a full build of the
// same inputs.
func TestRebuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the seed site six times")
	}
	seed, err := DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	build := func(cfg Config) Report {
		t.Helper()
		cfg.Out = out
		rep, err := Build(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	full := func(cfg Config) map[string][]byte {
		t.Helper()
		cfg.Out = filepath.Join(t.TempDir(), "full")
		cfg.Full = true
		if _, err := Build(context.Background(), cfg); err != nil {
			t.Fatal(err)
		}
		return readTree(t, cfg.Out)
	}
	same := func(what string, cfg Config) {
		t.Helper()
		want, got := full(cfg), readTree(t, out)
		for p, b := range want {
			if !bytes.Equal(got[p], b) {
				t.Errorf("%s: %s differs from a full build", what, p)
			}
		}
		for p := range got {
			if _, ok := want[p]; !ok {
				t.Errorf("%s: %s is not in a full build", what, p)
			}
		}
	}

	base := Config{Corpora: []Source{seed}}
	first := build(base)
	if first.Stats.Current || first.Stats.Written != first.Stats.Total.Files {
		t.Fatalf("first build: %+v", first.Stats)
	}
	again := build(base)
	if !again.Stats.Current || again.Stats.Total.Files != first.Stats.Total.Files || again.Catalog != nil {
		t.Errorf("no-change rebuild: %+v, want it current with %d files and nothing read", again.Stats, first.Stats.Total.Files)
	}

	// One record's title changed: its page, its JSON and citations, and the
	// lists and search files that show the title.
	const from, to = "Method and device for avoiding double-spending problem", "Method and device for avoiding the double-spending problem"
	if !bytes.Contains(seed.Data, []byte(from)) {
		t.Fatalf("the seed no longer has %q", from)
	}
	changed := Config{Corpora: []Source{{Name: seed.Name, Data: bytes.Replace(seed.Data, []byte(from), []byte(to), -1)}}}
	rep := build(changed)
	st := rep.Stats
	if st.Current || !st.Incremental || st.Written == 0 || st.Written > st.Total.Files/10 || st.Unchanged+st.Written != st.Total.Files {
		t.Errorf("one record changed: %d written, %d unchanged of %d, want a few written", st.Written, st.Unchanged, st.Total.Files)
	}
	t.Logf("one record changed: %d of %d files written", st.Written, st.Total.Files)
	same("one record changed", changed)

	// One template changed: the pages of that kind only.
	tmpl, err := fs.ReadFile(patentsite.Templates(), "inventor.html")
	if err != nil {
		t.Fatal(err)
	}
	templ := changed
	templ.Templates = fstest.MapFS{"inventor.html": {Data: []byte(strings.Replace(string(tmpl), "<h1>", `<h1 class="inventor">`, 1))}}
	st = build(templ).Stats
	if st.Written != first.Stats.Kinds["inventor"].Files {
		t.Errorf("inventor.html changed: %d written, want the %d inventor pages", st.Written, first.Stats.Kinds["inventor"].Files)
	}
	same("one template changed", templ)
	if st := build(templ).Stats; !st.Current {
		t.Errorf("rebuild after the template change: %+v, want current", st)
	}
}

// readTree returns every file under dir but the build's own state.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".patentsite" {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		m[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}
