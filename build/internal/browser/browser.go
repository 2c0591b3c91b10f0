package browser

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// timeout bounds every wait of a helper: a load, a condition, a click. It is
// generous because a loaded 2-core CI machine is slow, and it only matters
// when something is broken.
const timeout = time.Minute

// A Browser is a headless Chromium started for a test.
type Browser struct {
	ctx context.Context // the browser's first chromedp context; tabs are its children
}

// Start launches the system Chromium with a fresh profile in t.TempDir and
// stops it when the test ends. Chromium is $CHROMIUM when that is set, else
// /usr/bin/chromium, else chromium, chromium-browser or google-chrome on
// PATH. When none is found, Start skips the test, or fails it when $CI is
// set: CI never skips browser tests silently.
func Start(t testing.TB) *Browser {
	t.Helper()
	exe, err := findChromium()
	if err != nil {
		missing(t, err.Error()+"; run scripts/install-tools")
	}
	out := new(lockedBuffer)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.CombinedOutput(out),
		// The closed network refuses Chromium's background connections;
		// these flags stop it from trying.
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		// Without the back/forward cache, going back always loads the page
		// again, as it does for a user whose cache evicted it; search state
		// must then survive a reload.
		chromedp.Flag("disable-features", "Translate,BlinkGenPropertyTrees,BackForwardCache"),
		chromedp.WindowSize(Desktop, 800),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()      // closes the browser
		cancelAlloc() // waits for the process to end, before t.TempDir is removed
		if t.Failed() {
			log := out.String()
			t.Logf("the last of Chromium's output:\n%s", log[max(0, len(log)-4096):])
		}
	})
	startCtx, cancelStart := context.WithTimeout(ctx, timeout)
	defer cancelStart()
	// chromedp binds the browser's life to the context of the first Do, so it
	// must be ctx itself; the timeout comes from a watchdog instead.
	stop := context.AfterFunc(startCtx, func() {
		if errors.Is(startCtx.Err(), context.DeadlineExceeded) {
			cancel()
		}
	})
	defer stop()
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v\n%s", exe, err, out.String())
	}
	return &Browser{ctx: ctx}
}

// findChromium returns the path of the Chromium to run.
func findChromium() (string, error) {
	if exe := os.Getenv("CHROMIUM"); exe != "" {
		if path, err := exec.LookPath(exe); err == nil {
			return path, nil
		}
		return "", fmt.Errorf("$CHROMIUM=%s: not an executable", exe)
	}
	if fi, err := os.Stat("/usr/bin/chromium"); err == nil && !fi.IsDir() {
		return "/usr/bin/chromium", nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path, nil
		}
	}
	return "", errors.New("no Chromium: $CHROMIUM is unset and none of /usr/bin/chromium, chromium, chromium-browser, google-chrome is installed")
}

// missing skips the test when a tool is missing, or fails it on CI.
func missing(t testing.TB, msg string) {
	t.Helper()
	if onCI() {
		t.Fatal(msg + " (CI is set, so this fails instead of skipping)")
	}
	t.Skip(msg)
}

func onCI() bool {
	v := os.Getenv("CI")
	return v != "" && v != "0" && v != "false"
}

// Viewport widths for Screenshot and Width.
const (
	Phone   = 390
	Desktop = 1280
)

// An Option changes how Open opens a page.
type Option func(*options)

type options struct {
	dark     bool
	noScript bool
	width    int
}

var (
	// Dark emulates prefers-color-scheme: dark.
	Dark Option = func(o *options) { o.dark = true }
	// NoScript disables JavaScript for the page, as a reader who turned
	// it off would have it. Eval and WaitFor still work: they run through
	// the DevTools protocol, not the page.
	NoScript Option = func(o *options) { o.noScript = true }
)

// Width sets the viewport width in CSS pixels, such as Phone or Desktop.
// Widths under 600 emulate a mobile device, so <meta name=viewport> applies.
func Width(px int) Option { return func(o *options) { o.width = px } }

// Open opens url in a new tab and waits until it has loaded and no request
// is in flight. The tab closes when t ends. The Page records from the start
// of the navigation.
func (b *Browser) Open(t testing.TB, url string, opts ...Option) *Page {
	t.Helper()
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	tb, err := b.newTab()
	if err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	t.Cleanup(tb.close)
	p := &Page{t: t, tab: tb, dark: o.dark}
	ctx, cancel := p.timeout()
	defer cancel()
	if err := tb.setup(ctx, o); err != nil {
		t.Fatalf("setting up the tab for %s: %v", url, err)
	}
	if err := tb.navigate(ctx, url); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	return p
}

// A tab is one Chromium tab with its recorder. Page and Crawl use it.
type tab struct {
	ctx   context.Context
	close func()
	rec   *recorder
	seen  mark // the navigations waited for so far
}

func (b *Browser) newTab() (*tab, error) {
	rec := newRecorder()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithListener(rec.handle))
	if err := chromedp.Do(ctx); err != nil { // creates the tab
		cancel()
		return nil, err
	}
	return &tab{ctx: ctx, close: cancel, rec: rec}, nil
}

func (tb *tab) setup(ctx context.Context, o options) error {
	if o.width != 0 {
		if err := tb.setWidth(ctx, o.width); err != nil {
			return err
		}
	}
	if o.dark {
		if err := tb.setDark(ctx, true); err != nil {
			return err
		}
	}
	if o.noScript {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}
	return nil
}

func (tb *tab) setWidth(ctx context.Context, width int) error {
	_, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width:             int64(width),
		Height:            800,
		DeviceScaleFactor: 1,
		Mobile:            width < 600,
	})
	return err
}

// setDark emulates prefers-color-scheme: dark, or with dark false ends the
// emulation.
func (tb *tab) setDark(ctx context.Context, dark bool) error {
	var params emulation.SetEmulatedMediaParams
	if dark {
		params.Features = []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}
	}
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, params)
	return err
}

// navigate loads url and waits for its load event and then for the network
// to go quiet.
func (tb *tab) navigate(ctx context.Context, url string) error {
	m := tb.rec.mark()
	res, err := chromedp.Call(ctx, page.Navigate, page.NavigateParams{URL: url})
	if err != nil {
		return err
	}
	if res.ErrorText != "" {
		return errors.New(res.ErrorText)
	}
	return tb.waitLoad(ctx, m, false)
}

// waitLoad waits for a navigation after m to load, then for the network to
// go quiet.
func (tb *tab) waitLoad(ctx context.Context, m mark, sameDoc bool) error {
	var err error
	if tb.seen, err = tb.rec.waitLoad(ctx, m, sameDoc); err != nil {
		return fmt.Errorf("waiting for the page to load: %w", err)
	}
	if err := tb.rec.waitIdle(ctx); err != nil {
		return fmt.Errorf("waiting for the page's requests to finish: %w", err)
	}
	return nil
}

// A lockedBuffer collects Chromium's output, which arrives from two pipes.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// moduleRoot returns the directory of the go.mod above the working
// directory, which for a test is its package directory.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}
