package output

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"context"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Every entry's timestamp is 2000-01-01 00:00 (MS-DOS date and time): a
// fixed one keeps the zip's bytes a function of the site alone. The
// deprecated fields are the way to set it: zip.Writer.CreateRaw ignores
// FileHeader.Modified.
const (
	zipDate = (2000-1980)<<9 | 1<<5 | 1
	zipTime = 0
)

// stored lists extensions of files already compressed: storing them is as
// small and costs nothing.
var stored = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".avif": true,
	".woff": true, ".woff2": true, ".zip": true, ".gz": true, ".br": true, ".zst": true, ".pdf": true,
}

// checkZip rejects a zip path inside out.
func checkZip(out, name string) error {
	absOut, err := filepath.Abs(out)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	absZip, err := filepath.Abs(name)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if rel, err := filepath.Rel(absOut, absZip); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("output: the zip %s cannot be inside the site %s", name, out)
	}
	return nil
}

// zip writes the site to a temporary file next to Options.Zip and returns
// its name, or "" without Options.Zip. src returns where an entry's bytes
// are on disk. Workers compress files in path order, a bounded window
// ahead of the one writer.
func (b *build) zip(ctx context.Context, sorted []*entry, src func(*entry) string) (string, error) {
	if b.opt.Zip == "" {
		return "", nil
	}
	name := b.opt.Zip
	old, _ := filepath.Glob(globEscape(name+tmpSuffix) + "*") // left by killed builds
	for _, o := range old {
		os.Remove(o)
	}
	f, err := os.CreateTemp(filepath.Dir(name), filepath.Base(name)+tmpSuffix+"*")
	if err != nil {
		return "", fmt.Errorf("output: zip: %w", err)
	}
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<20)
	zw := zip.NewWriter(bw)
	prefix := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name)) + "/"

	type result struct {
		data []byte
		crc  uint32
		size int64
		err  error
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Task i reports on results[i%n]; the window lets at most n tasks run
	// ahead of the writer, so each channel holds one result at a time.
	n := 4 * b.workers
	results := make([]chan result, n)
	for i := range results {
		results[i] = make(chan result, 1)
	}
	window := make(chan struct{}, n)
	tasks := make(chan int)
	var wg sync.WaitGroup
	for range b.workers {
		wg.Go(func() {
			var buf bytes.Buffer
			fw, _ := flate.NewWriter(&buf, flate.DefaultCompression)
			for i := range tasks {
				e := sorted[i]
				data, err := os.ReadFile(src(e))
				r := result{size: int64(len(data)), err: err}
				if err == nil {
					r.crc = crc32.ChecksumIEEE(data)
					r.data = data
					if !stored[strings.ToLower(filepath.Ext(e.path))] {
						buf.Reset()
						fw.Reset(&buf)
						fw.Write(data)
						fw.Close()
						if buf.Len() < len(data) {
							r.data = bytes.Clone(buf.Bytes())
						}
					}
				}
				results[i%n] <- r
			}
		})
	}
	go func() {
		defer close(tasks)
		for i := range sorted {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case tasks <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	defer wg.Wait()
	defer cancel()

	for i, e := range sorted {
		var r result
		select {
		case r = <-results[i%n]:
		case <-ctx.Done():
			return "", fmt.Errorf("output: build of %s stopped: %w", b.out, ctx.Err())
		}
		<-window
		if r.err != nil {
			return "", fmt.Errorf("output: zip: %w", r.err)
		}
		h := &zip.FileHeader{
			Name:               prefix + e.path,
			Method:             zip.Store,
			ModifiedDate:       zipDate,
			ModifiedTime:       zipTime,
			CRC32:              r.crc,
			CompressedSize64:   uint64(len(r.data)),
			UncompressedSize64: uint64(r.size),
		}
		if int64(len(r.data)) < r.size {
			h.Method = zip.Deflate
		}
		h.SetMode(0o644)
		w, err := zw.CreateRaw(h)
		if err == nil {
			_, err = w.Write(r.data)
		}
		if err != nil {
			return "", fmt.Errorf("output: zip: %w", err)
		}
	}
	err = zw.Close()
	if err == nil {
		err = bw.Flush()
	}
	if err1 := f.Close(); err == nil {
		err = err1
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err != nil {
		return "", fmt.Errorf("output: zip: %w", err)
	}
	ok = true
	return f.Name(), nil
}

// renameZip puts the zip written by zip in place.
func (b *build) renameZip(tmp string) error {
	if tmp == "" {
		return nil
	}
	if err := os.Rename(tmp, b.opt.Zip); err != nil {
		return fmt.Errorf("output: the site is in place, but the zip is not: %w", err)
	}
	return nil
}
