// Package site wires the pipeline: export text → corpus.Parse →
// catalog.Build → render (pages), search (index) and export (API files) →
// output.Write. It is the one package that imports every stage; it holds no
// logic of its own beyond reading the inputs and reporting.
package site

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"runtime/debug"
	"sync"

	"github.com/patentsite/patentsite"
	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/corpus"
	"github.com/patentsite/patentsite/build/export"
	"github.com/patentsite/patentsite/build/output"
	"github.com/patentsite/patentsite/build/publish"
	"github.com/patentsite/patentsite/build/render"
	"github.com/patentsite/patentsite/build/search"
	"github.com/patentsite/patentsite/build/urls"
)

// A Source is one export file to read.
type Source struct {
	Name string // as shown in positions: a path, or "content/<name>" for the embedded default
	Data []byte
}

// Config is what one build needs. The zero value of each field means the
// embedded default.
type Config struct {
	Corpora   []Source // default: the embedded export
	Aliases   *Source  // default: content/aliases.txt
	Out       string   // default "public"
	Templates fs.FS    // page templates; files it lacks come from the embedded ones
	Assets    fs.FS    // CSS, JS, images; laid over the embedded assets
	Content   fs.FS    // Markdown pages (*.md); default: the embedded content/
	Title     string   // site name; default "Patent catalog"
	BaseURL   string   // absolute site address for canonical links; may be ""
	Zip       string
	Full      bool
	Progress  func(done int)
}

// DefaultCorpus returns the embedded export.
func DefaultCorpus() (Source, error) {
	data, err := fs.ReadFile(patentsite.Content(), patentsite.DefaultCorpus)
	return Source{Name: "content/" + patentsite.DefaultCorpus, Data: data}, err
}

// ReadSource reads an export or alias file from disk.
func ReadSource(path string) (Source, error) {
	data, err := os.ReadFile(path)
	return Source{Name: path, Data: data}, err
}

// Load parses every export and builds the catalog. Problems are sorted by
// file and line; unclaimed lines are listed as warnings with field
// "unclaimed".
func Load(cfg Config) (*catalog.Catalog, corpus.ErrorList, error) {
	srcs := cfg.Corpora
	if len(srcs) == 0 {
		def, err := DefaultCorpus()
		if err != nil {
			return nil, nil, err
		}
		srcs = []Source{def}
	}
	var problems corpus.ErrorList
	aliasSrc := cfg.Aliases
	if aliasSrc == nil {
		data, err := fs.ReadFile(patentsite.Content(), "aliases.txt")
		if err != nil {
			return nil, nil, err
		}
		aliasSrc = &Source{Name: "content/aliases.txt", Data: data}
	}
	aliases, aerrs := catalog.ParseAliases(aliasSrc.Name, aliasSrc.Data)
	problems = append(problems, aerrs...)
	var recs []corpus.Record
	for _, s := range srcs {
		rs, errs := corpus.Parse(s.Name, s.Data)
		problems = append(problems, errs...)
		for i := range rs {
			r := &rs[i]
			for _, u := range r.Unclaimed {
				problems = append(problems, &corpus.Error{Pos: u.Pos, Record: r.Index, Field: "unclaimed", Severity: corpus.Warning,
					Err: fmt.Errorf("no field took this text: %q", truncate(u.Text, 100))})
			}
		}
		if recs == nil {
			recs = rs // one export: no copy of its records
		} else {
			recs = append(recs, rs...)
		}
	}
	c := catalog.Build(recs, aliases)
	problems = append(problems, c.Problems...)
	problems.Sort()
	return c, problems, nil
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// A Report says what a build did. When Stats.Current is set, the output
// already held this build and nothing was read: Catalog is nil and
// Problems empty (patentsite check lists them).
type Report struct {
	Catalog  *catalog.Catalog
	Problems corpus.ErrorList
	Stats    output.Stats
	Search   search.Stats // the search index: documents, terms, files, bytes, time to build
}

// Build reads the exports and writes the site to cfg.Out. Bad records are
// listed in the Report; the rest of the corpus still builds. The previous
// site stays in place when Build fails.
//
// A build whose inputs (exports, alias file, templates, assets, content,
// options and the program) are those of the build out holds, with its
// files all in place, does nothing (output.Current); Full and Zip always
// build.
func Build(ctx context.Context, cfg Config) (Report, error) {
	out := cfg.Out
	if out == "" {
		out = "public"
	}
	key, err := inputKey(cfg)
	if err != nil {
		return Report{}, err
	}
	if !cfg.Full && cfg.Zip == "" {
		st, ok, err := output.Current(out, key)
		if err != nil {
			return Report{}, err
		}
		if ok {
			return Report{Stats: st}, nil
		}
	}
	overlap := roomToOverlap(cfg)
	// The catalog holds no reference to the exports (corpus.Parse copies
	// what it keeps), so they are freed once parsed, while the catalog is
	// made, if nothing else holds them: Build hands them to Load and keeps
	// none, and the closures of the stages cannot reach them.
	load := cfg
	load.Corpora, cfg.Corpora = cfg.Corpora, nil
	c, problems, err := Load(load)
	rep := Report{Catalog: c, Problems: problems}
	if err != nil {
		return rep, err
	}
	if len(c.Patents) == 0 {
		return rep, fmt.Errorf("no patent could be read: nothing to build")
	}
	rep.Stats, err = output.Write(ctx, out, files(c, cfg, &rep.Search, overlap), output.Options{
		InputKey:   key,
		Full:       cfg.Full,
		CheckLinks: true,
		Zip:        cfg.Zip,
		Progress:   cfg.Progress,
	})
	return rep, err
}

// files yields every file of the site: the output of each stage in turn.
// Each stage is an iter.Seq2[output.File, error]; add a stage here.
// The search index's figures go to st (may be nil).
//
// With overlap, a stage marked ahead starts when the stage before it
// starts: the search index and the publisher's tables are made while the
// files of the stage before are made and written, which keeps both cores
// busy where one of them would wait at the end of a stage (10,000
// patents: 1.79 cores busy on average without, 1.87 with). The pages are
// never overlapped: the search index beside them would add to the peak
// heap.
func files(c *catalog.Catalog, cfg Config, st *search.Stats, overlap bool) iter.Seq2[output.File, error] {
	stages := []struct {
		files func() iter.Seq2[output.File, error]
		ahead bool
	}{
		{func() iter.Seq2[output.File, error] { return pages(c, cfg) }, false},
		{func() iter.Seq2[output.File, error] { return apiFiles(c) }, false},
		{func() iter.Seq2[output.File, error] {
			return search.Index(c, search.Config{Title: cfg.Title, BaseURL: cfg.BaseURL, Stats: st})
		}, true},
		{func() iter.Seq2[output.File, error] {
			return publish.Site(c, publish.Config{Title: cfg.Title, BaseURL: cfg.BaseURL, Templates: cfg.Templates, Fallback: patentsite.Templates()})
		}, true},
	}
	return func(yield func(output.File, error) bool) {
		started := make([]iter.Seq2[output.File, error], len(stages))
		var stops []func()
		defer func() {
			for _, stop := range stops {
				stop()
			}
		}()
		start := func(i int) {
			if i < len(stages) && started[i] == nil {
				seq := stages[i].files()
				if stages[i].ahead && overlap {
					var stop func()
					seq, stop = output.Ahead(seq, aheadFiles)
					stops = append(stops, stop)
				}
				started[i] = seq
			}
		}
		for i := range stages {
			start(i)
			if overlap && i+1 < len(stages) && stages[i+1].ahead {
				start(i + 1)
			}
			for f, err := range started[i] {
				if !yield(f, err) || err != nil {
					return
				}
			}
		}
	}
}

// aheadFiles is how many files a stage started ahead makes before the
// stages before it are done.
const aheadFiles = 64

// pages yields the HTML pages and the assets (package render).
func pages(c *catalog.Catalog, cfg Config) iter.Seq2[output.File, error] {
	rc := render.Config{
		Title:     cfg.Title,
		BaseURL:   cfg.BaseURL,
		Templates: cfg.Templates,
		Fallback:  patentsite.Templates(),
		Assets:    render.Overlay(cfg.Assets, patentsite.Assets()),
		Content:   cfg.Content,
		// The files each patent directory holds besides index.html:
		// index.json from apiFiles, cite.ris and cite.bib from publish.
		PatentFiles: []string{"index.json", "cite.ris", "cite.bib"},
	}
	if rc.Templates == nil {
		rc.Templates = patentsite.Templates()
	}
	if rc.Content == nil {
		rc.Content = patentsite.Content()
	}
	return render.Site(c, rc)
}

// ExportBytes is the size of the exports cfg names; 0 for the embedded one.
func (cfg Config) ExportBytes() int64 {
	var n int64
	for _, s := range cfg.Corpora {
		n += int64(len(s.Data))
	}
	return n
}

// PeakHeap is the most live heap a build of exportBytes of export holds:
// 3.5 times the export, while the catalog is made from the parsed records
// (measured up to 200,000 patents); 2.3 to 2.9 times once it is made.
func PeakHeap(exportBytes int64) int64 { return exportBytes * 7 / 2 }

// roomToOverlap reports whether the heap has room for the stages to
// overlap: whether the build's peak heap stays under half the soft memory
// limit. Overlapping holds two stages' tables at once; at 100,000 patents
// (198 MB of export, a 949 MiB limit) it took the peak RSS from 964 MiB to
// 1,030 MiB, and the collector's extra work ate the gain.
func roomToOverlap(cfg Config) bool {
	return 2*PeakHeap(cfg.ExportBytes()) < debug.SetMemoryLimit(-1)
}

// jsonBufs are the buffers of the per-patent JSON files.
var jsonBufs = sync.Pool{New: func() any { b := make([]byte, 0, 8<<10); return &b }}

// apiFiles yields the machine-readable catalog (package export).
func apiFiles(c *catalog.Catalog) iter.Seq2[output.File, error] {
	return func(yield func(output.File, error) bool) {
		// The three files that grow most with the catalog are streamed to
		// disk; they are written compact, so none of them is minified.
		streamed := []struct {
			path  string
			write func(io.Writer, *catalog.Catalog) error
		}{
			{"api/patents.json", export.WritePatentsJSON},
			{"api/patents.csv", export.WritePatentsCSV},
			{"api/classifications.json", export.WriteClassificationsJSON},
		}
		for _, a := range streamed {
			write := a.write
			f := output.File{Path: a.path, Kind: "api", WriteTo: func(w io.Writer) error { return write(w, c) }}
			if !yield(f, nil) {
				return
			}
		}
		data, err := export.AssigneesJSON(c)
		if !yield(output.File{Path: "api/assignees.json", Kind: "api", Data: data, Minified: true}, err) || err != nil {
			return
		}
		// Each patent's JSON, made on every core.
		jobs := func(yield func(output.Job) bool) {
			for _, p := range c.Patents {
				job := func() (output.File, error) {
					// Written compact: nothing to minify. The buffer goes
					// back to jsonBufs once the file is written.
					buf := jsonBufs.Get().(*[]byte)
					*buf = export.AppendPatent((*buf)[:0], p)
					release := func() {
						if cap(*buf) <= 64<<10 {
							jsonBufs.Put(buf)
						}
					}
					return output.File{Path: urls.PatentFile(p.ID, "index.json"), Kind: "api", Data: *buf, Minified: true, Release: release}, nil
				}
				if !yield(job) {
					return
				}
			}
		}
		for f, err := range output.Ordered(jobs, 0) {
			if !yield(f, err) || err != nil {
				return
			}
		}
	}
}
