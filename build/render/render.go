package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"iter"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/internal/tmplexec"
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
type Templates struct {
	kinds map[string]*template.Template
	// layout is set when base.html defines "top", "chrome" and "bottom";
	// otherwise it defines "base", the whole page.
	layout bool
	// minified holds the kinds whose files were all minified when parsed:
	// their pages need no minifying (output.File.Minified).
	minified map[string]bool
	// Warnings name the files that could not be minified when parsed;
	// the pages that use them are minified one by one by package output.
	Warnings []string
	// fast holds, per kind and layout template name ("top", "bottom",
	// "base"), the template compiled by package tmplexec; a page whose
	// data it does not handle, or a template it could not compile, is
	// executed by html/template.
	fast map[string]map[string]*tmplexec.Program
}

// Lookup returns the template set of kind k, or nil.
func (ts Templates) Lookup(k string) *template.Template { return ts.kinds[k] }

// Minified reports whether the pages of kind k come out of their templates
// minified.
func (ts Templates) Minified(k string) bool { return ts.minified[k] }

// ParseTemplates parses base.html, partials.html and <kind>.html for every
// page kind, taking each file from fsys, or from fallback when fsys lacks
// it. Each file is minified first with output.MinifyTemplate, so that the
// pages need no minifying of their own; a file that cannot be minified, or
// whose minified form does not parse, is used as it is, with a warning,
// and the pages that use it are minified one by one by package output.
func ParseTemplates(fsys, fallback fs.FS) (Templates, error) {
	ts := Templates{kinds: map[string]*template.Template{}, minified: map[string]bool{}}
	// read returns a file's source, minified when it can be.
	read := func(name string) (src string, minified bool, err error) {
		b, err := fs.ReadFile(fsys, name)
		if err != nil && fallback != nil && errors.Is(err, fs.ErrNotExist) {
			b, err = fs.ReadFile(fallback, name)
		}
		if err != nil {
			return "", false, err
		}
		src = string(b)
		min, err := output.MinifyTemplate(src)
		if err == nil {
			_, err = template.New(name).Funcs(funcs).Parse(min)
		}
		if err != nil {
			ts.Warnings = append(ts.Warnings, fmt.Sprintf("templates: %s cannot be minified with its actions in place, so its pages are minified one by one: %v", name, err))
			return src, false, nil
		}
		return min, true, nil
	}
	common := template.New("").Funcs(funcs)
	commonMinified := true
	for _, name := range []string{"base.html", "partials.html"} {
		src, min, err := read(name)
		if err != nil {
			return Templates{}, fmt.Errorf("templates: %w", err)
		}
		if _, err := common.New(name).Parse(src); err != nil {
			return Templates{}, fmt.Errorf("templates: %w", err)
		}
		commonMinified = commonMinified && min
	}
	ts.layout = common.Lookup("top") != nil && common.Lookup("chrome") != nil && common.Lookup("bottom") != nil
	if !ts.layout && common.Lookup("base") == nil {
		return Templates{}, fmt.Errorf("templates: base.html defines neither \"top\", \"chrome\" and \"bottom\" nor \"base\"")
	}
	for _, k := range kinds {
		src, min, err := read(k + ".html")
		if err != nil {
			return Templates{}, fmt.Errorf("templates: %w", err)
		}
		t, err := common.Clone()
		if err != nil {
			return Templates{}, err
		}
		if _, err := t.New(k + ".html").Parse(src); err != nil {
			return Templates{}, fmt.Errorf("templates: %w", err)
		}
		ts.kinds[k] = t
		ts.minified[k] = commonMinified && min
	}
	ts.compile()
	return ts, nil
}

// compile compiles the layout templates of every kind with package
// tmplexec, which writes the same bytes as html/template in a fraction of
// the time. What it cannot compile is left to html/template.
func (ts *Templates) compile() {
	if !compileTemplates {
		return
	}
	names := []string{"base"}
	if ts.layout {
		names = []string{"top", "bottom"}
	}
	ts.fast = map[string]map[string]*tmplexec.Program{}
	for _, k := range kinds {
		for _, name := range names {
			if p, err := tmplexec.Compile(ts.kinds[k], name); err == nil {
				if ts.fast[k] == nil {
					ts.fast[k] = map[string]*tmplexec.Program{}
				}
				ts.fast[k][name] = p
			}
		}
	}
}

// compileTemplates and fallbacks are for the tests, which render the site
// both ways and count the pages handed back to html/template.
var (
	compileTemplates = true
	fallbacks        atomic.Int64
)

// execute writes template name of kind k for data to buf: compiled when it
// can be, else (or when the compiled template hands the data back) with
// html/template.
func (ts Templates) execute(buf *bytes.Buffer, k, name string, data any) error {
	if p := ts.fast[k][name]; p != nil {
		n := buf.Len()
		err := p.Execute(buf, data)
		if err == nil {
			return nil
		}
		fallbacks.Add(1)
		buf.Truncate(n)
	}
	return ts.kinds[k].ExecuteTemplate(buf, name, data)
}

// bufs are the buffers pages are rendered into; each page's File holds
// its buffer until package output releases it (File.Release), which puts
// it back. A buffer grown past maxPooled by a huge page is
// dropped rather than kept.
var bufs = sync.Pool{New: func() any { return bytes.NewBuffer(make([]byte, 0, 32<<10)) }}

const maxPooled = 1 << 20

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
		for f, err := range output.Ordered(r.jobs(), cfg.Workers) {
			if !yield(f, err) || err != nil {
				return
			}
		}
	}
}

// A renderer holds what every page job shares; it is read-only once made,
// but for the caches, which lock.
type renderer struct {
	cat     *catalog.Catalog
	cfg     Config
	tmpl    Templates
	site    *SiteInfo
	content []contentPage
	latest  []*catalog.Patent // the home page's newest patents
	// rank is each patent's place in the catalog sorted newest first,
	// by Seq; listText its text in lists (see listText).
	rank     []int32
	listText []string
	mermaid  bool   // assets hold the vendored mermaid
	files    []Link // PatentFiles, named for people: "JSON", "RIS", "BibTeX"
	chromes  chromes
	// nameItems are the entries of the assignee and inventor indexes, by
	// kind and order, made once for all their pages.
	nameItems map[nameOrder]func() []nameItem
	// patentCodes are the links of every CPC and IPC node as a patent
	// page shows them (see codeGroups), made once rather than for each of
	// the eight or so codes of every patent.
	patentCodes map[*catalog.Node]Code
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
	r.rank = byNewest(c.Patents)
	r.latest = r.newest(c.Patents, newestOnHome)
	r.patentCodes = patentCodes(c)
	r.listText = make([]string, len(c.Patents))
	for _, p := range c.Patents {
		r.listText[p.Seq] = listText(p)
	}
	r.chromes = chromes{r: r, places: map[string]*Chrome{}, m: map[string]*Chrome{}}
	for _, f := range cfg.PatentFiles {
		r.files = append(r.files, Link{fileLabel(f), f})
	}
	r.nameItems = map[nameOrder]func() []nameItem{}
	for _, kind := range []string{KindAssignee, KindInventor} {
		for _, byCount := range []bool{false, true} {
			r.nameItems[nameOrder{kind, byCount}] = sync.OnceValue(func() []nameItem { return r.sortNames(kind, byCount) })
		}
	}
	return r, nil
}

// fileLabel names a file of a patent's directory by its format.
func fileLabel(name string) string {
	switch path.Ext(name) {
	case ".json":
		return "JSON"
	case ".ris":
		return "RIS"
	case ".bib":
		return "BibTeX"
	}
	return name
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

// jobs lists every page in the order they are yielded.
func (r *renderer) jobs() iter.Seq[output.Job] {
	return func(yield func(output.Job) bool) {
		c := r.cat
		emit := func(j output.Job) bool { return yield(j) }
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
		// The pages of one list share its sorted patents, sorted once by
		// whichever of them runs first.
		for _, a := range c.Assignees {
			sorted := sync.OnceValue(func() []*catalog.Patent { return r.newestFirst(a.Patents) })
			for i := 1; i <= pageCount(len(a.Patents), patentsPerPage); i++ {
				if !emit(func() (output.File, error) { return r.assignee(a, sorted, i) }) {
					return
				}
			}
		}
		for _, in := range c.Inventors {
			sorted := sync.OnceValue(func() []*catalog.Patent { return r.newestFirst(in.Patents) })
			for i := 1; i <= pageCount(len(in.Patents), patentsPerPage); i++ {
				if !emit(func() (output.File, error) { return r.inventor(in, sorted, i) }) {
					return
				}
			}
		}
		for _, s := range []*catalog.Scheme{c.CPC, c.IPC} {
			if !emit(func() (output.File, error) { return r.code(s.Root, nil, 1) }) {
				return
			}
			for _, n := range s.Nodes() {
				if n.Level != catalog.SubgroupLevel {
					if !emit(func() (output.File, error) { return r.code(n, nil, 1) }) {
						return
					}
					continue
				}
				sorted := sync.OnceValue(func() []*catalog.Patent { return r.newestFirst(n.Patents) })
				for i := 1; i <= pageCount(len(n.Patents), patentsPerPage); i++ {
					if !emit(func() (output.File, error) { return r.code(n, sorted, i) }) {
						return
					}
				}
			}
		}
		for _, gk := range groupKinds {
			if !emit(func() (output.File, error) { return r.groups(gk) }) {
				return
			}
			for _, g := range gk.groups(c) {
				if !emit(func() (output.File, error) { return r.group(gk, g) }) {
					return
				}
			}
		}
	}
}

// page renders the page of kind k at p: base.html's "top" with the page's
// data, the chrome of the page's directory, rendered once per directory,
// then "bottom". A base.html that defines only "base", as it once did, is
// executed whole instead.
func (r *renderer) page(k, p string, data interface{ base() *Base }) (output.File, error) {
	buf := bufs.Get().(*bytes.Buffer)
	release := func() {
		if buf.Cap() <= maxPooled {
			buf.Reset()
			bufs.Put(buf)
		}
	}
	var err error
	if r.tmpl.layout {
		err = r.tmpl.execute(buf, k, "top", data)
		if err == nil {
			c := data.base().Chrome
			if err = c.err; err == nil {
				buf.Write(c.html)
				err = r.tmpl.execute(buf, k, "bottom", data)
			}
		}
	} else {
		err = r.tmpl.execute(buf, k, "base", data)
	}
	if err != nil {
		release()
		return output.File{}, fmt.Errorf("rendering %s: %w", p, err)
	}
	return output.File{Path: p, Kind: k, Data: buf.Bytes(), Minified: r.tmpl.minified[k], Release: release}, nil
}

// funcs are helpers for templates that users write, and for search.html:
// the other templates need none, as every href is made in Go. None of them
// produces HTML: escaping is html/template's alone.
var funcs = template.FuncMap{
	"rel":         urls.Rel,
	"patentURL":   urls.Patent,
	"patentFile":  urls.PatentFile,
	"assigneeURL": urls.Assignee,
	"inventorURL": urls.Inventor,
	"codeURL":     func(n *catalog.Node) string { return urls.Code(n.Scheme.Name, n.Code) },
	"groupURL":    urls.Group,
	"contentURL":  urls.Content,
	"asset":       urls.Asset,
	"byName":      urls.ByName,
	"byCount":     urls.ByCount,
	"espacenet":   urls.Espacenet,
	"google":      urls.GooglePatents,
	"searchURL":   func() string { return urls.Search },
	"schemeURL":   func(s string) string { return urls.Code(s, "") },
	"homeURL":     func() string { return urls.Home },
	"short":       clip,
	"upper":       strings.ToUpper,
}
