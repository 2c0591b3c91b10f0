package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startServe runs "patentsite serve" on a free port until the test ends
// and returns its address.
func startServe(t *testing.T, args ...string) (addr string, stdout, stderr *syncBuffer) {
	t.Helper()
	stdout, stderr = &syncBuffer{}, &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- runServe(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), stdout, stderr)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop within 10s of its context ending")
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if _, rest, ok := strings.Cut(stdout.String(), " at http://"); ok {
			return strings.TrimSuffix(strings.Fields(rest)[0], "/"), stdout, stderr
		}
		select {
		case err := <-done:
			t.Fatalf("serve ended: %v\n%s%s", err, stdout, stderr)
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("serve printed no address within 60s:\n%s%s", stdout, stderr)
	return
}

func get(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// TestServe builds a one-record corpus, serves it like GitHub Pages, and
// changes the corpus: serve rebuilds and sends the open page a reload
// event, and the page then shows the new text.
func TestServe(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site twice")
	}
	dir := t.TempDir()
	corpus := filepath.Join(dir, "export.txt")
	orig, err := os.ReadFile("testdata/serve-corpus.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(corpus, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	old := debounce
	debounce = 50 * time.Millisecond
	t.Cleanup(func() { debounce = old })
	addr, stdout, stderr := startServe(t, "-corpus", corpus, "-out", filepath.Join(dir, "public"), "-base-url", "https://example.github.io/repo/")
	base := "http://" + addr

	const page = "/patent/CN211845931U/"
	code, body := get(t, base+page)
	if code != http.StatusOK || !strings.Contains(body, "A conveyer for block chain equipment") {
		t.Fatalf("GET %s = %d, %.200q", page, code, body)
	}
	if !strings.Contains(body, `<script src="/__patentsite/reload.js" defer></script></head>`) {
		t.Errorf("GET %s: no reload script before </head>", page)
	}
	if code, js := get(t, base+"/__patentsite/reload.js"); code != http.StatusOK || !strings.Contains(js, "EventSource") {
		t.Errorf("GET reload.js = %d, %q", code, js)
	}
	if code, _ := get(t, base+"/patent/CN211845931U"); code != http.StatusOK {
		t.Errorf("GET a folder without its slash = %d, want a redirect to the folder, then 200", code)
	}
	code, body = get(t, base+"/a/b/c/missing")
	if code != http.StatusNotFound || !strings.Contains(body, "Page not found") || !strings.Contains(body, `<base href="/">`) {
		t.Errorf("GET /a/b/c/missing = %d, %.300q; want 404.html with its base at this server's root", code, body)
	}
	if code, _ := get(t, base+"/.patentsite/manifest"); code != http.StatusNotFound {
		t.Errorf("GET the build manifest = %d, want 404", code)
	}

	// A page's event stream, as reload.js opens it.
	resp, err := http.Get(base + "/__patentsite/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("events Content-Type %q", ct)
	}
	events := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			events <- sc.Text()
		}
		close(events)
	}()
	waitLine := func(want string, within time.Duration) bool {
		timeout := time.After(within)
		for {
			select {
			case l, ok := <-events:
				if !ok {
					return false
				}
				if l == want {
					return true
				}
			case <-timeout:
				return false
			}
		}
	}
	if !waitLine(": connected", 10*time.Second) {
		t.Fatal("the event stream did not say it was connected")
	}

	start := time.Now()
	changed := bytes.ReplaceAll(orig, []byte("A conveyer for block chain equipment"), []byte("A REBUILT conveyer for block chain equipment"))
	if err := os.WriteFile(corpus, changed, 0o644); err != nil {
		t.Fatal(err)
	}
	if !waitLine("event: reload", 60*time.Second) {
		t.Fatalf("no reload event within 60s of the change\nstdout:\n%s\nstderr:\n%s", stdout, stderr)
	}
	t.Logf("reload event %v after the change", time.Since(start).Round(time.Millisecond))
	if _, body := get(t, base+page); !strings.Contains(body, "A REBUILT conveyer") {
		t.Errorf("after the reload event the page still has the old title: %.300q", body)
	}

	// A broken corpus: the build fails, no reload, the old site stays.
	if err := os.WriteFile(corpus, []byte("\x00\x01 not an export"), 0o644); err != nil {
		t.Fatal(err)
	}
	if waitLine("event: reload", 3*time.Second) {
		t.Error("a failed build sent a reload event")
	}
	if code, body := get(t, base+page); code != http.StatusOK || !strings.Contains(body, "A REBUILT conveyer") {
		t.Errorf("after a failed build GET %s = %d; want the previous site", page, code)
	}
	if !strings.Contains(stderr.String(), "build failed") {
		t.Errorf("stderr does not report the failed build: %q", stderr)
	}
}

// TestServeInjection checks the two rewrites of served HTML.
func TestServeInjection(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`<head><title>x</title></head>`, `<head><title>x</title>` + string(reloadTag) + `</head>`},
		{`<p>no head`, `<p>no head` + string(reloadTag)},
	} {
		if got := string(withReload([]byte(tt.in))); got != tt.want {
			t.Errorf("withReload(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{`<head><base href="https://x.github.io/repo/"><title>`, `<head><base href="/"><title>`},
		{`<head><meta charset="utf-8"><title>`, `<head><meta charset="utf-8"><base href="/"><title>`},
	} {
		if got := string(withBase([]byte(tt.in))); got != tt.want {
			t.Errorf("withBase(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
