package publish

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"iter"
	"strings"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/export"
	"github.com/patentsite/patentsite/build/output"
	"github.com/patentsite/patentsite/build/urls"
)

// Config says what to publish.
type Config struct {
	Title     string // site name; default "Patent catalog"
	BaseURL   string // absolute address of the site root; may be ""
	Templates fs.FS  // redirect.html, 404.html, resolve.html; may be nil
	Fallback  fs.FS  // templates used for files Templates lacks; may be nil

	// Redirects chooses how other spellings of a number resolve: Auto (the
	// zero value), Stubs or Resolver. See the package documentation.
	Redirects Redirects
	// StubLimit is the most redirect stubs Auto writes before it switches
	// to the resolver; 0 means DefaultStubLimit.
	StubLimit int
}

// Redirects is a way of resolving other spellings of a number.
type Redirects int

const (
	Auto     Redirects = iota // Stubs up to StubLimit stubs, else Resolver
	Stubs                     // a redirect page per spelling, plus the resolver
	Resolver                  // the resolver page and the 404 page only
)

func (r Redirects) String() string {
	switch r {
	case Stubs:
		return "stubs"
	case Resolver:
		return "resolver"
	}
	return "auto"
}

// ParseRedirects parses "auto", "stubs" or "resolver".
func ParseRedirects(s string) (Redirects, error) {
	switch s {
	case "auto", "":
		return Auto, nil
	case "stubs":
		return Stubs, nil
	case "resolver":
		return Resolver, nil
	}
	return Auto, fmt.Errorf("redirects %q: want auto, stubs or resolver", s)
}

// DefaultStubLimit is where Auto stops writing stubs: 20,000 stubs, a
// catalog of about 3,500 patents (the seed has 5.8 spellings per patent).
// Beyond it the stubs would be about as many files as every other page
// together, and each file costs more to write and to deploy than its bytes
// suggest (issue 9): 100,000 patents have 563,268 spellings.
const DefaultStubLimit = 20000

// Kinds of the files Site yields, for output.Stats.
const (
	KindRedirect = "redirect" // patent/<spelling>/index.html
	KindResolver = "resolver" // patent/resolve.html, resolve.js, resolve/*.js
	KindCite     = "cite"     // patent/<ID>/cite.ris, cite.bib
	KindMeta     = "meta"     // 404.html, .nojekyll, robots.txt, sitemap*.xml, feed.atom
)

// Site yields every file of this stage: the citations of each patent, the
// redirects, the resolver, 404.html, .nojekyll, robots.txt, the sitemap
// (with a base URL) and the Atom feed. A template that fails ends the
// sequence with the error.
func Site(c *catalog.Catalog, cfg Config) iter.Seq2[output.File, error] {
	return func(yield func(output.File, error) bool) {
		p, err := newPublisher(c, cfg)
		if err != nil {
			yield(output.File{}, err)
			return
		}
		for _, stage := range []func(func(output.File, error) bool) bool{
			p.cites, p.redirects, p.resolver, p.meta, p.sitemap, p.feed,
		} {
			if !stage(yield) {
				return
			}
		}
	}
}

// A publisher holds what the files of one build share.
type publisher struct {
	cat       *catalog.Catalog
	cfg       Config
	tmpl      map[string]*template.Template
	spellings []Spelling // nil in Resolver mode
	keys      [][]string // lookup keys per patent
	nshards   int
}

func newPublisher(c *catalog.Catalog, cfg Config) (*publisher, error) {
	if cfg.Title == "" {
		cfg.Title = "Patent catalog"
	}
	if cfg.BaseURL != "" && !strings.HasSuffix(cfg.BaseURL, "/") {
		cfg.BaseURL += "/"
	}
	p := &publisher{cat: c, cfg: cfg, tmpl: map[string]*template.Template{}}
	for _, name := range []string{"redirect.html", "404.html", "resolve.html"} {
		t, err := parse(name, cfg.Templates, cfg.Fallback)
		if err != nil {
			return nil, err
		}
		p.tmpl[name] = t
	}
	var total int
	p.keys, total = lookupKeys(c)
	p.nshards = shardCount(total)
	if cfg.Redirects != Resolver {
		sp := Spellings(c)
		limit := cfg.StubLimit
		if limit <= 0 {
			limit = DefaultStubLimit
		}
		if cfg.Redirects == Stubs || len(sp) <= limit {
			p.spellings = sp
		}
	}
	return p, nil
}

func parse(name string, fsys, fallback fs.FS) (*template.Template, error) {
	var src []byte
	err := fs.ErrNotExist
	if fsys != nil {
		src, err = fs.ReadFile(fsys, name)
	}
	if errors.Is(err, fs.ErrNotExist) && fallback != nil {
		src, err = fs.ReadFile(fallback, name)
	}
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	t, err := template.New(name).Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	return t, nil
}

func (p *publisher) execute(name, path, kind string, data any) (output.File, error) {
	var buf bytes.Buffer
	if err := p.tmpl[name].Execute(&buf, data); err != nil {
		return output.File{}, fmt.Errorf("rendering %s: %w", path, err)
	}
	return output.File{Path: path, Kind: kind, Data: buf.Bytes()}, nil
}

// cites yields patent/<ID>/cite.ris and cite.bib for every patent.
// cites yields each patent's cite.ris and cite.bib, made on every core.
func (p *publisher) cites(yield func(output.File, error) bool) bool {
	jobs := func(yield func(output.Job) bool) {
		for _, pt := range p.cat.Patents {
			u := export.CiteURL(p.cfg.BaseURL, pt)
			ris := func() (output.File, error) {
				return output.File{Path: urls.PatentFile(pt.ID, "cite.ris"), Kind: KindCite, Data: export.RIS(pt, u)}, nil
			}
			bib := func() (output.File, error) {
				return output.File{Path: urls.PatentFile(pt.ID, "cite.bib"), Kind: KindCite, Data: export.BibTeX(pt, u)}, nil
			}
			if !yield(ris) || !yield(bib) {
				return
			}
		}
	}
	for f, err := range output.Ordered(jobs, 0) {
		if !yield(f, err) || err != nil {
			return false
		}
	}
	return true
}

// A RedirectPage is the data of templates/redirect.html.
type RedirectPage struct {
	Site      string
	Spelling  string
	Target    *catalog.Patent
	Title     string // Target's title, cut to 100 characters: stubs stay small
	Member    bool   // Spelling is another publication of Target's family
	URL       string // the patent page, relative to this page
	Canonical string // the patent's permalink: absolute with a base URL, else relative
}

// StubPath is the path of the redirect stub of a spelling.
func StubPath(spelling string) string { return urls.Patent(spelling) }

func (p *publisher) redirects(yield func(output.File, error) bool) bool {
	for _, s := range p.spellings {
		path := StubPath(s.Key)
		to := urls.Patent(s.Target.ID)
		canon := urls.Abs(p.cfg.BaseURL, to)
		if canon == "" {
			canon = urls.Rel(path, urls.Dir(to))
		}
		f, err := p.execute("redirect.html", path, KindRedirect, RedirectPage{
			Site: p.cfg.Title, Spelling: s.Key, Target: s.Target, Title: clip(s.Target.Title, 100), Member: s.Member,
			URL: urls.Rel(path, to), Canonical: canon,
		})
		if !yield(f, err) || err != nil {
			return false
		}
	}
	return true
}

// A ResolvePage is the data of templates/resolve.html.
type ResolvePage struct {
	Site      string
	Shards    int
	Canonical string // absolute address of the page, or ""
}

func (p *publisher) resolver(yield func(output.File, error) bool) bool {
	f, err := p.execute("resolve.html", ResolverPage, KindResolver, ResolvePage{
		Site: p.cfg.Title, Shards: p.nshards, Canonical: absFile(p.cfg.BaseURL, ResolverPage),
	})
	if !yield(f, err) || err != nil {
		return false
	}
	if !yield(output.File{Path: ResolverScript, Kind: KindResolver, Data: resolveJS}, nil) {
		return false
	}
	for i, data := range shards(p.cat, p.keys, p.nshards) {
		if !yield(output.File{Path: shardDir + shardName(i, p.nshards) + ".js", Kind: KindResolver, Data: data}, nil) {
			return false
		}
	}
	return true
}

// absFile is the absolute URL of a site file under base, or "".
func absFile(base, path string) string {
	if base == "" {
		return ""
	}
	return base + path
}

// A NotFoundPage is the data of templates/404.html.
type NotFoundPage struct {
	Site        string
	Base        string // the site root, for <base href>; "" without a base URL
	Resolver    string // site path of resolve.js
	ResolvePage string
	Shards      int
}

// meta yields 404.html, .nojekyll and robots.txt.
func (p *publisher) meta(yield func(output.File, error) bool) bool {
	f, err := p.execute("404.html", "404.html", KindMeta, NotFoundPage{
		Site: p.cfg.Title, Base: p.cfg.BaseURL, Resolver: ResolverScript, ResolvePage: ResolverPage, Shards: p.nshards,
	})
	if !yield(f, err) || err != nil {
		return false
	}
	// GitHub Pages runs Jekyll over a site pushed to a branch; Jekyll drops
	// files and folders starting with "_" or "." and costs minutes at
	// 100,000 pages. The Actions workflow deploys without Jekyll anyway.
	if !yield(output.File{Path: ".nojekyll", Kind: KindMeta, Data: []byte{}}, nil) {
		return false
	}
	robots := "User-agent: *\nAllow: /\n"
	if p.cfg.BaseURL != "" {
		robots += "Sitemap: " + p.cfg.BaseURL + "sitemap.xml\n"
	}
	return yield(output.File{Path: "robots.txt", Kind: KindMeta, Data: []byte(robots)}, nil)
}
