package search_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/patentsite/patentsite/build/site"
)

var (
	siteOnce sync.Once
	siteDir  string
	siteErr  error
	tmpRoot  string
)

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if tmpRoot != "" {
		os.RemoveAll(tmpRoot)
	}
	os.Exit(code)
}

// seedSite builds the whole site of the embedded seed corpus once per test
// run and returns its directory.
func seedSite(t testing.TB) string {
	t.Helper()
	siteOnce.Do(func() {
		tmpRoot, siteErr = os.MkdirTemp("", "search-test-")
		if siteErr != nil {
			return
		}
		siteDir = filepath.Join(tmpRoot, "public")
		_, siteErr = site.Build(context.Background(), site.Config{Out: siteDir})
	})
	if siteErr != nil {
		t.Fatal(siteErr)
	}
	return siteDir
}

// buildSite builds the whole site of the export at path into a temporary
// directory and returns it.
func buildSite(t testing.TB, path string) string {
	t.Helper()
	src, err := site.ReadSource(path)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(context.Background(), site.Config{Corpora: []site.Source{src}, Out: out}); err != nil {
		t.Fatal(err)
	}
	return out
}
