package validate

import (
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// brief returns "file:line: type: the message's first words" for each
// message, with the testdata/ prefix dropped.
func brief(msgs []Message) []string {
	var s []string
	for _, m := range msgs {
		words := strings.Fields(m.Message)
		s = append(s, fmt.Sprintf("%s:%d: %s: %s", strings.TrimPrefix(filepath.ToSlash(m.File), "testdata/"), m.Line, m.Type, strings.Join(words[:min(4, len(words))], " ")))
	}
	return s
}

const sectionWarning = "Section lacks heading. Consider using “h2”-“h6” elements to add identifying headings to all sections, or else use a “div” element instead for any cases where no heading is needed."

var invalidHTML = []string{
	"invalid.html:10: error: No “p” element in",
	"invalid.html:11: error: An “img” element must",
	"invalid.html:12: warning: Section lacks heading. Consider",
}

var invalidCSS = []string{
	"invalid.css:1: error: CSS: “colour”: Property “colour”",
	"invalid.css:2: error: CSS: “width”: Too many",
}

func TestHTML(t *testing.T) {
	// valid.html gives no message: every one wanted is for invalid.html.
	got := HTML(t, []string{"testdata/valid.html", "testdata/invalid.html"})
	if !slices.Equal(brief(got), invalidHTML) {
		t.Errorf("HTML(valid.html, invalid.html) =\n\t%s\nwant\n\t%s", strings.Join(brief(got), "\n\t"), strings.Join(invalidHTML, "\n\t"))
	}
	if len(got) > 0 && (got[0].File != "testdata/invalid.html" || got[0].Column == 0 || !strings.Contains(got[0].Extract, "</p>")) {
		t.Errorf("first message = %+v, want the path as given, a column and an extract", got[0])
	}
	// A directory: its *.html files, not its CSS.
	if got := HTML(t, []string{"testdata"}); !slices.Equal(brief(got), invalidHTML) {
		t.Errorf("HTML(testdata) =\n\t%s\nwant\n\t%s", strings.Join(brief(got), "\n\t"), strings.Join(invalidHTML, "\n\t"))
	}
}

func TestAllow(t *testing.T) {
	allow := []Allow{
		{Message: sectionWarning, Reason: "the test allows it"},
		// An error is never allowed, even by its exact text.
		{Message: "An “img” element must have an “alt” attribute, except under certain conditions. For details, consult guidance on providing text alternatives for images.", Reason: "no effect"},
	}
	got := HTML(t, []string{"testdata/invalid.html"}, allow...)
	if want := invalidHTML[:2]; !slices.Equal(brief(got), want) {
		t.Errorf("HTML(invalid.html, allow...) =\n\t%s\nwant\n\t%s", strings.Join(brief(got), "\n\t"), strings.Join(want, "\n\t"))
	}

	f := run(t, func(t testing.TB) { HTML(t, []string{"testdata/invalid.html"}, Allow{Message: sectionWarning}) })
	if !f.failed || !strings.Contains(f.msg, "needs a reason") {
		t.Errorf("an Allow without a reason: failed=%v %q, want a failure asking for a reason", f.failed, f.msg)
	}
}

func TestCSS(t *testing.T) {
	// A directory: its *.css files, valid.css giving no message. This also
	// checks the line numbers, which vnu's --skip-non-css gets wrong.
	if got := CSS(t, []string{"testdata"}); !slices.Equal(brief(got), invalidCSS) {
		t.Errorf("CSS(testdata) =\n\t%s\nwant\n\t%s", strings.Join(brief(got), "\n\t"), strings.Join(invalidCSS, "\n\t"))
	}
}

// TestBatches checks that files split over several JVM runs give the same
// messages as one run.
func TestBatches(t *testing.T) {
	old := maxArgBytes
	maxArgBytes = 1
	defer func() { maxArgBytes = old }()
	got := HTML(t, []string{"testdata/invalid.html", "testdata/valid.html"})
	if !slices.Equal(brief(got), invalidHTML) {
		t.Errorf("HTML in batches of one =\n\t%s\nwant\n\t%s", strings.Join(brief(got), "\n\t"), strings.Join(invalidHTML, "\n\t"))
	}

	for _, tt := range []struct {
		files []string
		max   int
		want  [][]string
	}{
		{[]string{"a", "b", "c"}, 100, [][]string{{"a", "b", "c"}}},
		{[]string{"a", "b", "c"}, 4, [][]string{{"a", "b"}, {"c"}}},
		{[]string{"aaaa", "b"}, 2, [][]string{{"aaaa"}, {"b"}}}, // one path longer than max still runs
	} {
		var got [][]string
		for b := range batches(tt.files, tt.max) {
			got = append(got, b)
		}
		if !slices.EqualFunc(got, tt.want, slices.Equal) {
			t.Errorf("batches(%q, %d) = %q, want %q", tt.files, tt.max, got, tt.want)
		}
	}
}

func TestMissing(t *testing.T) {
	t.Setenv("PATENTSITE_TOOLS", "/nonexistent/tools")
	t.Setenv("CI", "")
	if f := run(t, func(t testing.TB) { HTML(t, []string{"testdata/valid.html"}) }); !f.skipped {
		t.Errorf("without vnu.jar, CI unset: skipped=%v failed=%v, want a skip", f.skipped, f.failed)
	}
	t.Setenv("CI", "true")
	if f := run(t, func(t testing.TB) { HTML(t, []string{"testdata/valid.html"}) }); !f.failed || !strings.Contains(f.msg, "install-tools") {
		t.Errorf("without vnu.jar, CI=true: failed=%v %q, want a failure naming scripts/install-tools", f.failed, f.msg)
	}
	// A path that does not exist, or holds no file to check, is an error,
	// not an empty pass.
	for _, paths := range [][]string{{"testdata/no-such-file.html"}, {t.TempDir()}} {
		if f := run(t, func(t testing.TB) { HTML(t, paths) }); !f.failed {
			t.Errorf("HTML(%q): failed=%v, want a failure", paths, f.failed)
		}
	}
}

// A fakeTB records whether a helper skipped or failed the test, and stops
// the helper's goroutine as the real ones do.
type fakeTB struct {
	testing.TB
	skipped, failed bool
	msg             string
}

func (f *fakeTB) Helper()                   {}
func (f *fakeTB) Skip(args ...any)          { f.skipped, f.msg = true, fmt.Sprint(args...); runtime.Goexit() }
func (f *fakeTB) Fatal(args ...any)         { f.failed, f.msg = true, fmt.Sprint(args...); runtime.Goexit() }
func (f *fakeTB) Skipf(s string, a ...any)  { f.Skip(fmt.Sprintf(s, a...)) }
func (f *fakeTB) Fatalf(s string, a ...any) { f.Fatal(fmt.Sprintf(s, a...)) }

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
