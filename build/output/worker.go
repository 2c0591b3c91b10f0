package output

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/tdewolff/parse/v2/buffer"
	"github.com/zeebo/xxh3"
)

// A sum is a file's hash: XXH3's 128 bits, plenty to tell two versions of
// one file apart (nothing here defends against a forger), at thirty times
// the speed of SHA-256 on this machine: 2 GB of site at 100,000 patents is
// hashed in 0.1 s instead of 2.
type sum [16]byte

func hash(b []byte) sum { return xxh3.Hash128(b).Bytes() }

// A worker processes files one at a time, reusing its buffers.
type worker struct {
	b       *build
	scratch []byte       // a copy of the input: minify and lex write into theirs
	min     bytes.Buffer // minified output
	links   *pageLinks   // nil without a link check
}

func newWorker(b *build) *worker {
	w := &worker{b: b}
	if b.links != nil {
		w.links = newPageLinks(b.links)
	}
	return w
}

// process hashes, minifies and writes one file, and collects its links.
func (w *worker) process(e *entry, f File) error {
	if f.WriteTo != nil {
		return w.stream(e, f.WriteTo)
	}
	b := w.b
	data := f.Data
	mt := MediaType(e.path)
	e.markup = mt == "text/html" || mt == "image/svg+xml"
	e.in = hash(data)
	if w.links != nil && linkable(mt) {
		var err error
		if f.Minified && mt == "text/html" {
			err = w.links.scan(e, data)
		} else {
			err = w.links.collect(e, mt, w.copy(data))
		}
		if err != nil {
			return err
		}
	}
	defer b.progress()

	var prev *record
	if b.old != nil {
		prev = b.old.lookup(e.path)
		if prev != nil && b.old.trusted && prev.in == e.in && b.intact(e.path, prev.size) {
			e.size, e.out = prev.size, prev.out
			return nil // same input, same minifier: same output
		}
	}

	out := data
	switch {
	case f.Minified || mt == "":
		e.out = e.in
	default:
		b.faults.minify(e.path)
		w.min.Reset()
		if err := minifier.Minify(mt, &w.min, buffer.NewReader(w.copy(data))); err != nil {
			return fmt.Errorf("output: minify %s: %w", e.path, err)
		}
		out = w.min.Bytes()
		e.out = hash(out)
	}
	e.size = int64(len(out))
	if prev != nil && prev.out == e.out && prev.size == e.size && b.intact(e.path, prev.size) {
		return nil
	}
	if err := w.write(e, out); err != nil {
		return err
	}
	e.written = true
	return nil
}

// stream writes a file whose content comes from write, hashing it on the
// way. In an incremental build the file is staged whatever it holds, and
// the staged copy removed again when it equals the previous one: its hash
// is only known once it is written.
func (w *worker) stream(e *entry, write func(io.Writer) error) error {
	b := w.b
	defer b.progress()
	name := filepath.Join(b.dir, filepath.FromSlash(e.path))
	h := xxh3.New()
	var n int64
	err := w.create(e, func(f io.Writer) error {
		cw := &countingWriter{w: io.MultiWriter(f, h)}
		bw := bufio.NewWriterSize(cw, 256<<10)
		if err := write(bw); err != nil {
			return err
		}
		err := bw.Flush()
		n = cw.n
		return err
	})
	if err != nil {
		return err
	}
	e.in = h.Sum128().Bytes()
	e.out, e.size = e.in, n
	if b.old != nil {
		if prev := b.old.lookup(e.path); prev != nil && prev.out == e.out && prev.size == e.size && b.intact(e.path, prev.size) {
			return os.Remove(name)
		}
	}
	e.written = true
	return nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// copy returns a copy of data in the scratch buffer, with room for the NUL
// the tdewolff lexers put after the end.
func (w *worker) copy(data []byte) []byte {
	if cap(w.scratch) < len(data)+1 {
		w.scratch = make([]byte, len(data), len(data)+len(data)/4+1)
	}
	w.scratch = w.scratch[:len(data)]
	copy(w.scratch, data)
	return w.scratch
}

// write creates the file of e under the build's directory.
func (w *worker) write(e *entry, data []byte) error {
	return w.create(e, func(f io.Writer) error {
		_, err := f.Write(data)
		return err
	})
}

// create creates the file of e under the build's directory and fills it
// with fill. The first file of a directory in the build makes it first
// (e.newDir; 180,000 directories at 100,000 patents); any other file whose
// directory is missing, because another worker has yet to make it or, in
// an incremental build, no file before it was written, costs one failed
// open. No set of created directories is kept.
func (w *worker) create(e *entry, fill func(io.Writer) error) error {
	p := e.path
	if err := w.b.faults.write(p); err != nil {
		if errors.Is(err, errKilled) {
			w.b.killed.Store(true)
		}
		return writeError(p, err)
	}
	name := filepath.Join(w.b.dir, filepath.FromSlash(p))
	mkdir := func() error {
		dir := filepath.Dir(name)
		err := os.Mkdir(dir, 0o755)
		if err != nil && !errors.Is(err, fs.ErrExist) {
			err = os.MkdirAll(dir, 0o755)
		}
		if errors.Is(err, fs.ErrExist) {
			return nil
		}
		return err
	}
	var f fileWriter
	var err error
	if e.newDir {
		err = mkdir()
	}
	if err == nil {
		f, err = createFile(name)
	}
	if errors.Is(err, fs.ErrNotExist) {
		if err = mkdir(); err == nil {
			f, err = createFile(name)
		}
	}
	if err != nil {
		return writeError(p, err)
	}
	err = fill(f)
	if err1 := f.Close(); err == nil {
		err = err1
	}
	if err != nil {
		return writeError(p, err)
	}
	return nil
}

// A fileWriter is a file being written: an *os.File, or on Unix a rawFile.
type fileWriter interface {
	io.Writer
	Close() error
}

// writeError names the site path rather than the temporary file, and keeps
// the cause: "output: writing patent/X/index.html: no space left on device".
func writeError(p string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("output: writing %s: %w", p, err)
}

// intact reports whether the previous build's file p is still in out as
// it left it, as far as one stat tells: a regular file of its size. A file
// removed or changed in size by hand is written again, so that an
// incremental build still gives the tree of a full build.
func (b *build) intact(p string, size int64) bool {
	fi, err := os.Lstat(filepath.Join(b.out, filepath.FromSlash(p)))
	return err == nil && fi.Mode().IsRegular() && fi.Size() == size
}
