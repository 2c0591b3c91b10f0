package output

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
)

// fullBuild returns the tree of a full build of fs in a new directory.
func fullBuild(t *testing.T, fs []File) map[string]string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	mustWrite(t, out, fs, Options{Full: true})
	return tree(t, out)
}

// TestIncremental rebuilds a site after one change and expects exactly
// that change written, and a tree equal to a full build.
func TestIncremental(t *testing.T) {
	base := smallSite(10)
	p3 := "patent/EP0000003A1/index.html"
	for _, tt := range []struct {
		name                        string
		next                        []File
		written, unchanged, deleted int
	}{
		{"no change", base, 0, len(base), 0},
		{"change one", modified(base, p3, page(p3, []string{"../../index.html"}, "claims").Data), 1, len(base) - 1, 0},
		{"whitespace only", modified(base, "style.css", []byte("body  {  color: #000000;\n\n  background: url(\"img/bg.svg\") }")), 0, len(base), 0},
		{"delete one", modified(base, "robots.txt", nil), 0, len(base) - 1, 1},
		{"delete a page and its directory", modified(base, p3, nil), 0, len(base) - 1, 1},
		{"add one in a new directory", modified(base, "new/deep/a.html", []byte("<p>new</p>")), 1, len(base), 0},
		{"file becomes directory", modified(modified(base, "robots.txt", nil), "robots.txt/index.html", []byte("x")), 1, len(base) - 1, 1},
		{"directory becomes file", modified(modified(base, "img/bg.svg", nil), "img", []byte("x")), 1, len(base) - 1, 1},
		{"kind changes", func() []File {
			fs := slices.Clone(base)
			fs[0].Kind = "other"
			return fs
		}(), 0, len(base), 0},
		{"everything", smallSite(3), 0, 0, 0}, // counts checked below
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			mustWrite(t, out, base, Options{})
			st := mustWrite(t, out, tt.next, Options{CheckLinks: tt.name != "file becomes directory" && tt.name != "directory becomes file" && !strings.HasPrefix(tt.name, "delete")})
			if !st.Incremental {
				t.Errorf("Stats.Incremental = false")
			}
			if tt.name != "everything" && (st.Written != tt.written || st.Unchanged != tt.unchanged || st.Deleted != tt.deleted) {
				t.Errorf("written, unchanged, deleted = %d, %d, %d, want %d, %d, %d",
					st.Written, st.Unchanged, st.Deleted, tt.written, tt.unchanged, tt.deleted)
			}
			if d := diffTrees(fullBuild(t, tt.next), tree(t, out)); d != "" {
				t.Errorf("incremental build differs from a full build:\n%s", d)
			}
			// And back.
			mustWrite(t, out, base, Options{})
			if d := diffTrees(fullBuild(t, base), tree(t, out)); d != "" {
				t.Errorf("building the first site again differs from a full build:\n%s", d)
			}
		})
	}
}

// TestIncrementalUntrusted rebuilds with a manifest from another minifier:
// everything is minified again, nothing whose output is the same is written.
func TestIncrementalUntrusted(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	site := smallSite(5)
	mustWrite(t, out, site, Options{})
	name := filepath.Join(out, stateDir, manifestName)
	m, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	first, rest, _ := strings.Cut(string(m), "\n")
	first = strings.Replace(first, fingerprint, "minify@v0.0.1+old", 1)
	if err := os.WriteFile(name, []byte(first+"\n"+rest), 0o644); err != nil {
		t.Fatal(err)
	}
	var minified atomic.Int64
	count := &faults{minifyFn: func(string) { minified.Add(1) }}
	st := mustWrite(t, out, site, Options{faults: count})
	if st.Written != 0 || minified.Load() != int64(len(site)-1) { // robots.txt is not minified
		t.Errorf("written %d, minified %d; want 0 written, all minified", st.Written, minified.Load())
	}
	if d := diffTrees(fullBuild(t, site), tree(t, out)); d != "" {
		t.Errorf("differs from a full build:\n%s", d)
	}
	// Trusted again: nothing is minified.
	minified.Store(0)
	mustWrite(t, out, site, Options{faults: count})
	if minified.Load() != 0 {
		t.Errorf("a no-change build with a trusted manifest minified %d files, want 0", minified.Load())
	}
}

// TestKilledCommit kills an incremental build at every step of its
// commit, then recovers: the tree must be the old site or the new one,
// and the next build must succeed.
func TestKilledCommit(t *testing.T) {
	old := smallSite(6)
	next := modified(old, "robots.txt", nil)                                                // delete
	next = modified(next, "patent/EP0000002A1/index.html", nil)                             // delete a directory
	next = modified(next, "style.css", []byte("body{color:red}"))                           // change
	next = modified(next, "index.html", page("index.html", nil).Data)                       // change
	next = modified(next, "new/a.html", []byte("<p>a"))                                     // new
	next = modified(next, "patent/EP0000002A1", []byte("now a file where a directory was")) // new, was a directory
	oldTree, nextTree := fullBuild(t, old), fullBuild(t, next)
	const steps = 8 // two deletions, two changes, two new files, before and after the commit point

	for kill := 0; kill <= steps; kill++ {
		for _, how := range []string{"Recover", "Write"} {
			t.Run(fmt.Sprintf("step %d/%s", kill, how), func(t *testing.T) {
				out := filepath.Join(t.TempDir(), "public")
				mustWrite(t, out, old, Options{})
				killed := false
				_, err := Write(context.Background(), out, files(next...), Options{faults: &faults{commitFn: func(i int) error {
					if i == kill {
						killed = true
						return errKilled
					}
					return nil
				}}})
				if kill == steps && !killed {
					// past the last step: the build finished
					if err != nil {
						t.Fatal(err)
					}
					if d := diffTrees(nextTree, tree(t, out)); d != "" {
						t.Errorf("after a finished build:\n%s", d)
					}
					return
				}
				if !errors.Is(err, errKilled) {
					t.Fatalf("Write = %v, want killed", err)
				}
				if _, err := os.Stat(filepath.Join(out, stateDir, journalName)); err != nil {
					t.Fatalf("no journal after a kill: %v", err)
				}
				switch how {
				case "Recover":
					if err := Recover(out); err != nil {
						t.Fatalf("Recover = %v", err)
					}
					// Before the commit point the old site comes back;
					// after it, the new one stays.
					want, which := oldTree, "old"
					if kill == steps-1 {
						want, which = nextTree, "new"
					}
					if d := diffTrees(want, tree(t, out)); d != "" {
						t.Fatalf("after Recover the tree is not the %s site:\n%s", which, d)
					}
					mustWrite(t, out, next, Options{})
				case "Write":
					mustWrite(t, out, next, Options{CheckLinks: false})
				}
				if d := diffTrees(nextTree, tree(t, out)); d != "" {
					t.Errorf("the build after recovery differs from a full build:\n%s", d)
				}
			})
		}
	}
}

// TestKilledSwap kills a full build between the two renames of a swap
// without RENAME_EXCHANGE: out is gone, and Recover brings the old site back.
func TestKilledSwap(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	old, next := smallSite(3), smallSite(4)
	mustWrite(t, out, old, Options{})
	oldTree := tree(t, out)
	_, err := Write(context.Background(), out, files(next...), Options{Full: true, faults: &faults{
		noExchange: true,
		swapFn:     func() error { return errKilled },
	}})
	if !errors.Is(err, errKilled) {
		t.Fatalf("Write = %v, want killed", err)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("out exists after a kill mid-swap: %v", err)
	}
	if err := Recover(out); err != nil {
		t.Fatal(err)
	}
	if d := diffTrees(oldTree, tree(t, out)); d != "" {
		t.Errorf("after Recover:\n%s", d)
	}
	if names := ls(t, parent); !slices.Equal(names, []string{"public", "public.lock"}) {
		t.Errorf("parent holds %v after Recover", names)
	}
	// The swap by two renames works too.
	mustWrite(t, out, next, Options{Full: true, faults: &faults{noExchange: true}})
	if d := diffTrees(fullBuild(t, next), tree(t, out)); d != "" {
		t.Errorf("after a swap by renames:\n%s", d)
	}
	if names := ls(t, parent); !slices.Equal(names, []string{"public", "public.lock"}) {
		t.Errorf("parent holds %v", names)
	}
}

// TestKilledFullBuild leaves the temporary tree of a killed full build
// behind; the next build removes it.
func TestKilledFullBuild(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	_, err := Write(context.Background(), out, files(smallSite(3)...), Options{faults: &faults{
		writeFn: func(p string) error {
			if p == "index.html" {
				return errKilled
			}
			return nil
		},
	}})
	if err == nil {
		t.Fatal("Write succeeded")
	}
	if len(ls(t, parent)) != 2 {
		t.Fatalf("parent holds %v, want the lock and a temporary tree", ls(t, parent))
	}
	mustWrite(t, out, smallSite(3), Options{})
	if names := ls(t, parent); !slices.Equal(names, []string{"public", "public.lock"}) {
		t.Errorf("parent holds %v", names)
	}
}

// TestCommitFails fails a commit step with an error: Write rolls back at
// once and says so.
func TestCommitFails(t *testing.T) {
	old := smallSite(4)
	next := modified(modified(old, "style.css", []byte("p{color:red}")), "robots.txt", nil)
	next = modified(next, "new/index.html", []byte("<p>new"))
	for step := range 4 {
		out := filepath.Join(t.TempDir(), "public")
		mustWrite(t, out, old, Options{})
		before := tree(t, out)
		_, err := Write(context.Background(), out, files(next...), Options{faults: &faults{commitFn: func(i int) error {
			if i == step {
				return syscall.EIO
			}
			return nil
		}}})
		if !errors.Is(err, syscall.EIO) || !strings.Contains(err.Error(), "output: commit failed, previous site restored") {
			t.Errorf("step %d: Write = %v, want commit failed with EIO", step, err)
		}
		if d := diffTrees(before, tree(t, out)); d != "" {
			t.Errorf("step %d: out changed:\n%s", step, d)
		}
	}
}

// TestRemovedByHand rebuilds after a file was removed from out by hand.
func TestRemovedByHand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	site := smallSite(3)
	mustWrite(t, out, site, Options{})
	for _, p := range []string{"robots.txt", "style.css"} {
		if err := os.Remove(filepath.Join(out, p)); err != nil {
			t.Fatal(err)
		}
	}
	next := modified(modified(site, "robots.txt", nil), "style.css", []byte("p{color:red}"))
	mustWrite(t, out, next, Options{})
	if d := diffTrees(fullBuild(t, next), tree(t, out)); d != "" {
		t.Errorf("differs from a full build:\n%s", d)
	}
}

// TestStreamedAndMinified writes a streamed file and a page marked
// Minified: both are written as they come, the page's links are still
// checked, and a rebuild with the same content writes neither again.
func TestStreamedAndMinified(t *testing.T) {
	big := strings.Repeat(`{"id":"EP1"}`+"\n", 1000)
	site := func(body string) []File {
		return []File{
			{Path: "index.html", Kind: "home", Minified: true, Data: []byte(`<!doctype html><p>  kept  as is <a href="api/all.json">all</a>` + body)},
			{Path: "api/all.json", Kind: "api", WriteTo: func(w io.Writer) error {
				_, err := io.WriteString(w, big)
				return err
			}},
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	st := mustWrite(t, out, site(""), Options{CheckLinks: true})
	got := tree(t, out)
	if s := got["index.html"]; !strings.Contains(s, "<p>  kept  as is ") {
		t.Errorf("index.html = %q, want it as given", s)
	}
	if s := got["api/all.json"]; s != "-rw-r--r-- "+big {
		t.Errorf("api/all.json holds %d bytes, want the %d streamed", len(s), len(big))
	}
	if st.Written != 2 {
		t.Errorf("Stats.Written = %d, want 2", st.Written)
	}
	st = mustWrite(t, out, site(""), Options{CheckLinks: true})
	if st.Written != 0 || st.Unchanged != 2 {
		t.Errorf("rebuild: written %d, unchanged %d, want 0 and 2", st.Written, st.Unchanged)
	}
	if d := diffTrees(got, tree(t, out)); d != "" {
		t.Errorf("rebuild changed the tree:\n%s", d)
	}
	_, err := Write(context.Background(), filepath.Join(t.TempDir(), "p"), files(site(`<a href="gone.html">x</a>`)...), Options{CheckLinks: true})
	if err == nil || !strings.Contains(err.Error(), "gone.html") {
		t.Errorf("a broken link in a Minified page: err = %v, want it named", err)
	}
	_, err = Write(context.Background(), filepath.Join(t.TempDir(), "p"), files(File{Path: "a.html", WriteTo: func(io.Writer) error { return nil }}), Options{})
	if err == nil {
		t.Errorf("a streamed HTML file was accepted; its links could not be checked")
	}
}

// TestCurrent: a build records its input key; Current finds out current
// for that key only, and not once a file is gone or changed in size, or
// after a build with another key; a build with the same files and a new
// key records the new one.
func TestCurrent(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	site := smallSite(5)
	if _, ok, err := Current(out, "k1"); ok || err != nil {
		t.Fatalf("Current before any build = %v, %v", ok, err)
	}
	mustWrite(t, out, site, Options{InputKey: "k1"})
	st, ok, err := Current(out, "k1")
	if !ok || err != nil || !st.Current || st.Total.Files != len(site) || st.Unchanged != len(site) {
		t.Fatalf("Current(k1) after its build = %+v, %v, %v; want current, %d files", st, ok, err, len(site))
	}
	if _, ok, _ := Current(out, "k2"); ok {
		t.Errorf("Current(k2) after the build of k1 is true")
	}
	if _, ok, _ := Current(out, ""); ok {
		t.Errorf("Current with no key is true")
	}

	// Same files, another key: nothing written, the new key recorded.
	st = mustWrite(t, out, site, Options{InputKey: "k2"})
	if st.Written != 0 {
		t.Errorf("rebuild with a new key wrote %d files", st.Written)
	}
	if _, ok, _ := Current(out, "k2"); !ok {
		t.Errorf("Current(k2) after the build of k2 is false")
	}
	if _, ok, _ := Current(out, "k1"); ok {
		t.Errorf("Current(k1) after the build of k2 is true")
	}

	// A file changed in size, or removed, by hand: not current, and the
	// next build, incremental, writes it again.
	p := filepath.Join(out, "robots.txt")
	if err := os.WriteFile(p, []byte("changed by hand\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := Current(out, "k2"); ok {
		t.Errorf("Current after a file changed size is true")
	}
	if st := mustWrite(t, out, site, Options{InputKey: "k2"}); st.Written != 1 {
		t.Errorf("the build after a file changed by hand wrote %d files, want that one", st.Written)
	}
	full := filepath.Join(t.TempDir(), "full")
	mustWrite(t, full, site, Options{InputKey: "k2", Full: true})
	if d := diffTrees(tree(t, full), tree(t, out)); d != "" {
		t.Errorf("differs from a full build:\n%s", d)
	}
	if _, ok, _ := Current(out, "k2"); !ok {
		t.Errorf("Current after the repair is false")
	}
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := Current(out, "k2"); ok {
		t.Errorf("Current after a file was removed is true")
	}

	// Another build holds the lock: an error, not a guess.
	unlock, err := lock(out)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if _, _, err := Current(out, "k2"); err == nil || !strings.Contains(err.Error(), "another build") {
		t.Errorf("Current while locked: err = %v", err)
	}
}
