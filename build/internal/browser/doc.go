// Package browser drives a headless Chromium for tests of the built site:
// it opens pages and records what goes wrong on them, crawls a site for
// broken links and page errors, serves a directory as GitHub Pages would,
// and runs the axe-core accessibility checker. It knows nothing of how the
// site is built; tests in other packages give it a directory or a URL.
//
// # Running
//
// The tests need Chromium (Debian's chromium) and, for Axe, the npm package
// axe-core in .tools/; scripts/install-tools installs both. Without them a
// test that calls Start or Axe is skipped, or fails when $CI is set, so CI
// never skips a browser test silently. Chromium is $CHROMIUM when set, else
// /usr/bin/chromium, else chromium, chromium-browser or google-chrome on
// PATH; the npm tools are in $PATENTSITE_TOOLS/node_modules when that is
// set, else in .tools/node_modules at the module root.
//
//	scripts/install-tools
//	go test ./build/internal/browser/
//
// # Use
//
// Start one browser per test (it takes about a second) and open a tab per
// page; the tabs close, and the browser stops, when the test ends (a loop
// over many pages should call Page.Close, or open each in a subtest).
// Helpers fail the test on error, so a test reads as a list of steps:
//
//	func TestSearch(t *testing.T) {
//		out := t.TempDir()
//		// ... build the site into out ...
//		b := browser.Start(t)
//		base := browser.Serve(t, out, "/repo/") // or "file://" + out + "/"
//
//		p := b.Open(t, base+"index.html")
//		p.Press("/")       // the search shortcut focuses the box
//		p.Type("neural")
//		p.WaitFor(`document.querySelectorAll(".result").length > 0`)
//		p.Press("ArrowDown", "Enter")
//		p.WaitLoad()
//		if got := browser.Eval[string](p, `document.querySelector("h1").textContent`); got == "" {
//			t.Errorf("patent page has no <h1>")
//		}
//		for _, pr := range p.Problems() { // console errors, exceptions, failed requests
//			t.Error(pr)
//		}
//		for _, v := range browser.Axe(p, browser.AxeOptions{Dark: true}) {
//			t.Error(v)
//		}
//
//		rep, err := b.Crawl(t.Context(), base+"index.html", browser.CrawlOptions{
//			Sample: map[string]int{"patent/*/": 50, "cpc/*/": 50},
//		})
//		if err != nil {
//			t.Fatal(err)
//		}
//		for _, f := range rep.Failures {
//			t.Error(f)
//		}
//	}
//
// Other options of Open: Dark (prefers-color-scheme: dark), NoScript
// (JavaScript off) and Width(Phone). Page.Screenshot(browser.Phone) returns
// a full-page PNG; Page.Requests lists every request with its type, status
// and bytes, for byte budgets (file:// requests count the file's size).
//
// A Page records from its navigation on, across later navigations, and
// every wait is bounded (a minute) and driven by browser events, not sleeps.
// Going back always reloads the page: the back/forward cache is off.
package browser
