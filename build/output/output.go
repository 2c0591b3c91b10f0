package output

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// A File is one output file.
type File struct {
	Path string // slash-separated, relative to the site root: "patent/EP3628093A2/index.html"
	Kind string // page kind for Stats: "patent", "assignee", "asset", "api", ...
	Data []byte // not yet minified, unless Minified; Write does not modify it

	// Minified says Data is written as it is: it is already what Write
	// would make of it (HTML rendered from templates minified once with
	// [MinifyTemplate]) or needs no minifying (JSON from encoding/json,
	// which is compact). Its links are still checked; see the package doc.
	Minified bool

	// WriteTo, when not nil, writes the file's content instead of Data, so
	// that a big file (api/patents.json) is streamed to disk, and hashed
	// on the way, rather than held whole. It may be called more than once
	// and must write the same bytes each time. The content is written as
	// it is, never minified, and not searched for links, so it must not be
	// HTML, SVG, XML or CSS.
	WriteTo func(io.Writer) error

	// Release, when not nil, is called once Write no longer needs Data,
	// which the producer may then reuse (package render recycles its page
	// buffers so).
	Release func()
}

// Options control a Write. The zero value is a build without link check or zip,
// incremental when out holds a manifest.
type Options struct {
	// Full builds the whole site afresh and swaps it in, even when out holds
	// a manifest from a previous build.
	Full bool

	// CheckLinks checks every internal reference before the site is committed.
	CheckLinks bool

	// SkipLinks lists site paths, by prefix, whose links are not checked
	// ("downloads/" for files deployed separately). They are counted in Stats.
	SkipLinks []string

	// Zip, when not empty, names a zip file to write the site to as well.
	// It must not be inside out.
	Zip string

	// InputKey, when not empty, stands for everything the files are made
	// from (package site hashes the exports, the alias file, templates,
	// assets, content, options and the program itself). It is recorded in
	// the manifest, so that [Current] can tell that a later build with the
	// same key has nothing to do.
	InputKey string

	// Progress, when not nil, is called after each file is processed with the
	// number done so far. Calls never overlap; keep it cheap.
	Progress func(done int)

	faults *faults // fault injection, for tests
}

// Stats describe a finished Write.
type Stats struct {
	Kinds       map[string]Count // by File.Kind
	Total       Count
	Incremental bool // files were compared with the previous build's manifest
	Written     int  // files written: all of them in a full build
	Unchanged   int  // files left as they were (incremental builds)
	Current     bool // out already held this build ([Current]): nothing was read or written
	Deleted     int  // files of the previous build no longer produced (incremental builds)

	Links        int // references checked (distinct per page), with Options.CheckLinks
	LinksSkipped int // references not checked because of Options.SkipLinks

	Elapsed time.Duration
}

// A Count is a number of files and their size after minification.
type Count struct {
	Files int
	Bytes int64
}

// Write puts the files into the directory out, minified, and returns what it
// did. It reads files to the end or to the first error. On any error,
// including cancellation of ctx, out is left exactly as it was. See the
// package documentation for the full and incremental builds, the link check
// and the zip.
func Write(ctx context.Context, out string, files iter.Seq2[File, error], opt Options) (Stats, error) {
	start := time.Now()
	st, err := write(ctx, out, files, opt)
	st.Elapsed = time.Since(start)
	return st, err
}

func write(ctx context.Context, out string, files iter.Seq2[File, error], opt Options) (Stats, error) {
	out, err := cleanOut(out)
	if err != nil {
		return Stats{}, err
	}
	if opt.Zip != "" {
		if err := checkZip(out, opt.Zip); err != nil {
			return Stats{}, err
		}
	}
	unlock, err := lock(out)
	if err != nil {
		return Stats{}, err
	}
	defer unlock()
	if err := recoverLocked(out); err != nil {
		return Stats{}, err
	}
	old, err := readPrevious(out, opt.Full)
	if err != nil {
		return Stats{}, err
	}

	b := &build{
		out:     out,
		opt:     opt,
		old:     old,
		faults:  opt.faults,
		workers: runtime.GOMAXPROCS(0),
	}
	if b.faults == nil {
		b.faults = &faults{}
	}
	if opt.CheckLinks {
		b.links = newLinkSet(opt.SkipLinks)
	}
	if old != nil {
		return b.incremental(ctx, files)
	}
	return b.full(ctx, files)
}

// cleanOut returns out cleaned, with a symbolic link to a directory
// resolved, so that the directory it points to is the one replaced.
func cleanOut(out string) (string, error) {
	if out == "" {
		return "", errors.New("output: no output directory")
	}
	out = filepath.Clean(out)
	if fi, err := os.Lstat(out); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		real, err := filepath.EvalSymlinks(out)
		if errors.Is(err, fs.ErrNotExist) { // the directory is not made yet
			real, err = os.Readlink(out)
			if err == nil && !filepath.IsAbs(real) {
				real = filepath.Join(filepath.Dir(out), real)
			}
		}
		if err != nil {
			return "", fmt.Errorf("output: %w", err)
		}
		out = filepath.Clean(real)
	}
	if base := filepath.Base(out); base == "." || base == ".." || base == string(filepath.Separator) {
		return "", fmt.Errorf("output: %s cannot be replaced; name a directory below it", out)
	}
	return out, nil
}

// A build is the state of one Write.
type build struct {
	out     string
	opt     Options
	old     *manifest // nil in a full build
	faults  *faults
	workers int

	dir     string // where files are written: the new tree, or the stage
	entries entries
	links   *linkSet    // nil without Options.CheckLinks
	killed  atomic.Bool // a fault stopped the build dead: leave everything

	mu   sync.Mutex // guards done and calls to Progress
	done int
}

// A job is one file for a worker.
type job struct {
	e *entry
	f File
}

// produce runs the workers over files. It returns the first error: from the
// producer, a worker, or ctx.
func (b *build) produce(ctx context.Context, files iter.Seq2[File, error]) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	jobs := make(chan job, 2*b.workers)
	var wg sync.WaitGroup
	for range b.workers {
		wg.Go(func() {
			w := newWorker(b)
			for j := range jobs {
				if ctx.Err() == nil {
					if err := w.process(j.e, j.f); err != nil {
						cancel(err)
					}
				}
				if j.f.Release != nil {
					j.f.Release()
				}
			}
			if w.links != nil {
				w.links.flush()
			}
		})
	}

	seen := newPathSet(&b.entries)
	func() {
		defer close(jobs)
		for f, err := range files {
			if ctx.Err() != nil {
				return
			}
			if err != nil {
				cancel(fmt.Errorf("output: %w", err))
				return
			}
			if err := checkPath(f.Path); err != nil {
				cancel(err)
				return
			}
			if f.WriteTo != nil && linkable(MediaType(f.Path)) {
				cancel(fmt.Errorf("output: %s: a streamed file is not searched for links, so it cannot be %s", f.Path, MediaType(f.Path)))
				return
			}
			newDir, err := seen.add(f.Path, int32(b.entries.n))
			if err != nil {
				cancel(err)
				return
			}
			e := b.entries.add(f.Path, f.Kind)
			e.newDir = newDir
			select {
			case jobs <- job{e, f}:
			case <-ctx.Done():
				return
			}
		}
	}()
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
			return fmt.Errorf("output: build of %s stopped: %w", b.out, err)
		}
		return err
	}
	return nil
}

// progress counts one file done.
func (b *build) progress() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.done++
	if b.opt.Progress != nil {
		b.opt.Progress(b.done)
	}
}

// stats sums up the entries.
func (b *build) stats(sorted []*entry) Stats {
	st := Stats{Kinds: make(map[string]Count), Incremental: b.old != nil}
	for _, e := range sorted {
		c := st.Kinds[e.kind]
		c.Files++
		c.Bytes += e.size
		st.Kinds[e.kind] = c
		st.Total.Files++
		st.Total.Bytes += e.size
		if e.written {
			st.Written++
		} else {
			st.Unchanged++
		}
	}
	if b.links != nil {
		st.Links = int(b.links.checked.Load())
		st.LinksSkipped = int(b.links.skipped.Load())
	}
	return st
}

// An entry is what Write keeps of one file once it is processed.
type entry struct {
	path    string
	kind    string
	seq     int32 // order of arrival
	markup  bool  // HTML or SVG: ids are collected, fragments checked
	written bool  // written to b.dir (else unchanged on disk)
	newDir  bool  // the first file of its directory in this build: make the directory before the file
	size    int64 // after minification
	in, out sum   // hashes of the input and of the minified bytes
}

// entries grows by chunks, so that an *entry stays valid while workers fill
// it in and the producer adds more.
type entries struct {
	chunks [][]entry
	n      int
}

const chunkSize = 4096

func (es *entries) add(path, kind string) *entry {
	if es.n%chunkSize == 0 {
		es.chunks = append(es.chunks, make([]entry, chunkSize))
	}
	e := &es.chunks[es.n/chunkSize][es.n%chunkSize]
	e.path, e.kind, e.seq = path, kind, int32(es.n)
	es.n++
	return e
}

func (es *entries) at(seq int32) *entry {
	return &es.chunks[seq/chunkSize][seq%chunkSize]
}

// sorted returns the entries sorted by path.
func (es *entries) sorted() []*entry {
	s := make([]*entry, es.n)
	for i := range s {
		s[i] = es.at(int32(i))
	}
	slices.SortFunc(s, func(a, b *entry) int { return strings.Compare(a.path, b.path) })
	return s
}
