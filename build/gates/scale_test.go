package gates_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/patentsite/patentsite/build/internal/browser"
	"github.com/patentsite/patentsite/build/site"
)

// TestScaleSmoke is issue 9's small scale test, so that a scale regression
// shows without a long run: 2,000 records from ../shared/tools/scale-corpus
// (every layout variant of the seed, heavy-tailed assignees), built with
// the link check, searched in Chromium from file:// for a word and for the
// number of a synthetic record, which must come first. The figures of the
// full-size runs are scripts/bench's (README: Scale).
func TestScaleSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 2,000-record site")
	}
	tool, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "tools", "scale-corpus"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tool); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("no scale-corpus tool: %v", err)
		}
		t.Skipf("no scale-corpus tool: %v", err)
	}
	dir := t.TempDir()
	corpusFile := filepath.Join(dir, "c2000.txt")
	if msg, err := exec.Command(tool, "--records", "2000", "--output", corpusFile).CombinedOutput(); err != nil {
		t.Fatalf("scale-corpus: %v\n%s", err, msg)
	}
	src, err := site.ReadSource(corpusFile)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	start := time.Now()
	rep, err := site.Build(context.Background(), site.Config{Corpora: []site.Source{src}, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	st := rep.Stats
	t.Logf("2,000 records: %d patents, %d files, %.1f MB, %d links checked, in %v", len(rep.Catalog.Patents), st.Total.Files, float64(st.Total.Bytes)/1e6, st.Links, time.Since(start).Round(time.Millisecond))
	if n := len(rep.Catalog.Patents); n < 1990 {
		t.Errorf("built %d patents of 2,000 records", n)
	}
	if st.Links == 0 {
		t.Errorf("no link checked")
	}

	b := browser.Start(t)
	base := "file://" + filepath.ToSlash(out) + "/"
	p := b.Open(t, base+"search/index.html?q=blockchain")
	p.WaitFor(searchResults)
	if n := browser.Eval[int](p, `document.querySelectorAll("#results > li").length`); n == 0 {
		t.Errorf("no result for blockchain")
	}
	noProblem(t, p)
	p.Close()

	last := rep.Catalog.Patents[len(rep.Catalog.Patents)-1]
	p = b.Open(t, base+"search/index.html?q="+last.ID)
	p.WaitFor(searchResults)
	first := browser.Eval[string](p, `document.querySelector("#results > li a").getAttribute("href")`)
	if !strings.Contains(first, "/"+last.ID+"/") {
		t.Errorf("searching %s: the first result is %s", last.ID, first)
	}
	noProblem(t, p)
}

// noProblem fails on any failed request, console error or CSP report.
func noProblem(t *testing.T, p *browser.Page) {
	t.Helper()
	for _, pr := range p.Problems() {
		t.Errorf("%s", pr)
	}
}
