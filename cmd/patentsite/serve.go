package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/patentsite/patentsite/build/site"
)

// runServe builds the site, serves it as GitHub Pages would, and rebuilds
// it when an input changes, reloading the open pages.
//
// It watches the -corpus and -aliases files and the -templates, -assets and
// -content folders given on the command line (the embedded defaults cannot
// change). Changes are debounced: a rebuild starts once nothing has changed
// for debounce, and only one build runs at a time. A failed rebuild is
// reported and the previous site stays served.
//
// Pages reload through Server-Sent Events: every HTML response gets
// <script src="/__patentsite/reload.js"> before </head>, a file served
// from the same origin, so the pages' CSP (script-src 'self',
// connect-src 'self') allows it and no inline script is needed. The files
// on disk are never changed.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fset := newFlagSet("serve", "serve [-addr HOST:PORT] [-corpus FILE]... [build flags]", stdout)
	var in inputs
	in.register(fset)
	addr := fset.String("addr", "localhost:8080", "serve on this `host:port` (port 0 picks a free one)")
	out := fset.String("out", "public", "output `directory`")
	templates := fset.String("templates", "", "read page templates from `dir` (files it lacks come from the built-in ones)")
	assets := fset.String("assets", "", "lay the CSS, JS and images of `dir` over the built-in assets")
	content := fset.String("content", "", "read the Markdown pages (*.md) from `dir` instead of the built-in ones")
	baseURL := fset.String("base-url", "", "absolute `URL` of the published site, for canonical links (the site is still served here, at /)")
	quiet := fset.Bool("q", false, "print nothing but errors and the address")
	if done, err := parseFlags(fset, args); done {
		return err
	}
	if *baseURL != "" {
		u, err := url.Parse(*baseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usageError("serve: -base-url %q: want an absolute http(s) URL", *baseURL)
		}
	}
	config := func() (site.Config, error) {
		cfg, err := in.config()
		if err != nil {
			return cfg, err
		}
		cfg.Out, cfg.BaseURL = *out, *baseURL
		if *templates != "" {
			cfg.Templates = os.DirFS(*templates)
		}
		if *assets != "" {
			cfg.Assets = os.DirFS(*assets)
		}
		if *content != "" {
			cfg.Content = os.DirFS(*content)
		}
		return cfg, nil
	}
	logf := func(format string, args ...any) {
		if !*quiet {
			fmt.Fprintf(stdout, format+"\n", args...)
		}
	}

	s := &server{dir: *out, clients: map[chan struct{}]bool{}}
	rebuild := func() bool {
		cfg, err := config()
		if err == nil {
			boundHeap(cfg)
			start := time.Now()
			var rep site.Report
			rep, err = site.Build(ctx, cfg)
			if err == nil {
				st := rep.Stats
				logf("built %s: %d patents, %d files written, %d unchanged, in %.2fs", *out,
					len(rep.Catalog.Patents), st.Written, st.Unchanged, time.Since(start).Seconds())
				return true
			}
		}
		if ctx.Err() == nil {
			fmt.Fprintln(stderr, "patentsite serve: build failed:", err)
		}
		return false
	}
	if !rebuild() {
		if _, err := os.Stat(filepath.Join(*out, "index.html")); err != nil {
			return errors.New("serve: the first build failed and there is no previous site to serve")
		}
		fmt.Fprintln(stderr, "patentsite serve: serving the previous build")
	}

	w, err := newWatcher(watchList(in, *templates, *assets, *content), *out)
	if err != nil {
		return err
	}
	defer w.Close()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "serving %s at http://%s/ (Ctrl-C to stop)\n", *out, ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	go func() {
		for range w.changes(ctx, debounce) {
			logf("change seen: rebuilding")
			if rebuild() {
				s.reload()
			}
		}
	}()

	select {
	case <-ctx.Done():
	case err := <-errc:
		return err
	}
	s.close()
	shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	srv.Shutdown(shut)
	return nil
}

// debounce is how long the inputs must stay unchanged before a rebuild.
var debounce = 200 * time.Millisecond

// watchList is what serve watches: the files and folders named by flags.
func watchList(in inputs, dirs ...string) []string {
	var paths []string
	paths = append(paths, in.corpora...)
	if in.aliases != "" {
		paths = append(paths, in.aliases)
	}
	for _, d := range dirs {
		if d != "" {
			paths = append(paths, d)
		}
	}
	return paths
}

// A watcher reports changes to some files and to everything below some
// folders. A file is watched through its folder, so that an editor that
// saves by writing a new file and renaming it over the old one is seen.
type watcher struct {
	fw    *fsnotify.Watcher
	files map[string]bool // absolute paths of watched files
	dirs  []string        // absolute paths of watched trees
	out   string          // absolute output directory: changes there are the build's own
}

func newWatcher(paths []string, out string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{fw: fw, files: map[string]bool{}}
	w.out, _ = filepath.Abs(out)
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			fw.Close()
			return nil, err
		}
		fi, err := os.Stat(abs)
		if err != nil {
			fw.Close()
			return nil, err
		}
		if fi.IsDir() {
			w.dirs = append(w.dirs, abs)
			if err := w.addTree(abs); err != nil {
				fw.Close()
				return nil, err
			}
			continue
		}
		w.files[abs] = true
		if err := fw.Add(filepath.Dir(abs)); err != nil {
			fw.Close()
			return nil, err
		}
	}
	return w, nil
}

// addTree watches dir and every folder below it (fsnotify is not recursive).
func (w *watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if w.inOut(p) {
				return filepath.SkipDir
			}
			return w.fw.Add(p)
		}
		return nil
	})
}

func (w *watcher) inOut(p string) bool {
	return p == w.out || strings.HasPrefix(p, w.out+string(filepath.Separator))
}

// relevant reports whether an event concerns a watched input.
func (w *watcher) relevant(ev fsnotify.Event) bool {
	if ev.Has(fsnotify.Chmod) && !ev.Has(fsnotify.Write|fsnotify.Create|fsnotify.Remove|fsnotify.Rename) {
		return false
	}
	if w.files[ev.Name] {
		return true
	}
	if w.inOut(ev.Name) {
		return false
	}
	for _, d := range w.dirs {
		if strings.HasPrefix(ev.Name, d+string(filepath.Separator)) {
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					w.addTree(ev.Name)
				}
			}
			return true
		}
	}
	return false
}

// changes sends one value after each burst of relevant events, once no
// event has come for quiet. It ends when ctx does.
func (w *watcher) changes(ctx context.Context, quiet time.Duration) <-chan struct{} {
	ch := make(chan struct{})
	go func() {
		defer close(ch)
		var timer <-chan time.Time
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-w.fw.Events:
				if !ok {
					return
				}
				if w.relevant(ev) {
					timer = time.After(quiet)
				}
			case _, ok := <-w.fw.Errors:
				if !ok {
					return
				}
			case <-timer:
				timer = nil
				select {
				case ch <- struct{}{}:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return ch
}

func (w *watcher) Close() error { return w.fw.Close() }

// A server serves the output directory as GitHub Pages does: "x/" serves
// x/index.html, "x" redirects to "x/" when x is a folder, a missing file
// gets 404.html with status 404. It adds the reload script to HTML and the
// event stream that tells pages to reload.
type server struct {
	dir string

	mu      sync.Mutex
	clients map[chan struct{}]bool
	closed  bool
}

const (
	reloadPath = "/__patentsite/reload.js"
	eventsPath = "/__patentsite/events"
)

// reloadJS reloads the page when the server says the site was rebuilt.
// EventSource reconnects by itself after a restart of serve.
const reloadJS = `// patentsite serve: reload this page when the site has been rebuilt.
(function () {
	"use strict";
	var es = new EventSource("` + eventsPath + `");
	es.addEventListener("reload", function () { location.reload(); });
})();
`

var reloadTag = []byte(`<script src="` + reloadPath + `" defer></script>`)

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case reloadPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, reloadJS)
		return
	case eventsPath:
		s.events(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := path.Clean("/" + r.URL.Path)
	name := strings.TrimPrefix(p, "/")
	if name == "" {
		name = "."
	}
	if strings.HasPrefix(name, ".patentsite") {
		s.notFound(w, r)
		return
	}
	fsys := os.DirFS(s.dir)
	fi, err := fs.Stat(fsys, name)
	if err == nil && fi.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
		fi, err = fs.Stat(fsys, name)
	}
	if err != nil || !fi.Mode().IsRegular() {
		s.notFound(w, r)
		return
	}
	s.file(w, r, name, http.StatusOK)
}

func (s *server) notFound(w http.ResponseWriter, r *http.Request) {
	if _, err := os.Stat(filepath.Join(s.dir, "404.html")); err != nil {
		http.NotFound(w, r)
		return
	}
	s.file(w, r, "404.html", http.StatusNotFound)
}

// baseTag is the <base> of 404.html (build/publish): it names the
// published address, or is missing without a base URL. serve serves the
// site at its own root, so the 404 page's base becomes "/".
var baseTag = regexp.MustCompile(`<base href="[^"]*">`)

func (s *server) file(w http.ResponseWriter, r *http.Request, name string, status int) {
	data, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(name)))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	switch path.Ext(name) {
	case ".html":
		ctype = "text/html; charset=utf-8"
		if name == "404.html" {
			data = withBase(data)
		}
		data = withReload(data)
	case ".js":
		ctype = "text/javascript; charset=utf-8"
	case ".ris":
		ctype = "application/x-research-info-systems"
	case ".bib":
		ctype = "application/x-bibtex; charset=utf-8"
	case ".atom":
		ctype = "application/atom+xml"
	}
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-cache")
	if status != http.StatusOK {
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			w.Write(data)
		}
		return
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// withBase points the 404 page's <base> at the root of this server.
func withBase(page []byte) []byte {
	if baseTag.Match(page) {
		return baseTag.ReplaceAllLiteral(page, []byte(`<base href="/">`))
	}
	i := bytes.Index(page, []byte("<title"))
	if i < 0 {
		return page
	}
	return slices.Concat(page[:i], []byte(`<base href="/">`), page[i:])
}

// withReload adds the reload script to a page, before </head> (or at the
// end when there is none).
func withReload(page []byte) []byte {
	if i := bytes.Index(page, []byte("</head>")); i >= 0 {
		return slices.Concat(page[:i], reloadTag, page[i:])
	}
	return slices.Concat(page, reloadTag)
}

// events streams "reload" events to one page until it goes away.
func (s *server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	ch := make(chan struct{}, 1)
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	s.clients[ch] = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, ch)
		s.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	io.WriteString(w, "retry: 1000\n: connected\n\n")
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case _, ok := <-ch:
			if !ok {
				return
			}
			io.WriteString(w, "event: reload\ndata: rebuilt\n\n")
			flusher.Flush()
		}
	}
}

// reload tells every connected page to reload.
func (s *server) reload() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for ch := range s.clients {
		select {
		case ch <- struct{}{}:
		default: // a reload is already pending
		}
	}
}

// close ends every event stream.
func (s *server) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	for ch := range s.clients {
		close(ch)
		delete(s.clients, ch)
	}
}
