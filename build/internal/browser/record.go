package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
)

// A Kind names what went wrong in a Problem.
type Kind string

const (
	ConsoleError   Kind = "console error"   // console.error or console.assert, or a browser error such as a CSP violation
	ConsoleWarning Kind = "console warning" // console.warn, or a browser warning
	Exception      Kind = "exception"       // an uncaught exception or unhandled promise rejection
	FailedRequest  Kind = "failed request"  // a network error, a blocked request (CSP, mixed content, ...) or HTTP status >= 400
	BrokenLink     Kind = "broken link"     // Crawl: an <a href> whose target does not exist
	LoadFailure    Kind = "load failure"    // Crawl: a page that could not be opened or read
)

// A Problem is one thing a page did wrong.
type Problem struct {
	Kind Kind
	Page string // the page it happened on; for a BrokenLink, the page with the link
	URL  string // the failed request, the script, or the link target; may be ""
	Text string // the message, network error or HTTP status
}

func (p Problem) String() string {
	s := fmt.Sprintf("%s: %s: %s", p.Page, p.Kind, p.Text)
	if p.URL != "" && p.URL != p.Page {
		s += " (" + p.URL + ")"
	}
	return s
}

// A Request is one network request a page made.
type Request struct {
	URL    string
	Type   string // Chromium's resource type: "Document", "Stylesheet", "Script", "Image", "Font", "Fetch", "XHR", ...
	Status int    // HTTP status; 200 for a file:// URL that loaded, 0 when no response came
	Bytes  int64  // bytes transferred (headers included); for file:// URLs, the file's size on disk
	Error  string // "" for a request that completed, else the network error or blocked reason
}

// A recorder keeps what a tab reports, in the order the browser sends it.
// Its handle method is a chromedp listener: it runs in the loop that reads
// the tab's messages, before the reply to any later command, so what a
// command caused is recorded by the time the command returns.
type recorder struct {
	mu       sync.Mutex
	changed  chan struct{} // closed, and replaced, on every change of the state below
	requests []*Request
	byID     map[network.RequestID]*Request
	// pending holds the requests with neither loadingFinished nor
	// loadingFailed yet, each with the navigation count when it was sent.
	pending  map[network.RequestID]int
	problems []Problem

	mainFrame cdp.FrameID
	page      string // URL of the main frame's document
	navs      int    // main-frame navigations to a new document
	loaded    bool   // whether the latest of them fired load
	sameDoc   int    // main-frame navigations within the document (history API, fragments)
}

func newRecorder() *recorder {
	return &recorder{
		changed: make(chan struct{}),
		byID:    make(map[network.RequestID]*Request),
		pending: make(map[network.RequestID]int),
	}
}

// reset forgets the requests and problems recorded so far.
func (r *recorder) reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.requests, r.problems = nil, nil
	clear(r.byID)
	clear(r.pending)
}

func (r *recorder) problem(kind Kind, u, text string) {
	r.problems = append(r.problems, Problem{Kind: kind, Page: r.page, URL: u, Text: text})
}

func (r *recorder) handle(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev := ev.(type) {
	case *page.EventFrameNavigated:
		if ev.Frame.ParentID != "" {
			return
		}
		r.mainFrame, r.page = ev.Frame.ID, ev.Frame.URL
		r.navs++
		r.loaded = false
	case *page.EventNavigatedWithinDocument:
		if ev.FrameID != r.mainFrame {
			return
		}
		r.page = ev.URL
		r.sameDoc++
	case *page.EventLoadEventFired:
		r.loaded = true

	case *network.EventRequestWillBeSent:
		if strings.HasPrefix(ev.Request.URL, "data:") || implicitFavicon(ev) {
			return
		}
		if old := r.byID[ev.RequestID]; old != nil && ev.RedirectResponse != nil {
			old.Status = int(ev.RedirectResponse.Status)
			old.Bytes = int64(ev.RedirectResponse.EncodedDataLength)
		}
		req := &Request{URL: ev.Request.URL, Type: string(ev.Type)}
		r.requests = append(r.requests, req)
		r.byID[ev.RequestID] = req
		r.pending[ev.RequestID] = r.navs
	case *network.EventResponseReceived:
		req := r.byID[ev.RequestID]
		if req == nil {
			return
		}
		req.Status = int(ev.Response.Status)
		if req.Status >= 400 {
			page := r.page
			if ev.Type == network.ResourceTypeDocument {
				page = req.URL // the page that failed, not the one before it
			}
			r.problems = append(r.problems, Problem{
				Kind: FailedRequest, Page: page, URL: req.URL,
				Text: fmt.Sprintf("HTTP %d %s", req.Status, ev.Response.StatusText),
			})
		}
	case *network.EventLoadingFinished:
		if req := r.byID[ev.RequestID]; req != nil {
			req.Bytes = int64(ev.EncodedDataLength)
			delete(r.pending, ev.RequestID)
		}
	case *network.EventLoadingFailed:
		req := r.byID[ev.RequestID]
		if req == nil {
			return
		}
		delete(r.pending, ev.RequestID)
		req.Error = ev.ErrorText
		if ev.BlockedReason != "" {
			req.Error = strings.TrimSpace(req.Error + " blocked: " + string(ev.BlockedReason))
		}
		// A request canceled by a navigation or by the page itself is no
		// fault of the page; one canceled because something blocked it is.
		if !ev.Canceled || ev.BlockedReason != "" {
			r.problem(FailedRequest, req.URL, req.Error)
		}

	case *runtime.EventConsoleAPICalled:
		var kind Kind
		switch ev.Type {
		case runtime.ConsoleAPICalledTypeError, runtime.ConsoleAPICalledTypeAssert:
			kind = ConsoleError
		case runtime.ConsoleAPICalledTypeWarning:
			kind = ConsoleWarning
		default:
			return
		}
		r.problem(kind, stackURL(ev.StackTrace), consoleText(ev.Args))
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil {
			desc, _, _ := strings.Cut(d.Exception.Description, "\n") // the first line, without the stack
			if desc == "" {
				desc = string(d.Exception.Value)
			}
			text += " " + desc
		}
		u := d.URL
		if u == "" {
			u = stackURL(d.StackTrace)
		}
		if u != "" {
			u = fmt.Sprintf("%s:%d", u, d.LineNumber+1)
		}
		r.problem(Exception, u, strings.TrimSpace(text))
	case *log.EventEntryAdded:
		e := ev.Entry
		// Failed requests are recorded from the Network domain, with their
		// status; the browser's "Failed to load resource" line adds nothing.
		if e.Source == log.EntrySourceNetwork {
			return
		}
		switch e.Level {
		case log.EntryLevelError:
			r.problem(ConsoleError, e.URL, e.Text)
		case log.EntryLevelWarning:
			r.problem(ConsoleWarning, e.URL, e.Text)
		}
	default:
		return
	}
	close(r.changed)
	r.changed = make(chan struct{})
}

// wait blocks until cond, called with r.mu held, is true, or ctx ends.
func (r *recorder) wait(ctx context.Context, cond func() bool) error {
	for {
		r.mu.Lock()
		ok, ch := cond(), r.changed
		r.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// A mark is the navigation state at one moment, to wait for what follows it.
type mark struct{ navs, sameDoc int }

func (r *recorder) mark() mark {
	r.mu.Lock()
	defer r.mu.Unlock()
	return mark{r.navs, r.sameDoc}
}

// waitLoad waits until a navigation to a new document, begun after m, has
// fired load; with sameDoc, a navigation within the document also counts.
// It returns the new mark.
func (r *recorder) waitLoad(ctx context.Context, m mark, sameDoc bool) (mark, error) {
	err := r.wait(ctx, func() bool {
		return r.navs > m.navs && r.loaded || sameDoc && r.sameDoc > m.sameDoc
	})
	return r.mark(), err
}

// waitIdle waits until no request of the current document is in flight.
// A request the previous document sent late (a favicon fetched after its
// load, in a reused tab) may never report an end once that document is
// gone, so it does not hold up the next page.
func (r *recorder) waitIdle(ctx context.Context) error {
	return r.wait(ctx, func() bool {
		for _, nav := range r.pending {
			if nav >= r.navs {
				return false
			}
		}
		return true
	})
}

func (r *recorder) snapshot() ([]Request, []Problem) {
	r.mu.Lock()
	defer r.mu.Unlock()
	reqs := make([]Request, len(r.requests))
	for i, req := range r.requests {
		reqs[i] = *req
	}
	return reqs, append([]Problem(nil), r.problems...)
}

// fillFileSizes sets Bytes of file:// requests, for which Chromium reports
// 0, to the size of the file, so that byte budgets work from file:// too.
func fillFileSizes(reqs []Request) {
	for i := range reqs {
		req := &reqs[i]
		if req.Bytes != 0 || req.Error != "" || !strings.HasPrefix(req.URL, "file:") {
			continue
		}
		if u, err := url.Parse(req.URL); err == nil {
			if fi, err := os.Stat(u.Path); err == nil && fi.Mode().IsRegular() {
				req.Bytes = fi.Size()
			}
		}
	}
}

func stackURL(st *runtime.StackTrace) string {
	if st == nil || len(st.CallFrames) == 0 {
		return ""
	}
	f := st.CallFrames[0]
	return fmt.Sprintf("%s:%d", f.URL, f.LineNumber+1)
}

// consoleText joins the arguments of a console call as the DevTools console
// shows them, roughly: strings as they are, other values by description.
func consoleText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		switch {
		case a.Type == runtime.RemoteObjectTypeString:
			var s string
			if err := json.Unmarshal(a.Value, &s); err == nil {
				parts = append(parts, s)
				continue
			}
			parts = append(parts, string(a.Value))
		case a.UnserializableValue != "":
			parts = append(parts, string(a.UnserializableValue))
		case a.Description != "":
			parts = append(parts, a.Description)
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

// implicitFavicon reports whether the request is Chromium's own fetch of
// /favicon.ico, made after load when a page links no icon. It is not the
// page's request, and whether it comes before the test reads the record is
// a race, so it is not recorded. A page's own <link rel=icon> is relative
// (STYLE.md §7), so it is never this URL under a sub-path.
func implicitFavicon(ev *network.EventRequestWillBeSent) bool {
	if ev.Type != network.ResourceTypeOther {
		return false
	}
	u, err := url.Parse(ev.Request.URL)
	return err == nil && u.Path == "/favicon.ico"
}
