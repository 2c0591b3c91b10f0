package gates_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/patentsite/patentsite/build/site"
)

// TestDeterministic builds the seed twice more, into other directories
// (absolute paths differ) with GOMAXPROCS 1 and 8 (one minify worker, and
// more workers than cores), each with a zip, and compares every file of the
// three trees, the build's manifest included, and the two zips, byte for
// byte.
func TestDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site twice more")
	}
	dir, _ := seedSite(t)
	var dirs, zips []string
	for _, procs := range []int{1, 8} {
		parent := t.TempDir()
		out, zip := filepath.Join(parent, "site"), filepath.Join(parent, "site.zip")
		old := runtime.GOMAXPROCS(procs)
		_, err := site.Build(t.Context(), site.Config{Out: out, BaseURL: baseURL, Zip: zip})
		runtime.GOMAXPROCS(old)
		if err != nil {
			t.Fatalf("GOMAXPROCS=%d: %v", procs, err)
		}
		dirs, zips = append(dirs, out), append(zips, zip)
	}
	a := readTree(t, dir)
	for i, d := range dirs {
		b := readTree(t, d)
		for p, data := range a {
			if other, ok := b[p]; !ok {
				t.Errorf("%s: only in the first build", p)
			} else if !bytes.Equal(data, other) {
				t.Errorf("%s differs between the first build and the one with GOMAXPROCS=%d", p, []int{1, 8}[i])
			}
		}
		for p := range b {
			if _, ok := a[p]; !ok {
				t.Errorf("%s: only in the build with GOMAXPROCS=%d", p, []int{1, 8}[i])
			}
		}
	}
	za, err := os.ReadFile(zips[0])
	if err != nil {
		t.Fatal(err)
	}
	zb, err := os.ReadFile(zips[1])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(za, zb) {
		t.Errorf("the zips of the two builds differ")
	}
	var total int
	for _, data := range a {
		total += len(data)
	}
	t.Logf("3 builds (GOMAXPROCS %d, 1, 8) compared: %d files, %d bytes, identical; zips of %d bytes identical", runtime.GOMAXPROCS(0), len(a), total, len(za))
}

// readTree returns every file under dir by its slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
