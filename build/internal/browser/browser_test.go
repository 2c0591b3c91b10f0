package browser

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// fileURL returns the file:// URL of a file under testdata.
func fileURL(t testing.TB, rel string) string {
	t.Helper()
	abs, err := filepath.Abs(filepath.Join("testdata", rel))
	if err != nil {
		t.Fatal(err)
	}
	return "file://" + filepath.ToSlash(abs)
}

// A fakeTB records whether a helper skipped or failed the test, and stops
// the helper's goroutine as the real ones do.
type fakeTB struct {
	testing.TB
	skipped, failed bool
	msg             string
}

func (f *fakeTB) Helper()                  {}
func (f *fakeTB) Skip(args ...any)         { f.skipped, f.msg = true, fmt.Sprint(args...); runtime.Goexit() }
func (f *fakeTB) Fatal(args ...any)        { f.failed, f.msg = true, fmt.Sprint(args...); runtime.Goexit() }
func (f *fakeTB) Skipf(s string, a ...any) { f.Skip(fmt.Sprintf(s, a...)) }
func (f *fakeTB) Fatalf(s string, a ...any) {
	f.Fatal(fmt.Sprintf(s, a...))
}

// run calls fn with a fakeTB in its own goroutine, which Skip and Fatal end.
func run(t *testing.T, fn func(testing.TB)) *fakeTB {
	f := &fakeTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(f)
	}()
	<-done
	return f
}

func TestMissingToolsSkipOrFail(t *testing.T) {
	t.Setenv("CHROMIUM", "/nonexistent/chromium")
	t.Setenv("PATENTSITE_TOOLS", "/nonexistent/tools")
	for _, tt := range []struct {
		name string
		fn   func(testing.TB)
	}{
		{"Start", func(t testing.TB) { Start(t) }},
		{"toolFile", func(t testing.TB) { toolFile(t, "axe-core/axe.min.js") }},
	} {
		t.Setenv("CI", "")
		if f := run(t, tt.fn); !f.skipped || f.failed {
			t.Errorf("%s without the tool, CI unset: skipped=%v failed=%v, want a skip", tt.name, f.skipped, f.failed)
		}
		t.Setenv("CI", "true")
		f := run(t, tt.fn)
		if !f.failed || f.skipped {
			t.Errorf("%s without the tool, CI=true: skipped=%v failed=%v, want a failure", tt.name, f.skipped, f.failed)
		}
		if !strings.Contains(f.msg, "/nonexistent/") || !strings.Contains(f.msg, "install-tools") {
			t.Errorf("%s message %q should name the missing path and scripts/install-tools", tt.name, f.msg)
		}
	}
}

// texts returns "kind: text" for each problem.
func texts(probs []Problem) []string {
	var s []string
	for _, p := range probs {
		s = append(s, string(p.Kind)+": "+p.Text)
	}
	return s
}

func TestPage(t *testing.T) {
	b := Start(t)
	base := Serve(t, "testdata", "/repo/")

	t.Run("console", func(t *testing.T) {
		p := b.Open(t, fileURL(t, "console.html"))
		got := texts(p.Problems())
		want := []string{
			"console error: boom 42",
			"console warning: careful",
			"exception: Uncaught TypeError: kaput",
		}
		if !slices.Equal(got, want) {
			t.Errorf("Problems() = %q, want %q", got, want)
		}
		for _, pr := range p.Problems() {
			if want := fileURL(t, "console.html"); pr.Page != want {
				t.Errorf("%v: Page = %q, want %q", pr, pr.Page, want)
			}
		}
	})

	t.Run("missing file", func(t *testing.T) {
		p := b.Open(t, fileURL(t, "missing.html"))
		want := []Problem{{Kind: FailedRequest, Page: fileURL(t, "missing.html"), URL: fileURL(t, "no-such-image.png"), Text: "net::ERR_FILE_NOT_FOUND"}}
		if got := p.Problems(); !slices.Equal(got, want) {
			t.Errorf("Problems() = %v, want %v", got, want)
		}
	})

	t.Run("404", func(t *testing.T) {
		p := b.Open(t, base+"missing.html")
		want := []Problem{{Kind: FailedRequest, Page: base + "missing.html", URL: base + "no-such-image.png", Text: "HTTP 404 Not Found"}}
		if got := p.Problems(); !slices.Equal(got, want) {
			t.Errorf("Problems() = %v, want %v", got, want)
		}
		reqs := p.Requests()
		if len(reqs) != 2 || reqs[1].Status != 404 || reqs[1].Type != "Image" {
			t.Errorf("Requests() = %+v, want the page and a 404 image", reqs)
		}
	})

	t.Run("CSP", func(t *testing.T) {
		p := b.Open(t, base+"csp.html")
		if got := Eval[string](p, "document.title"); got != "Strict CSP" {
			t.Errorf("document.title = %q: the inline script ran despite the CSP", got)
		}
		var inline, blocked bool
		for _, pr := range p.Problems() {
			switch {
			case pr.Kind == ConsoleError && strings.Contains(pr.Text, "inline script") && strings.Contains(pr.Text, "Content Security Policy"):
				inline = true
			case pr.Kind == FailedRequest && pr.URL == "https://example.invalid/tracker.js" && strings.Contains(pr.Text, "csp"):
				blocked = true
			}
		}
		if !inline || !blocked {
			t.Errorf("Problems() = %v\nwant a console error for the inline script and a CSP-blocked request", p.Problems())
		}
	})

	t.Run("bytes", func(t *testing.T) {
		fi, err := os.Stat("testdata/interact.js")
		if err != nil {
			t.Fatal(err)
		}
		p := b.Open(t, fileURL(t, "interact.html"))
		reqs := p.Requests()
		if len(reqs) != 2 || reqs[1].URL != fileURL(t, "interact.js") || reqs[1].Bytes != fi.Size() {
			t.Errorf("file:// Requests() = %+v, want interact.js with %d bytes", reqs, fi.Size())
		}
		p = b.Open(t, base+"interact.html")
		reqs = p.Requests()
		// Over HTTP the count is what went over the wire, headers included.
		if len(reqs) != 2 || reqs[1].Status != 200 || reqs[1].Type != "Script" || reqs[1].Bytes <= fi.Size() {
			t.Errorf("http Requests() = %+v, want interact.js with more than %d bytes", reqs, fi.Size())
		}
	})

	t.Run("keys, click and back", func(t *testing.T) {
		p := b.Open(t, base+"interact.html")
		p.Press("/")
		if got := Eval[string](p, "document.activeElement.id"); got != "q" {
			t.Fatalf(`after Press("/"), the focus is on %q, want "q"`, got)
		}
		p.Type("alpha beta")
		p.WaitFor(`document.querySelectorAll("#out li").length === 2`)
		p.Press("ArrowDown")
		if got := Eval[string](p, `document.querySelector("#out li.selected").textContent`); got != "alpha" {
			t.Errorf("after ArrowDown, the selection is %q, want alpha", got)
		}
		p.Press("Enter")
		if got, want := p.URL(), base+"interact.html?q=alpha%20beta"; got != want {
			t.Errorf("after Enter, URL() = %q, want %q", got, want)
		}
		p.Press("Escape")
		if n := Eval[int](p, `document.querySelectorAll("#out li").length`); n != 0 {
			t.Errorf("after Escape, %d results are listed, want 0", n)
		}
		p.Click("#next")
		p.WaitLoad()
		if got, want := p.URL(), base+"site/index.html"; got != want {
			t.Errorf("after the click, URL() = %q, want %q", got, want)
		}
		if got := Eval[string](p, "document.title"); got != "Home" {
			t.Errorf("after the click, the title is %q, want Home", got)
		}
		p.Back()
		if got, want := p.URL(), base+"interact.html?q=alpha%20beta"; got != want {
			t.Errorf("after Back, URL() = %q, want %q", got, want)
		}
		if !Eval[bool](p, "window.ready === true") {
			t.Errorf("after Back, interact.js has not run")
		}
		p.Back()
		if got, want := p.URL(), base+"interact.html"; got != want {
			t.Errorf("after a second Back, URL() = %q, want %q", got, want)
		}
		if probs := p.Problems(); len(probs) > 0 {
			t.Errorf("Problems() = %v, want none", probs)
		}
	})

	t.Run("dark", func(t *testing.T) {
		const bg = "getComputedStyle(document.body).backgroundColor"
		if got := Eval[string](b.Open(t, base+"interact.html"), bg); got != "rgb(255, 255, 255)" {
			t.Errorf("light background = %q, want white", got)
		}
		if got := Eval[string](b.Open(t, base+"interact.html", Dark), bg); got != "rgb(17, 17, 17)" {
			t.Errorf("dark background = %q, want rgb(17, 17, 17)", got)
		}
	})

	t.Run("no script", func(t *testing.T) {
		p := b.Open(t, base+"interact.html", NoScript)
		p.WaitFor(`document.readyState === "complete"`) // the harness's own JS still runs
		if Eval[bool](p, "window.ready === true") {
			t.Errorf("interact.js ran with JavaScript disabled")
		}
		if !Eval[bool](p, `document.getElementById("noscript") !== null`) {
			t.Errorf("the <noscript> text is not shown with JavaScript disabled")
		}
	})

	t.Run("close", func(t *testing.T) {
		const title = "Contrast"
		open := func() int {
			infos, err := chromedp.Targets(b.ctx)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, info := range infos {
				if info.Type == "page" && info.Title == title {
					n++
				}
			}
			return n
		}
		p := b.Open(t, base+"contrast.html")
		if n := open(); n != 1 {
			t.Fatalf("after Open, %d tabs show %q, want 1", n, title)
		}
		p.Close()
		if n := open(); n != 0 {
			t.Errorf("after Close, %d tabs show %q, want 0", n, title)
		}
	})

	t.Run("screenshot", func(t *testing.T) {
		p := b.Open(t, base+"site/index.html")
		for _, width := range []int{Phone, Desktop} {
			data := p.Screenshot(width)
			cfg, err := png.DecodeConfig(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("Screenshot(%d): %v", width, err)
			}
			if cfg.Width != width || cfg.Height < 100 {
				t.Errorf("Screenshot(%d) is %dx%d, want %d wide and the whole page high", width, cfg.Width, cfg.Height, width)
			}
			if got := Eval[int](p, "window.innerWidth"); got != width {
				t.Errorf("after Screenshot(%d), innerWidth = %d", width, got)
			}
		}
	})
}
