package browser

import (
	"bytes"
	"io/fs"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"strings"
	"testing"
	"time"
)

// contentTypes are the types Serve sends, whatever the machine's MIME
// tables say; other extensions fall back to mime.TypeByExtension.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".webmanifest": "application/manifest+json",
	".xml":         "application/xml",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".ico":         "image/x-icon",
	".woff2":       "font/woff2",
	".txt":         "text/plain; charset=utf-8",
	".ris":         "application/x-research-info-systems",
	".bib":         "application/x-bibtex; charset=utf-8",
	".csv":         "text/csv; charset=utf-8",
}

// Serve serves the directory dir over HTTP under the path prefix (such as
// "/repo/"; "" or "/" for the root) until t ends, and returns the site's
// base URL, ending in "/". It behaves like GitHub Pages: "prefix/x/" serves
// x/index.html, "prefix/x" redirects to "prefix/x/" when x is a directory,
// a missing file serves dir/404.html with status 404 when that exists, and
// everything outside the prefix is a plain 404.
func Serve(t testing.TB, dir, prefix string) (baseURL string) {
	t.Helper()
	prefix = "/" + strings.Trim(prefix, "/") + "/"
	prefix = strings.ReplaceAll(prefix, "//", "/")
	srv := httptest.NewServer(&site{fsys: os.DirFS(dir), prefix: prefix})
	t.Cleanup(srv.Close)
	return srv.URL + prefix
}

// A site is the handler behind Serve.
type site struct {
	fsys   fs.FS
	prefix string
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// Clean first, as a browser does, so that ".." cannot leave the prefix.
	p := path.Clean(r.URL.Path)
	if strings.HasSuffix(r.URL.Path, "/") && p != "/" {
		p += "/"
	}
	if p+"/" == s.prefix {
		http.Redirect(w, r, s.prefix, http.StatusMovedPermanently)
		return
	}
	rest, ok := strings.CutPrefix(p, s.prefix)
	if !ok {
		http.NotFound(w, r)
		return
	}
	name := strings.TrimSuffix(rest, "/")
	if name == "" {
		name = "."
	}
	fi, err := fs.Stat(s.fsys, name)
	if err == nil && fi.IsDir() {
		if !strings.HasSuffix(p, "/") {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
		fi, err = fs.Stat(s.fsys, name)
	}
	if err != nil || !fi.Mode().IsRegular() {
		s.notFound(w, r)
		return
	}
	s.file(w, r, name, http.StatusOK)
}

func (s *site) notFound(w http.ResponseWriter, r *http.Request) {
	if _, err := fs.Stat(s.fsys, "404.html"); err != nil {
		http.NotFound(w, r)
		return
	}
	s.file(w, r, "404.html", http.StatusNotFound)
}

func (s *site) file(w http.ResponseWriter, r *http.Request, name string, status int) {
	data, err := fs.ReadFile(s.fsys, name)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	ext := path.Ext(name)
	ctype, ok := contentTypes[ext]
	if !ok {
		ctype = mime.TypeByExtension(ext)
	}
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ctype)
	if status != http.StatusOK {
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			w.Write(data)
		}
		return
	}
	// ServeContent handles HEAD, Range and conditional requests.
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}
