package browser

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/chromedp/chromedp"
)

// CrawlOptions bound a Crawl.
type CrawlOptions struct {
	// MaxPages is the most pages opened; 0 means no limit.
	MaxPages int

	// Sample limits the pages opened per URL pattern. A key is a path.Match
	// pattern relative to the crawl root, matched against each page's
	// path with a trailing "index.html" removed: {"patent/*/": 20} opens
	// at most 20 patent pages. A page takes the first pattern that matches,
	// in sorted order; a page that matches none is limited by MaxPages only.
	// Links to pages beyond the limits are still checked to exist.
	Sample map[string]int

	// Tabs is the number of pages open at once; 0 means 2.
	Tabs int
}

// A Report is what Crawl found.
type Report struct {
	Pages    []string  // the pages opened, in crawl order
	Links    int       // distinct link targets inside the root checked to exist
	Skipped  int       // pages that exist but were not opened, because of MaxPages or Sample
	Failures []Problem // in crawl order; see Crawl
}

// Crawl visits, breadth first, every page reachable by <a href> from start
// that lies within start's root: for http, the same origin and a path under
// start's directory; for file://, start's directory tree. Other links are
// ignored; nothing outside the root is fetched.
//
// Every link target inside the root is checked once: with HEAD (or GET) for
// http, with os.Stat for file://. A target that is missing is a BrokenLink
// on every opened page that links to it; so is a file:// link to a folder,
// which a browser shows as a listing rather than its index.html. Links to
// .html pages, to folders ("x/") and to paths without an extension are
// opened in a tab, as CrawlOptions allow; links to other files (.json,
// .ris, .bib, .csv, .xml, ...) are only checked.
//
// On each opened page, Crawl waits for the load event and for the requests
// in flight, then records failed requests, console errors and uncaught
// exceptions (not warnings) as Failures with that page.
//
// The error is for the crawl itself (a bad start URL or pattern, a dead
// browser, ctx ending); what is wrong with the site is in the Report.
func (b *Browser) Crawl(ctx context.Context, start string, opts CrawlOptions) (*Report, error) {
	c, err := newCrawler(start, opts)
	if err != nil {
		return nil, err
	}
	startURL := c.start.String()
	if msg := c.check(ctx, c.start); msg != "" {
		return nil, fmt.Errorf("crawl: %s: %s", startURL, msg)
	}
	tabs := make([]*tab, cmp.Or(max(opts.Tabs, 0), 2))
	for i := range tabs {
		if tabs[i], err = b.newTab(); err != nil {
			return nil, fmt.Errorf("crawl: opening a tab: %w", err)
		}
		defer tabs[i].close()
	}

	rep := &Report{}
	c.queued[pageKey(c.start)] = true
	c.allow(c.start) // the start page is always opened, but counts
	for level := []string{startURL}; len(level) > 0; {
		visits, err := c.visitAll(ctx, tabs, level)
		if err != nil {
			return nil, err
		}
		var next []string
		for i, v := range visits {
			pageURL := level[i]
			rep.Pages = append(rep.Pages, pageURL)
			rep.Failures = append(rep.Failures, v.problems...)
			for _, l := range v.links {
				if open, ok := c.follow(ctx, pageURL, l, rep); ok {
					next = append(next, open)
				}
			}
		}
		level = next
	}
	rep.Links = len(c.checked)
	return rep, nil
}

type crawler struct {
	opts     CrawlOptions
	start    *url.URL
	root     *url.URL // start with the last path segment dropped; Path ends in "/"
	patterns []string // the keys of opts.Sample, sorted
	client   *http.Client

	checked map[string]string // link target → "" when it exists, else why not
	queued  map[string]bool   // pageKey of the pages queued or opened
	counts  map[string]int    // pages queued per pattern
	nqueued int
}

func newCrawler(start string, opts CrawlOptions) (*crawler, error) {
	u, err := url.Parse(start)
	if err != nil {
		return nil, fmt.Errorf("crawl: %w", err)
	}
	switch u.Scheme {
	case "http", "https", "file":
	default:
		return nil, fmt.Errorf("crawl: %s: want an http, https or file URL", start)
	}
	u.Fragment, u.RawFragment = "", ""
	root := *u
	root.RawQuery = ""
	root.Path = root.Path[:strings.LastIndex(root.Path, "/")+1]
	root.RawPath = ""
	patterns := slices.Sorted(maps.Keys(opts.Sample))
	for _, p := range patterns {
		if _, err := path.Match(p, ""); err != nil {
			return nil, fmt.Errorf("crawl: sample pattern %q: %w", p, err)
		}
	}
	return &crawler{
		opts:     opts,
		start:    u,
		root:     &root,
		patterns: patterns,
		client:   &http.Client{Timeout: timeout},
		checked:  make(map[string]string),
		queued:   make(map[string]bool),
		counts:   make(map[string]int),
	}, nil
}

// inRoot reports whether u lies within the crawl root.
func (c *crawler) inRoot(u *url.URL) bool {
	return u.Scheme == c.root.Scheme && u.Host == c.root.Host && strings.HasPrefix(u.Path, c.root.Path)
}

// isPage reports whether a link to u leads to a page to open: an .html
// file, a folder, or a path whose last segment has no extension.
func isPage(u *url.URL) bool {
	switch ext := path.Ext(u.Path); {
	case strings.HasSuffix(u.Path, "/"), ext == ".html", ext == ".htm":
		return true
	default:
		return ext == ""
	}
}

// pageKey identifies a page: "x/" and "x/index.html" are the same page.
func pageKey(u *url.URL) string {
	v := *u
	v.Fragment, v.RawFragment = "", ""
	v.Path = strings.TrimSuffix(v.Path, "index.html")
	v.RawPath = ""
	return v.String()
}

// follow checks the link l found on the page from and returns the URL to
// open for it, if any.
func (c *crawler) follow(ctx context.Context, from string, l link, rep *Report) (string, bool) {
	if l.Href == "" {
		rep.Failures = append(rep.Failures, Problem{Kind: BrokenLink, Page: from, URL: l.Raw, Text: "invalid URL"})
		return "", false
	}
	u, err := url.Parse(l.Href)
	if err != nil {
		rep.Failures = append(rep.Failures, Problem{Kind: BrokenLink, Page: from, URL: l.Raw, Text: "invalid URL: " + err.Error()})
		return "", false
	}
	u.Fragment, u.RawFragment = "", ""
	if !c.inRoot(u) {
		return "", false
	}
	target := u.String()
	msg, ok := c.checked[target]
	if !ok {
		msg = c.check(ctx, u)
		c.checked[target] = msg
	}
	if msg != "" {
		rep.Failures = append(rep.Failures, Problem{Kind: BrokenLink, Page: from, URL: target, Text: msg})
	}
	if !isPage(u) {
		return "", false
	}
	if u.Scheme == "file" && strings.HasSuffix(u.Path, "/") {
		u.Path += "index.html" // open what the folder link meant
		if _, err := os.Stat(u.Path); err != nil {
			return "", false
		}
	} else if msg != "" {
		return "", false
	}
	key := pageKey(u)
	if c.queued[key] {
		return "", false
	}
	c.queued[key] = true
	if !c.allow(u) {
		rep.Skipped++
		return "", false
	}
	return u.String(), true
}

// allow reports whether the page u may be opened under MaxPages and
// Sample, and counts it when it may.
func (c *crawler) allow(u *url.URL) bool {
	if c.opts.MaxPages > 0 && c.nqueued >= c.opts.MaxPages {
		return false
	}
	rel := strings.TrimSuffix(strings.TrimPrefix(u.Path, c.root.Path), "index.html")
	for _, p := range c.patterns {
		if ok, _ := path.Match(strings.TrimSuffix(p, "index.html"), rel); ok {
			if c.counts[p] >= c.opts.Sample[p] {
				return false
			}
			c.counts[p]++
			break
		}
	}
	c.nqueued++
	return true
}

// check returns "" when the target u exists, else why it does not.
func (c *crawler) check(ctx context.Context, u *url.URL) string {
	if u.Scheme == "file" {
		fi, err := os.Stat(u.Path)
		switch {
		case errors.Is(err, os.ErrNotExist):
			return "no such file"
		case err != nil:
			return err.Error()
		case fi.IsDir():
			return "a link to a folder: from file:// it opens a listing, not the folder's index.html"
		}
		return ""
	}
	status, err := c.status(ctx, http.MethodHead, u.String())
	if err == nil && (status == http.StatusMethodNotAllowed || status == http.StatusNotImplemented) {
		status, err = c.status(ctx, http.MethodGet, u.String())
	}
	switch {
	case err != nil:
		return err.Error()
	case status >= 400:
		return fmt.Sprintf("HTTP %d %s", status, http.StatusText(status))
	}
	return ""
}

func (c *crawler) status(ctx context.Context, method, u string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, nil
}

// A link is one <a href> of a page: Href resolved against the page's base
// URL, "" when it does not parse; Raw as written.
type link struct {
	Href string `json:"href"`
	Raw  string `json:"raw"`
}

const linksJS = `Array.from(document.querySelectorAll("a[href]"), a => {
	const raw = a.getAttribute("href");
	try { return {href: new URL(raw, document.baseURI).href, raw}; }
	catch (e) { return {href: "", raw}; }
})`

// A visit is what opening one page found.
type visit struct {
	links    []link
	problems []Problem
}

// visitAll opens the pages, spread over the tabs, and returns what each
// found, in the order of pages.
func (c *crawler) visitAll(ctx context.Context, tabs []*tab, pages []string) ([]visit, error) {
	visits := make([]visit, len(pages))
	next := make(chan int)
	var wg sync.WaitGroup
	errs := make([]error, len(tabs))
	for i, tb := range tabs {
		wg.Go(func() {
			for j := range next {
				if errs[i] == nil {
					visits[j], errs[i] = c.visit(ctx, tb, pages[j])
				}
			}
		})
	}
	for j := range pages {
		next <- j
	}
	close(next)
	wg.Wait()
	return visits, errors.Join(errs...)
}

// visit opens one page in tb. Only a failure of the browser or of ctx is an
// error; a page that fails to load is a LoadFailure.
func (c *crawler) visit(ctx context.Context, tb *tab, pageURL string) (visit, error) {
	if err := ctx.Err(); err != nil {
		return visit{}, err
	}
	tb.rec.reset()
	pctx, cancel := context.WithTimeout(tb.ctx, timeout)
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()

	var v visit
	err := tb.navigate(pctx, pageURL)
	if err == nil {
		v.links, err = chromedp.Run(pctx, chromedp.Evaluate[[]link](linksJS))
	}
	if ctx.Err() != nil {
		return visit{}, ctx.Err()
	}
	if err != nil {
		if errors.Is(err, chromedp.ErrTargetDetached) || errors.Is(err, chromedp.ErrChannelClosed) {
			return visit{}, fmt.Errorf("crawl: %s: %w", pageURL, err)
		}
		v.problems = append(v.problems, Problem{Kind: LoadFailure, Page: pageURL, Text: err.Error()})
	}
	_, probs := tb.rec.snapshot()
	for _, p := range probs {
		if p.Kind == ConsoleWarning {
			continue
		}
		p.Page = pageURL
		v.problems = append(v.problems, p)
	}
	// Events of a page arrive in an order that can change from run to run
	// (an image fails while a script runs); the report's order must not.
	slices.SortStableFunc(v.problems, func(a, b Problem) int {
		return cmp.Or(
			cmp.Compare(kindOrder[a.Kind], kindOrder[b.Kind]),
			strings.Compare(a.URL, b.URL),
			strings.Compare(a.Text, b.Text),
		)
	})
	return v, nil
}

// kindOrder sorts the problems of one page, causes first.
var kindOrder = map[Kind]int{LoadFailure: 0, FailedRequest: 1, ConsoleError: 2, Exception: 3}
