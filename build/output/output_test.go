package output

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestCheckPath(t *testing.T) {
	for _, tt := range []struct {
		path string
		ok   bool
	}{
		{"index.html", true},
		{"patent/EP3628093A2/index.html", true},
		{"cpc/H04L9-3239/index.html", true},
		{"assignee/société-générale/index.html", true},
		{".well-known/security.txt", true},
		{"a/.patentsite/x", true},
		{"", false},
		{"/abs", false},
		{"/etc/passwd", false},
		{"../x", false},
		{"a/../../x", false},
		{"a/..", false},
		{"./a", false},
		{"a//b", false},
		{"a/", false},
		{"a\\b", false},
		{"a\x00b", false},
		{"a\nb", false},
		{"CON/x", false},
		{"a/con", false},
		{"a/nul.txt", false},
		{"a/Com1.html", false},
		{"a/LPT9", false},
		{"a/COM¹.txt", false},
		{"a/console", true},
		{"a/COM0", true},
		{"a/b.", false},
		{"a/b /c", false},
		{"a:b", false},
		{"a?b", false},
		{"a*b", false},
		{"a\xffb", false},
		{".patentsite/manifest", false},
	} {
		err := checkPath(tt.path)
		if (err == nil) != tt.ok {
			t.Errorf("checkPath(%q) = %v, want ok %v", tt.path, err, tt.ok)
		}
		if err != nil && !strings.Contains(err.Error(), fmt.Sprintf("%q", tt.path)) {
			t.Errorf("checkPath(%q) = %v, want the path named", tt.path, err)
		}
	}
}

// TestWriteRejects checks that bad paths and duplicates fail the build,
// name the path, write nothing outside out and leave the previous out as it
// was.
func TestWriteRejects(t *testing.T) {
	good := smallSite(3)
	for _, tt := range []struct {
		name string
		bad  []File
		want string // in the error
	}{
		{"parent", []File{{Path: "../x", Data: []byte("x")}}, `"../x"`},
		{"deep parent", []File{{Path: "a/../../x", Data: []byte("x")}}, `"a/../../x"`},
		{"absolute", []File{{Path: "/abs", Data: []byte("x")}}, `"/abs"`},
		{"empty segment", []File{{Path: "a//b", Data: []byte("x")}}, `"a//b"`},
		{"device", []File{{Path: "CON/x", Data: []byte("x")}}, `"CON/x"`},
		{"NUL", []File{{Path: "a\x00b", Data: []byte("x")}}, `"a\x00b"`},
		{"duplicate", []File{{Path: "a.html", Data: []byte("1")}, {Path: "a.html", Data: []byte("2")}}, "a.html: two files have this path"},
		{"case", []File{{Path: "A.html", Data: []byte("1")}, {Path: "a.html", Data: []byte("2")}}, "A.html and a.html differ only in case"},
		{"file and directory", []File{{Path: "a", Data: []byte("1")}, {Path: "a/b.html", Data: []byte("2")}}, "a is a file and the directory of a/b.html"},
		{"directory and file", []File{{Path: "a/b.html", Data: []byte("2")}, {Path: "a", Data: []byte("1")}}, "a is a file and the directory of a/b.html"},
		{"file and directory, case", []File{{Path: "x/A", Data: []byte("1")}, {Path: "x/a/b.html", Data: []byte("2")}}, "x/A is a file and the directory of x/a/b.html"},
	} {
		for _, full := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/full=%v", tt.name, full), func(t *testing.T) {
				parent := t.TempDir()
				out := filepath.Join(parent, "public")
				mustWrite(t, out, good, Options{})
				before := tree(t, parent)

				fs := slices.Concat(good[:2], tt.bad, good[2:])
				_, err := Write(context.Background(), out, files(fs...), Options{Full: full})
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("Write = %v, want an error with %s", err, tt.want)
				}
				if d := diffTrees(before, tree(t, parent)); d != "" {
					t.Errorf("the parent of out changed:\n%s", d)
				}
			})
		}
	}
}

func TestWriteFirstBuild(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	site := smallSite(5)
	var progress []int
	st := mustWrite(t, out, site, Options{CheckLinks: true, Progress: func(n int) { progress = append(progress, n) }})

	if want := []string{"public", "public.lock"}; !slices.Equal(ls(t, parent), want) {
		t.Errorf("parent holds %v, want %v", ls(t, parent), want)
	}
	if st.Total.Files != len(site) || st.Written != len(site) || st.Unchanged != 0 || st.Incremental {
		t.Errorf("Stats = %+v, want %d files all written, full", st, len(site))
	}
	if c := st.Kinds["patent"]; c.Files != 5 || c.Bytes == 0 {
		t.Errorf("Stats.Kinds[patent] = %+v, want 5 files", c)
	}
	if len(progress) != len(site) || progress[len(progress)-1] != len(site) {
		t.Errorf("Progress called with %v, want 1..%d", progress, len(site))
	}
	if st.Links == 0 {
		t.Errorf("Stats.Links = 0, want links checked")
	}
	got := tree(t, out)
	if got["/"] != "drwxr-xr-x" {
		t.Errorf("out has mode %s, want drwxr-xr-x", got["/"])
	}
	if s := got["robots.txt"]; s != "-rw-r--r-- User-agent: *\n" {
		t.Errorf("robots.txt = %q, want it verbatim", s)
	}
	if s := got["style.css"]; !strings.Contains(s, "body{color:#000;background:url(img/bg.svg)}") {
		t.Errorf("style.css = %q, want it minified", s)
	}
	if _, ok := got[".patentsite/manifest"]; !ok {
		t.Errorf("no manifest in out")
	}
}

// TestDeterministic writes the same files in different orders with
// different numbers of workers and expects identical trees and zips.
func TestDeterministic(t *testing.T) {
	site := smallSite(50)
	var first map[string]string
	var firstZip []byte
	for i, procs := range []int{1, 2, 4, 8} {
		t.Run(fmt.Sprint("GOMAXPROCS=", procs), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			fs := slices.Clone(site)
			rand.New(rand.NewPCG(uint64(i), 1)).Shuffle(len(fs), func(i, j int) { fs[i], fs[j] = fs[j], fs[i] })
			dir := t.TempDir()
			zip := filepath.Join(dir, "site.zip")
			mustWrite(t, filepath.Join(dir, "public"), fs, Options{CheckLinks: true, Zip: zip})
			got := tree(t, filepath.Join(dir, "public"))
			z, err := os.ReadFile(zip)
			if err != nil {
				t.Fatal(err)
			}
			if first == nil {
				first, firstZip = got, z
				return
			}
			if d := diffTrees(first, got); d != "" {
				t.Errorf("trees differ:\n%s", d)
			}
			if !slices.Equal(firstZip, z) {
				t.Errorf("zips differ")
			}
		})
	}
}

func TestLock(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	unlock, err := lock(out)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	_, err = Write(context.Background(), out, files(smallSite(2)...), Options{})
	want := fmt.Sprintf("another build is writing %s/ (pid %d)", out, os.Getpid())
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Write during another build = %v, want %q", err, want)
	}
	if err := Recover(out); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Recover during another build = %v, want %q", err, want)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("out exists after a refused build: %v", err)
	}
}

// TestLockConcurrent runs two real Writes at once: one wins, the other
// fails at once with the message, and out is the winner's site.
func TestLockConcurrent(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	started := make(chan struct{})
	release := make(chan struct{})
	slow := func(yield func(File, error) bool) {
		close(started)
		<-release
		for _, f := range smallSite(3) {
			if !yield(f, nil) {
				return
			}
		}
	}
	errc := make(chan error)
	go func() {
		_, err := Write(context.Background(), out, slow, Options{})
		errc <- err
	}()
	<-started
	_, err := Write(context.Background(), out, files(smallSite(2)...), Options{})
	close(release)
	if err == nil || !strings.Contains(err.Error(), "another build is writing "+out+"/ (pid ") {
		t.Errorf("second Write = %v, want another build is writing", err)
	}
	if err := <-errc; err != nil {
		t.Fatalf("first Write = %v", err)
	}
	want := t.TempDir()
	mustWrite(t, want, smallSite(3), Options{Full: true})
	if d := diffTrees(tree(t, want), tree(t, out)); d != "" {
		t.Errorf("out is not the first build's site:\n%s", d)
	}
}

// TestRefuseForeign checks that a directory not written by Write is not
// replaced.
func TestRefuseForeign(t *testing.T) {
	out := t.TempDir()
	os.WriteFile(filepath.Join(out, "precious.txt"), []byte("keep"), 0o644)
	_, err := Write(context.Background(), out, files(smallSite(1)...), Options{})
	if err == nil || !strings.Contains(err.Error(), "was not written by patentsite") {
		t.Errorf("Write into a foreign directory = %v, want a refusal", err)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "precious.txt")); string(data) != "keep" {
		t.Errorf("precious.txt = %q", data)
	}
	// An empty directory is fine.
	empty := t.TempDir()
	mustWrite(t, empty, smallSite(1), Options{})
}

func TestZipInsideOut(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	_, err := Write(context.Background(), out, files(smallSite(1)...), Options{Zip: filepath.Join(out, "site.zip")})
	if err == nil || !strings.Contains(err.Error(), "cannot be inside the site") {
		t.Errorf("Write with the zip inside out = %v, want a refusal", err)
	}
}

// TestSymlink builds into a symbolic link: the directory it names is
// replaced, and the link stays.
func TestSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	link := filepath.Join(dir, "public")
	if err := os.Symlink("real", link); err != nil {
		t.Fatal(err)
	}
	for _, opt := range []Options{{}, {}, {Full: true}} {
		mustWrite(t, link, smallSite(2), opt)
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("public is no longer a symbolic link: %v", err)
		}
		if _, err := os.Stat(filepath.Join(real, "index.html")); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSources(t *testing.T) {
	fsys := fstest.MapFS{
		"site.css":    {Data: []byte("a{}")},
		"img/a.svg":   {Data: []byte("<svg/>")},
		"img/b/c.png": {Data: []byte("png")},
	}
	var got []string
	for f, err := range Concat(files(File{Path: "index.html", Kind: "page"}), FS(fsys, "assets", "asset")) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, f.Kind+" "+f.Path+" "+string(f.Data))
	}
	want := []string{"page index.html ", "asset assets/img/a.svg <svg/>", "asset assets/img/b/c.png png", "asset assets/site.css a{}"}
	if !slices.Equal(got, want) {
		t.Errorf("Concat(files, FS) = %q, want %q", got, want)
	}
	// Stopping early stops both.
	for range Concat(FS(fsys, "", "asset"), FS(fsys, "", "asset")) {
		break
	}
}
