package browser

import (
	"context"
	"fmt"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// A Page is one tab, opened by Browser.Open. It records, from the moment of
// navigation, every request and every Problem, across the navigations that
// follow (a click on a link, Back, a form). Its methods fail the test on a
// protocol error or after a minute without success; they must be called from
// the test's goroutine. Different Pages may be used at the same time.
type Page struct {
	t    testing.TB
	tab  *tab
	dark bool // opened with Dark
}

func (p *Page) timeout() (context.Context, context.CancelFunc) {
	return context.WithTimeout(p.tab.ctx, timeout)
}

// Requests returns the requests made so far, in the order they started.
func (p *Page) Requests() []Request {
	reqs, _ := p.tab.rec.snapshot()
	fillFileSizes(reqs)
	return reqs
}

// Problems returns the problems recorded so far, in order: console errors
// and warnings, uncaught exceptions, and failed requests.
func (p *Page) Problems() []Problem {
	_, probs := p.tab.rec.snapshot()
	return probs
}

// WaitLoad waits until a navigation that began after the last Open, Back or
// WaitLoad has loaded a new document and its requests have finished: call it
// after a Click or Press that leads to another page. It returns at once when
// that page has loaded already.
func (p *Page) WaitLoad() {
	p.t.Helper()
	ctx, cancel := p.timeout()
	defer cancel()
	if err := p.tab.waitLoad(ctx, p.tab.seen, false); err != nil {
		p.t.Fatalf("%s: %v", p.URL(), err)
	}
}

// WaitFor waits until the JavaScript expression js is truthy in the page,
// checking on every animation frame.
func (p *Page) WaitFor(js string) {
	p.t.Helper()
	ctx, cancel := p.timeout()
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool]("!!("+js+")", chromedp.WithPollingTimeout(timeout)))
	if err != nil {
		p.t.Fatalf("waiting on %s for %s: %v", p.where(), js, err)
	}
}

// where names the page's document and its state, for a failure message;
// it does not fail itself.
func (p *Page) where() string {
	ctx, cancel := context.WithTimeout(p.tab.ctx, 5*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + " (" + document.readyState + ")"`))
	if err != nil {
		return "a page that does not answer (" + err.Error() + ")"
	}
	return s
}

// Eval evaluates the JavaScript expression js in the page, awaits it when it
// is a promise, and decodes its JSON value into a T. Struct fields match
// JSON names exactly, so give them json tags.
func Eval[T any](p *Page, js string) T {
	p.t.Helper()
	ctx, cancel := p.timeout()
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// Click clicks the center of the first element that matches the CSS
// selector, once it is visible. Call WaitLoad after it when it leads to
// another page.
func (p *Page) Click(selector string) {
	p.t.Helper()
	ctx, cancel := p.timeout()
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(selector))); err != nil {
		p.t.Fatalf("clicking %s: %v", selector, err)
	}
}

// Type types text, key by key, into the focused element.
func (p *Page) Type(text string) {
	p.t.Helper()
	ctx, cancel := p.timeout()
	defer cancel()
	for _, r := range text {
		if err := press(ctx, r); err != nil {
			p.t.Fatalf("typing %q: %v", text, err)
		}
	}
}

// press presses and releases the key for r as a keyboard does: the text
// goes with the keydown event, so a page that cancels the keydown (a "/"
// shortcut that focuses the search box) also cancels the text. chromedp's
// KeyEvent sends the text in a separate char event that no handler can
// cancel.
func press(ctx context.Context, r rune) error {
	evs := kb.Encode(r)
	down, up := *evs[0], *evs[len(evs)-1]
	down.Type = input.DispatchKeyEventTypeRawKeyDown
	if len(evs) == 3 { // keyDown, char, keyUp: a key that types text
		down.Type = input.DispatchKeyEventTypeKeyDown
		down.Text, down.UnmodifiedText = evs[1].Text, evs[1].UnmodifiedText
	}
	for _, ev := range []input.DispatchKeyEventParams{down, up} {
		if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, ev); err != nil {
			return err
		}
	}
	return nil
}

// keys maps the names Press accepts to chromedp's key runes.
var keys = map[string]string{
	"Enter":      kb.Enter,
	"Escape":     kb.Escape,
	"Tab":        kb.Tab,
	"Backspace":  kb.Backspace,
	"Delete":     kb.Delete,
	"ArrowDown":  kb.ArrowDown,
	"ArrowUp":    kb.ArrowUp,
	"ArrowLeft":  kb.ArrowLeft,
	"ArrowRight": kb.ArrowRight,
	"Home":       kb.Home,
	"End":        kb.End,
	"PageDown":   kb.PageDown,
	"PageUp":     kb.PageUp,
}

// Press presses keys, in order, on the focused element: "Enter", "Escape",
// "ArrowDown", "ArrowUp", "Tab", ... or a single character such as "/".
func (p *Page) Press(names ...string) {
	p.t.Helper()
	ctx, cancel := p.timeout()
	defer cancel()
	for _, name := range names {
		k, ok := keys[name]
		if !ok && utf8.RuneCountInString(name) == 1 {
			k, ok = name, true
		}
		if !ok {
			p.t.Fatalf("Press(%q): unknown key", name)
		}
		r, _ := utf8.DecodeRuneInString(k)
		if err := press(ctx, r); err != nil {
			p.t.Fatalf("pressing %s: %v", name, err)
		}
	}
}

// Back goes back one entry in the tab's history and waits for it to load
// (or, for an entry within the same document, for the navigation).
func (p *Page) Back() {
	p.t.Helper()
	ctx, cancel := p.timeout()
	defer cancel()
	m := p.tab.rec.mark()
	h, err := chromedp.Call(ctx, page.GetNavigationHistory, cdp.Empty{})
	if err != nil {
		p.t.Fatalf("going back: %v", err)
	}
	if h.CurrentIndex <= 0 {
		p.t.Fatalf("going back from %s: no earlier page", h.Entries[h.CurrentIndex].URL)
	}
	prev := h.Entries[h.CurrentIndex-1]
	if _, err := chromedp.Call(ctx, page.NavigateToHistoryEntry, page.NavigateToHistoryEntryParams{EntryID: prev.ID}); err != nil {
		p.t.Fatalf("going back to %s: %v", prev.URL, err)
	}
	if err := p.tab.waitLoad(ctx, m, true); err != nil {
		p.t.Fatalf("going back to %s: %v", prev.URL, err)
	}
}

// URL returns the URL of the page now shown, including changes made with
// the history API.
func (p *Page) URL() string {
	p.t.Helper()
	ctx, cancel := p.timeout()
	defer cancel()
	h, err := chromedp.Call(ctx, page.GetNavigationHistory, cdp.Empty{})
	if err != nil {
		p.t.Fatalf("reading the URL: %v", err)
	}
	return h.Entries[h.CurrentIndex].URL
}

// Screenshot sets the viewport to width CSS pixels (Phone, Desktop) and
// returns a PNG of the whole page. The width stays set afterwards.
func (p *Page) Screenshot(width int) []byte {
	p.t.Helper()
	ctx, cancel := p.timeout()
	defer cancel()
	if err := p.tab.setWidth(ctx, width); err != nil {
		p.t.Fatalf("setting the width to %d: %v", width, err)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		p.t.Fatalf("taking a screenshot: %v", err)
	}
	return png
}

// Close closes the tab now rather than when the test ends. A test that
// opens many pages in one loop should close each: every tab holds a
// renderer's memory. The Page must not be used after Close.
func (p *Page) Close() { p.tab.close() }

func (p *Page) String() string { return fmt.Sprintf("browser.Page(%s)", p.tab.rec.page) }
