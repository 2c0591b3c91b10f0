package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"iter"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/output"
	"github.com/patentsite/patentsite/build/urls"
)

// Config says what to render and how.
type Config struct {
	Title     string // site name in the header and every <title>; default "Patent catalog"
	BaseURL   string // absolute address of the site root, for canonical links; may be ""
	Templates fs.FS  // page templates, one file per kind (see the package doc)
	Fallback  fs.FS  // templates used for files Templates lacks; may be nil
	Assets    fs.FS  // copied to assets/; may be nil
	Content   fs.FS  // Markdown pages: every *.md becomes <name>/index.html; may be nil

	// PatentFiles names the other files that the build writes into each
	// patent's directory ("index.json", "cite.ris", "cite.bib"): the patent
	// page links to those, and only those.
	PatentFiles []string

	// Workers is the number of pages rendered at once; 0 means GOMAXPROCS.
	Workers int
}

// A SiteInfo is what every page knows of the whole site.
type SiteInfo struct {
	Title   string
	BaseURL string
	// SearchJS is set when the assets hold search.js: every page then
	// loads it (deferred), so the header's search box can work in place.
	SearchJS bool
	// PatentFiles are the extra files of a patent's directory.
	PatentFiles map[string]bool
	// Pages are the content pages, by name, for the navigation.
	Pages []ContentLink
}

// A ContentLink names a content page.
type ContentLink struct {
	Name  string // "about"
	Title string // its first heading
}

// Page kinds, as reported in output.File.Kind and used as template names.
const (
	KindHome     = "home"
	KindPatent   = "patent"
	KindAssignee = "assignee"
	KindInventor = "inventor"
	KindNames    = "names" // assignee and inventor indexes
	KindCode     = "code"  // CPC and IPC pages at every level
	KindGroup    = "group" // country, year, priority year, kind
	KindGroups   = "groups"
	KindContent  = "content"
	KindSearch   = "search"
)

var kinds = []string{KindHome, KindPatent, KindAssignee, KindInventor, KindNames, KindCode, KindGroup, KindGroups, KindContent, KindSearch}

// Templates are the parsed page templates, one set per kind.
type Templates map[string]*template.Template

// ParseTemplates parses base.html, partials.html and <kind>.html for every
// page kind, taking each file from fsys, or from fallback when fsys lacks
// it.
func ParseTemplates(fsys, fallback fs.FS) (Templates, error) {
	read := func(name string) (string, error) {
		b, err := fs.ReadFile(fsys, name)
		if err != nil && fallback != nil && errors.Is(err, fs.ErrNotExist) {
			b, err = fs.ReadFile(fallback, name)
		}
		return string(b), err
	}
	common := template.New("").Funcs(funcs)
	for _, name := range []string{"base.html", "partials.html"} {
		src, err := read(name)
		if err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		if _, err := common.New(name).Parse(src); err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
	}
	ts := Templates{}
	for _, k := range kinds {
		src, err := read(k + ".html")
		if err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		t, err := common.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := t.New(k + ".html").Parse(src); err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		if t.Lookup("base") == nil {
			return nil, fmt.Errorf("templates: base.html defines no \"base\" template")
		}
		ts[k] = t
	}
	return ts, nil
}

// Execute renders the page of kind k.
func (ts Templates) Execute(k string, data any) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(16 << 10)
	if err := ts[k].ExecuteTemplate(&buf, "base", data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Site yields the assets and every page of the catalog, rendered
// concurrently, in a deterministic order. A template that fails to parse
// or execute ends the sequence with the error.
func Site(c *catalog.Catalog, cfg Config) iter.Seq2[output.File, error] {
	return func(yield func(output.File, error) bool) {
		r, err := newRenderer(c, cfg)
		if err != nil {
			yield(output.File{}, err)
			return
		}
		if cfg.Assets != nil {
			for f, err := range output.FS(cfg.Assets, "assets", "asset") {
				if !yield(f, err) || err != nil {
					return
				}
			}
		}
		workers := cfg.Workers
		if workers <= 0 {
			workers = runtime.GOMAXPROCS(0)
		}
		for f, err := range ordered(r.jobs(), workers) {
			if !yield(f, err) || err != nil {
				return
			}
		}
	}
}

// A renderer holds what every page job shares; it is read-only once made.
type renderer struct {
	cat     *catalog.Catalog
	cfg     Config
	tmpl    Templates
	site    *SiteInfo
	content []contentPage
	newest  []*catalog.Patent // every patent, newest first
	mermaid bool              // assets hold the vendored mermaid
}

type contentPage struct {
	name string
	src  []byte
}

func newRenderer(c *catalog.Catalog, cfg Config) (*renderer, error) {
	if cfg.Title == "" {
		cfg.Title = "Patent catalog"
	}
	tmpl, err := ParseTemplates(cfg.Templates, cfg.Fallback)
	if err != nil {
		return nil, err
	}
	r := &renderer{cat: c, cfg: cfg, tmpl: tmpl}
	r.site = &SiteInfo{Title: cfg.Title, BaseURL: cfg.BaseURL, PatentFiles: map[string]bool{}}
	for _, f := range cfg.PatentFiles {
		r.site.PatentFiles[f] = true
	}
	if cfg.Assets != nil {
		r.site.SearchJS = exists(cfg.Assets, "search.js")
		r.mermaid = exists(cfg.Assets, mermaidJS)
	}
	if cfg.Content != nil {
		names, err := fs.Glob(cfg.Content, "*.md")
		if err != nil {
			return nil, err
		}
		slices.Sort(names)
		for _, n := range names {
			src, err := fs.ReadFile(cfg.Content, n)
			if err != nil {
				return nil, err
			}
			name := strings.TrimSuffix(n, ".md")
			r.content = append(r.content, contentPage{name: name, src: src})
			r.site.Pages = append(r.site.Pages, ContentLink{Name: name, Title: firstHeading(src, name)})
		}
	}
	r.newest = newestFirst(c.Patents)
	return r, nil
}

func exists(fsys fs.FS, name string) bool {
	_, err := fs.Stat(fsys, name)
	return err == nil
}

// firstHeading returns the text of the first "# " line of a Markdown page.
func firstHeading(src []byte, def string) string {
	for line := range strings.SplitSeq(string(src), "\n") {
		if h, ok := strings.CutPrefix(line, "# "); ok {
			return strings.TrimSpace(h)
		}
	}
	return def
}

// A job renders one file.
type job func() (output.File, error)

// jobs lists every page in the order they are yielded.
func (r *renderer) jobs() iter.Seq[job] {
	return func(yield func(job) bool) {
		c := r.cat
		emit := func(j job) bool { return yield(j) }
		if !emit(r.home) {
			return
		}
		for _, cp := range r.content {
			if !emit(func() (output.File, error) { return r.contentPage(cp) }) {
				return
			}
		}
		if !emit(r.search) {
			return
		}
		for _, p := range c.Patents {
			if !emit(func() (output.File, error) { return r.patent(p) }) {
				return
			}
		}
		for _, kind := range []string{KindAssignee, KindInventor} {
			n := len(c.Assignees)
			if kind == KindInventor {
				n = len(c.Inventors)
			}
			pages := pageCount(n, namesPerPage)
			for _, byCount := range []bool{false, true} {
				for i := 1; i <= pages; i++ {
					if !emit(func() (output.File, error) { return r.names(kind, byCount, i) }) {
						return
					}
				}
			}
		}
		for _, a := range c.Assignees {
			for i := 1; i <= pageCount(len(a.Patents), patentsPerPage); i++ {
				if !emit(func() (output.File, error) { return r.assignee(a, i) }) {
					return
				}
			}
		}
		for _, in := range c.Inventors {
			for i := 1; i <= pageCount(len(in.Patents), patentsPerPage); i++ {
				if !emit(func() (output.File, error) { return r.inventor(in, i) }) {
					return
				}
			}
		}
		for _, s := range []*catalog.Scheme{c.CPC, c.IPC} {
			if !emit(func() (output.File, error) { return r.code(s.Root, 1) }) {
				return
			}
			for _, n := range s.Nodes() {
				pages := 1
				if n.Level == catalog.SubgroupLevel {
					pages = pageCount(len(n.Patents), patentsPerPage)
				}
				for i := 1; i <= pages; i++ {
					if !emit(func() (output.File, error) { return r.code(n, i) }) {
						return
					}
				}
			}
		}
		for _, gk := range groupKinds {
			gs := gk.groups(c)
			if !emit(func() (output.File, error) { return r.groups(gk) }) {
				return
			}
			for _, g := range gs {
				for i := 1; i <= pageCount(len(g.Patents), patentsPerPage); i++ {
					if !emit(func() (output.File, error) { return r.group(gk, g, i) }) {
						return
					}
				}
			}
		}
	}
}

// ordered runs jobs on n workers and yields their results in job order.
// It keeps at most 4n results waiting, so memory does not grow with the
// site.
func ordered(jobs iter.Seq[job], n int) iter.Seq2[output.File, error] {
	type result struct {
		f   output.File
		err error
	}
	return func(yield func(output.File, error) bool) {
		done := make(chan struct{})
		queue := make(chan chan result, 4*n) // result slots, in job order
		work := make(chan func(), n)
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() {
				for w := range work {
					w()
				}
			})
		}
		go func() {
			defer close(queue)
			defer close(work)
			for j := range jobs {
				slot := make(chan result, 1)
				select {
				case queue <- slot:
				case <-done:
					return
				}
				select {
				case work <- func() {
					f, err := j()
					slot <- result{f, err}
				}:
				case <-done:
					return
				}
			}
		}()
		defer func() {
			close(done)
			for range queue {
			}
			wg.Wait()
		}()
		for slot := range queue {
			res := <-slot
			if !yield(res.f, res.err) || res.err != nil {
				return
			}
		}
	}
}

// page executes the template of kind k for a page at p.
func (r *renderer) page(k, p string, data any) (output.File, error) {
	b, err := r.tmpl.Execute(k, data)
	if err != nil {
		return output.File{}, fmt.Errorf("rendering %s: %w", p, err)
	}
	return output.File{Path: p, Kind: k, Data: b}, nil
}

// base returns the Base of the page at p.
func (r *renderer) base(p, title, desc string, crumbs ...Crumb) Base {
	b := Base{Site: r.site, Path: p, Title: title, Description: desc, Crumbs: crumbs}
	if r.cfg.BaseURL != "" {
		b.Canonical = urls.Abs(r.cfg.BaseURL, p)
	}
	return b
}

func home() Crumb { return Crumb{Name: "Home", URL: urls.Home} }

// pageTitle adds " (page n)" to a title from page 2 on.
func pageTitle(title string, n int) string {
	if n > 1 {
		return fmt.Sprintf("%s (page %d)", title, n)
	}
	return title
}
