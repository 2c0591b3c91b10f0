package gates_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/site"
)

// baseURL is the -base-url of the shared seed build: with it the build
// writes the sitemap, the feed and absolute canonical links, which the
// gates check too.
const baseURL = "https://example.github.io/catalog/"

// seed is the seed site, built once for every gate that only reads it.
var seed struct {
	once    sync.Once
	tmp     string // removed by TestMain
	dir     string
	rep     site.Report
	elapsed time.Duration
	err     error
}

// seedSite builds the embedded corpus once and returns the output
// directory and the build's report.
func seedSite(t *testing.T) (string, site.Report) {
	t.Helper()
	seed.once.Do(func() {
		seed.tmp, seed.err = os.MkdirTemp("", "patentsite-gates-")
		if seed.err != nil {
			return
		}
		seed.dir = filepath.Join(seed.tmp, "public")
		start := time.Now()
		seed.rep, seed.err = site.Build(context.Background(), site.Config{Out: seed.dir, BaseURL: baseURL})
		seed.elapsed = time.Since(start)
	})
	if seed.err != nil {
		t.Fatalf("building the seed site: %v", seed.err)
	}
	return seed.dir, seed.rep
}

func TestMain(m *testing.M) {
	code := m.Run()
	if seed.tmp != "" {
		os.RemoveAll(seed.tmp)
	}
	os.Exit(code)
}

// sitePages returns the site paths ("patent/EP1/index.html") of the files
// under dir whose names end in ext, sorted; .patentsite/ is not part of the
// site.
func siteFiles(t *testing.T, dir, ext string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".patentsite" {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ext) {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// isStub reports whether the site path is a redirect stub: a page under
// patent/ for a spelling that is not a patent of the catalog.
func isStub(c *catalog.Catalog, p string) bool {
	id, ok := strings.CutPrefix(p, "patent/")
	if !ok || !strings.HasSuffix(id, "/index.html") {
		return false
	}
	return c.Patent(strings.TrimSuffix(id, "/index.html")) == nil
}

// ciSet reports whether $CI asks tests to fail rather than skip.
func ciSet() bool {
	v := os.Getenv("CI")
	return v != "" && v != "0" && v != "false"
}

// skipOrFail skips the test, or fails it when $CI is set.
func skipOrFail(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if ciSet() {
		t.Fatal(msg + " (CI is set, so this fails instead of skipping)")
	}
	t.Skip(msg)
}
