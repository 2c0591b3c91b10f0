package output

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestZip checks that the zip holds the site under a folder named after it,
// sorted, without the build state, and is the same from full and
// incremental builds.
func TestZip(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	name := filepath.Join(dir, "catalog.zip")
	site := append(smallSite(5), File{Path: "img/c.png", Data: []byte("\x89PNG not compressed again")})
	mustWrite(t, out, site, Options{Zip: name})

	zr, err := zip.OpenReader(name)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	want := tree(t, out)
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		p, ok := strings.CutPrefix(f.Name, "catalog/")
		if !ok {
			t.Errorf("zip entry %s is not under catalog/", f.Name)
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc) // checks the CRC
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if w := want[p]; w != "-rw-r--r-- "+string(data) {
			t.Errorf("zip entry %s = %q, want %q", f.Name, data, w)
		}
		if want := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC); !f.Modified.Equal(want) {
			t.Errorf("zip entry %s modified %v, want %v", f.Name, f.Modified, want)
		}
		if f.Mode() != 0o644 {
			t.Errorf("zip entry %s has mode %v", f.Name, f.Mode())
		}
		if p == "img/c.png" && f.Method != zip.Store {
			t.Errorf("img/c.png is compressed")
		}
		delete(want, p)
	}
	for p := range want {
		if !strings.HasSuffix(p, "/") && !strings.HasPrefix(p, stateDir) {
			t.Errorf("%s missing from the zip", p)
		}
	}
	if !slices.IsSorted(names) {
		t.Errorf("zip entries are not sorted: %q", names)
	}

	// An incremental build gives the same zip.
	first, _ := os.ReadFile(name)
	next := modified(site, "robots.txt", []byte("changed"))
	mustWrite(t, out, next, Options{Zip: name})
	inc, _ := os.ReadFile(name)
	fullName := filepath.Join(t.TempDir(), "catalog.zip")
	mustWrite(t, filepath.Join(t.TempDir(), "public"), next, Options{Zip: fullName})
	full, _ := os.ReadFile(fullName)
	if !bytes.Equal(inc, full) {
		t.Errorf("the zip of an incremental build differs from a full build's")
	}
	if bytes.Equal(first, inc) {
		t.Errorf("the zip did not change")
	}
	if names := ls(t, dir); !slices.Equal(names, []string{"catalog.zip", "public", "public.lock"}) {
		t.Errorf("dir holds %v", names)
	}
}
