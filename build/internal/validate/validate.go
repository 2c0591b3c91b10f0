// Package validate checks HTML and CSS files with the Nu HTML Checker
// (vnu.jar, the checker behind validator.w3.org/nu), for tests. It takes
// paths and gives typed messages; it knows nothing of how the files were
// made.
//
// # Running
//
// It needs java (Debian's default-jre-headless) and the npm package vnu-jar
// in .tools/; scripts/install-tools installs both. vnu.jar is read from
// $PATENTSITE_TOOLS/node_modules when that is set, else from
// .tools/node_modules at the module root. Without them the test is skipped,
// or fails when $CI is set, so CI never skips validation silently.
//
//	scripts/install-tools
//	go test ./build/internal/validate/
//
// # Use
//
// HTML and CSS take files and directories (searched for *.html or *.css),
// check them all in as few JVM runs as the command line allows (one for a
// site of a few thousand pages: the JVM start costs seconds), and return the
// errors and warnings, sorted by file and line. A warning can be allowed by
// its exact text, with the reason it is fine; an error cannot.
//
//	out := t.TempDir()
//	// ... build the site into out ...
//	allow := []validate.Allow{{
//		Message: "Consider avoiding viewport values that prevent users from resizing documents.",
//		Reason:  "the search overlay ... (say why)",
//	}}
//	for _, m := range validate.HTML(t, []string{out}, allow...) {
//		t.Error(m)
//	}
//	for _, m := range validate.CSS(t, []string{out}) {
//		t.Error(m)
//	}
package validate

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A Type is how serious a Message is.
type Type string

const (
	Error   Type = "error"   // invalid: the file breaks the HTML or CSS standard
	Warning Type = "warning" // valid, but likely a mistake
)

// A Message is one problem the checker found.
type Message struct {
	File    string // the path, as given or as found under a given directory
	Line    int    // 1-based; 0 for a problem with the whole file
	Column  int    // 1-based; 0 when unknown
	Type    Type
	Message string
	Extract string // the source around the problem
}

func (m Message) String() string {
	pos := m.File
	if m.Line > 0 {
		pos += fmt.Sprintf(":%d:%d", m.Line, m.Column)
	}
	return fmt.Sprintf("%s: %s: %s", pos, m.Type, m.Message)
}

// An Allow lets a warning pass by its exact text. Errors are never allowed.
type Allow struct {
	Message string // the warning's text, exactly as the checker gives it
	Reason  string // why the warning does not matter here; required
}

// HTML checks HTML files, and the *.html files under directories, and
// returns the errors and the warnings that allow does not cover.
func HTML(t testing.TB, paths []string, allow ...Allow) []Message {
	t.Helper()
	return check(t, "--html", ".html", paths, allow)
}

// CSS checks CSS files, and the *.css files under directories, and returns
// the errors and the warnings that allow does not cover.
func CSS(t testing.TB, paths []string, allow ...Allow) []Message {
	t.Helper()
	// --css, not --skip-non-css: vnu 26.9.27 reports CSS line numbers one
	// too high with the latter.
	return check(t, "--css", ".css", paths, allow)
}

// maxArgBytes bounds the paths given to one JVM, well below Linux's limit on
// a command line (ARG_MAX, 2 MiB with the environment).
var maxArgBytes = 512 << 10

func check(t testing.TB, mode, ext string, paths []string, allow []Allow) []Message {
	t.Helper()
	allowed := make(map[string]bool)
	for _, a := range allow {
		if a.Reason == "" {
			t.Fatalf("validate: allowing %q needs a reason", a.Message)
		}
		allowed[a.Message] = true
	}
	files, err := expand(paths, ext)
	if err != nil {
		t.Fatalf("validate: %v", err)
	}
	if len(files) == 0 {
		t.Fatalf("validate: no %s files in %q", ext, paths)
	}
	java, jar := tools(t)

	var msgs []Message
	for batch := range batches(files, maxArgBytes) {
		ms, err := vnu(java, jar, mode, batch)
		if err != nil {
			t.Fatalf("validate: %v", err)
		}
		msgs = append(msgs, ms...)
	}
	msgs = slices.DeleteFunc(msgs, func(m Message) bool {
		return m.Type == Warning && allowed[m.Message]
	})
	slices.SortStableFunc(msgs, func(a, b Message) int {
		return cmp.Or(
			strings.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
		)
	})
	return msgs
}

// expand returns the files among paths and the files ending in ext under
// the directories among them, in lexical order for each directory. A path
// that does not exist is an error: the checker would report nothing for it.
func expand(paths []string, ext string) ([]string, error) {
	var files []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			files = append(files, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(d.Name(), ext) {
				files = append(files, path)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// batches splits files into runs whose paths take at most max bytes.
func batches(files []string, max int) func(yield func([]string) bool) {
	return func(yield func([]string) bool) {
		start, n := 0, 0
		for i, f := range files {
			if n+len(f)+1 > max && i > start {
				if !yield(files[start:i]) {
					return
				}
				start, n = i, 0
			}
			n += len(f) + 1
		}
		if start < len(files) {
			yield(files[start:])
		}
	}
}

// vnuOutput is the JSON the checker writes with --format json.
type vnuOutput struct {
	Messages []struct {
		Type        string `json:"type"`    // "error", "info", "non-document-error"
		SubType     string `json:"subType"` // "warning" for an info that is a warning
		URL         string `json:"url"`
		FirstLine   int    `json:"firstLine"` // only when it differs from lastLine
		LastLine    int    `json:"lastLine"`
		FirstColumn int    `json:"firstColumn"`
		Message     string `json:"message"`
		Extract     string `json:"extract"`
	} `json:"messages"`
}

// vnu checks the files in one JVM and returns the errors and warnings.
func vnu(java, jar, mode string, files []string) ([]Message, error) {
	args := append([]string{
		"-Xss4m", // vnu's advice against StackOverflowError on deep documents
		// The C1 compiler alone and the serial collector start faster, and
		// were faster also for 2,000 pages in one run (31 s against 39 s
		// with the defaults, on a busy 2-core machine), in a third of the memory.
		"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
		"-jar", jar,
		"--format", "json", "--stdout", "--exit-zero-always", mode,
	}, files...)
	cmd := exec.Command(java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s -jar vnu.jar on %d files: %v\n%s", java, len(files), err, stderr.Bytes())
	}
	var out vnuOutput
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		return nil, fmt.Errorf("reading vnu.jar's output: %v\n%s%s", err, stdout.Bytes(), stderr.Bytes())
	}
	// The checker names files by URL; map them back to the paths given.
	byPath := make(map[string]string, len(files))
	for _, f := range files {
		if abs, err := filepath.Abs(f); err == nil {
			byPath[abs] = f
		}
	}
	var msgs []Message
	for _, m := range out.Messages {
		var typ Type
		switch {
		case m.Type == "error", m.Type == "non-document-error":
			typ = Error
		case m.Type == "info" && m.SubType == "warning":
			typ = Warning
		default:
			continue // plain info: not a problem
		}
		file := m.URL
		if u, err := url.Parse(m.URL); err == nil && u.Scheme == "file" {
			file = filepath.Clean(u.Path)
			if given, ok := byPath[file]; ok {
				file = given
			}
		}
		line := m.FirstLine
		if line == 0 {
			line = m.LastLine
		}
		msgs = append(msgs, Message{
			File: file, Line: line, Column: m.FirstColumn,
			Type: typ, Message: m.Message, Extract: m.Extract,
		})
	}
	return msgs, nil
}

// tools returns the paths of java and vnu.jar, or skips the test (fails it
// on CI) when one is missing.
func tools(t testing.TB) (java, jar string) {
	t.Helper()
	java, err := exec.LookPath("java")
	if err != nil {
		missing(t, "no java on PATH (Debian: default-jre-headless); run scripts/install-tools")
	}
	dir := os.Getenv("PATENTSITE_TOOLS")
	if dir == "" {
		root, err := moduleRoot()
		if err != nil {
			missing(t, "finding the test tools: "+err.Error())
		}
		dir = filepath.Join(root, ".tools")
	}
	jar = filepath.Join(dir, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	if _, err := os.Stat(jar); err != nil {
		missing(t, "no "+jar+"; run scripts/install-tools")
	}
	return java, jar
}

// missing skips the test when a tool is missing, or fails it on CI.
// build/internal/browser has the same rule for Chromium and axe-core.
func missing(t testing.TB, msg string) {
	t.Helper()
	if v := os.Getenv("CI"); v != "" && v != "0" && v != "false" {
		t.Fatal(msg + " (CI is set, so this fails instead of skipping)")
	}
	t.Skip(msg)
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
