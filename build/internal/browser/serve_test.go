package browser

import (
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestServe(t *testing.T) {
	base := Serve(t, "testdata/site", "/repo/")
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	origin := u.Scheme + "://" + u.Host
	if u.Path != "/repo/" {
		t.Fatalf("Serve returned %q, want a URL ending in /repo/", base)
	}
	// Do not follow redirects: the test checks them.
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	for _, tt := range []struct {
		method, path string
		status       int
		body         string // a part of the body
		location     string
	}{
		{"GET", "/repo/", 200, "<title>Home</title>", ""},
		{"GET", "/repo/index.html", 200, "<title>Home</title>", ""},
		{"GET", "/repo", 301, "", "/repo/"},
		{"GET", "/repo/sub/", 200, "<title>A section</title>", ""},
		{"GET", "/repo/sub", 301, "", "/repo/sub/"},
		{"GET", "/repo/patent/A/", 200, "<title>Patent A</title>", ""},
		{"GET", "/repo/no-such-page.html", 404, "<title>Not found</title>", ""},
		{"GET", "/repo/no/such/folder/", 404, "<title>Not found</title>", ""},
		{"GET", "/repo/../repo/index.html", 200, "<title>Home</title>", ""},
		{"HEAD", "/repo/data.json", 200, "", ""},
		{"HEAD", "/repo/feed.xml", 404, "", ""},
		{"GET", "/index.html", 404, "404 page not found", ""},         // outside the prefix
		{"GET", "/repository/", 404, "404 page not found", ""},        // outside the prefix
		{"GET", "/repo/%2e%2e/go.mod", 404, "404 page not found", ""}, // no escape from dir
	} {
		req, err := http.NewRequest(tt.method, origin+tt.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status || !strings.Contains(string(body), tt.body) || resp.Header.Get("Location") != tt.location {
			t.Errorf("%s %s = %d, Location %q, body %.60q; want %d, Location %q, body with %q",
				tt.method, tt.path, resp.StatusCode, resp.Header.Get("Location"), body, tt.status, tt.location, tt.body)
		}
	}
}

func TestServeContentTypes(t *testing.T) {
	dir := t.TempDir()
	want := map[string]string{
		"a.html": "text/html; charset=utf-8",
		"a.js":   "text/javascript; charset=utf-8",
		"a.css":  "text/css; charset=utf-8",
		"a.json": "application/json",
		"a.xml":  "application/xml",
		"a.svg":  "image/svg+xml",
		"a.ris":  "application/x-research-info-systems",
		"a.bib":  "application/x-bibtex; charset=utf-8",
		"a.csv":  "text/csv; charset=utf-8",
	}
	for name := range want {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base := Serve(t, dir, "")
	for name, ctype := range want {
		resp, err := http.Get(base + name)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || got != ctype {
			t.Errorf("GET %s = %d, Content-Type %q; want 200, %q", name, resp.StatusCode, got, ctype)
		}
	}
}
