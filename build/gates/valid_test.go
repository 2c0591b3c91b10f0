package gates_test

import (
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/patentsite/patentsite/build/internal/validate"
)

// jsonLD is the warning the checker gives for the JSON-LD block of every
// patent page, which is valid and never runs.
var jsonLD = validate.Allow{
	Message: "Inline script violates Content Security Policy (meta tag): blocked by “script-src” directive (missing “‘unsafe-inline’” or nonce/hash).",
	Reason: "the only inline <script> of the site is the patent page's JSON-LD, <script type=\"application/ld+json\">, " +
		"a data block that browsers never run, so script-src does not apply to it (TestCSP checks that no page has another inline script)",
}

// selfResource matches the checker's warning for a stylesheet or script
// that the page's Content-Security-Policy allows as 'self'.
var selfResource = regexp.MustCompile(`^Resource violates Content Security Policy \(meta tag\): external (?:stylesheet|script) “([^”]+)” blocked by “(?:style|script)-src” directive\.$`)

const selfReason = "the checker reads pages from file: URLs, an opaque origin that 'self' never matches; " +
	"the resource is a relative URL naming a file of the site, which 'self' allows from a server and from file:// " +
	"(TestPageKinds loads every kind in Chromium with no CSP report)"

// TestValidHTML runs the Nu HTML Checker on every page of the seed site, in
// one JVM, and on its stylesheets: no error, and no warning but those
// allowed above, each with its reason. The warnings are listed in the log.
func TestValidHTML(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the Nu HTML Checker on every page")
	}
	dir, _ := seedSite(t)
	pages := siteFiles(t, dir, ".html")
	msgs := validate.HTML(t, []string{dir})
	errs, allowed := 0, map[string]int{}
	reasons := map[string]string{}
	for _, m := range msgs {
		rel, _ := filepath.Rel(dir, m.File)
		rel = filepath.ToSlash(rel)
		switch {
		case m.Type == validate.Error:
			errs++
			t.Errorf("%s:%d:%d: %s\n\t%s", rel, m.Line, m.Column, m.Message, m.Extract)
		case m.Message == jsonLD.Message && isJSONLD(t, m.File):
			allowed[m.Message]++
			reasons[m.Message] = jsonLD.Reason
		case selfResource.MatchString(m.Message) && inSite(dir, rel, selfResource.FindStringSubmatch(m.Message)[1]):
			key := "Resource violates Content Security Policy (meta tag): external stylesheet or script “…” blocked by “style-src” or “script-src” directive."
			allowed[key]++
			reasons[key] = selfReason
		default:
			t.Errorf("%s:%d:%d: warning not allowed: %s\n\t%s", rel, m.Line, m.Column, m.Message, m.Extract)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(allowed)) {
		t.Logf("allowed warning, %d times: %s\n\treason: %s", allowed[k], k, reasons[k])
	}
	t.Logf("Nu HTML Checker: %d pages, %d errors, %d warnings (%d allowed)", len(pages), errs, len(msgs)-errs, sum(allowed))

	sheets := siteFiles(t, dir, ".css")
	cssMsgs := validate.CSS(t, []string{dir})
	for _, m := range cssMsgs {
		t.Error(m) // no warning of the CSS checker is allowed
	}
	t.Logf("Nu HTML Checker (CSS): %d stylesheets %q, %d messages", len(sheets), sheets, len(cssMsgs))
	if len(pages) < 3000 {
		t.Errorf("only %d pages validated", len(pages))
	}
}

// isJSONLD reports whether the file's one inline script is JSON-LD.
func isJSONLD(t *testing.T, file string) bool {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	return strings.Count(s, "<script>")+strings.Count(s, "<script ")-strings.Count(s, "<script src=") == 1 &&
		strings.Contains(s, `<script type="application/ld+json">`)
}

// inSite reports whether ref, relative to the page at site path page, names
// a file of the site in dir.
func inSite(dir, page, ref string) bool {
	if strings.Contains(ref, ":") || strings.HasPrefix(ref, "/") {
		return false
	}
	p := path.Join(path.Dir(page), ref)
	if strings.HasPrefix(p, "../") {
		return false
	}
	fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p)))
	return err == nil && fi.Mode().IsRegular()
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
