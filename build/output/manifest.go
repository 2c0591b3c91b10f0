package output

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// The manifest, out/.patentsite/manifest, lists the files of the build in
// out, sorted by path:
//
//	patentsite-manifest 2 minify@v2.24.25+html-keep-doc-end-quotes/1 [input=<key>]
//	<size> <input hash> <output hash> <path>
//	...
//
// Hashes are 32 hex digits. The first line names the format version, the
// minifier's fingerprint and, when the build was given one
// (Options.InputKey), the key of its inputs.
const (
	manifestName  = "manifest"
	manifestMagic = "patentsite-manifest"
	manifestVer   = "2" // 1 had SHA-256 hashes
)

// A manifest is the previous build, read back.
type manifest struct {
	records     []record // sorted by path
	fingerprint string   // of the minifier that wrote it
	trusted     bool     // input hashes were recorded by this minifier
	key         string   // Options.InputKey of the build that wrote it; "" for none
}

// same reports whether writing the manifest of sorted would change nothing.
func (m *manifest) same(sorted []*entry) bool {
	if m.fingerprint != fingerprint || len(m.records) != len(sorted) {
		return false
	}
	for i, e := range sorted {
		r := &m.records[i]
		if r.path != e.path || r.size != e.size || r.in != e.in || r.out != e.out {
			return false
		}
	}
	return true
}

// A record is one line of a manifest.
type record struct {
	path    string
	size    int64
	in, out sum
}

// lookup returns the record for path p, or nil.
func (m *manifest) lookup(p string) *record {
	i, ok := slices.BinarySearchFunc(m.records, p, func(r record, p string) int { return strings.Compare(r.path, p) })
	if !ok {
		return nil
	}
	return &m.records[i]
}

// readPrevious looks at out before a build. It returns the previous build's
// manifest when the build can be incremental, nil for a full build, and an
// error when out must not be replaced.
func readPrevious(out string, full bool) (*manifest, error) {
	fi, err := os.Stat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("output: %s is not a directory", out)
	}
	if _, err := os.Stat(filepath.Join(out, stateDir)); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("output: %w", err)
		}
		empty, err := isEmpty(out)
		if err != nil {
			return nil, fmt.Errorf("output: %w", err)
		}
		if !empty {
			return nil, fmt.Errorf("output: %s is not empty and was not written by patentsite (it has no %s directory); remove it or choose another directory", out, stateDir)
		}
		return nil, nil
	}
	if full {
		return nil, nil
	}
	m, err := readManifest(filepath.Join(out, stateDir, manifestName), nil)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil // a build that never finished: build afresh
	}
	return m, err
}

func isEmpty(dir string) (bool, error) {
	f, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer f.Close()
	_, err = f.Readdirnames(1)
	if err == io.EOF {
		return true, nil
	}
	return false, err
}

// readManifest reads the manifest name. When more is not nil and says no
// to the header (version, fingerprint, key), the records are not read.
func readManifest(name string, more func(*manifest) bool) (*manifest, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m := &manifest{}
	s := bufio.NewScanner(f)
	s.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	bad := func(why string) error {
		return fmt.Errorf("output: %s:%d: %s (use a full build to start afresh)", name, line, why)
	}
	for s.Scan() {
		line++
		text := s.Bytes()
		if line == 1 {
			f := strings.Fields(string(text))
			if len(f) < 3 || len(f) > 4 || f[0] != manifestMagic {
				return nil, bad("not a patentsite manifest")
			}
			if f[1] != manifestVer {
				return nil, nil // another format: build afresh
			}
			if len(f) == 4 {
				key, ok := strings.CutPrefix(f[3], "input=")
				if !ok {
					return nil, bad("not a patentsite manifest")
				}
				m.key = key
			}
			m.fingerprint = f[2]
			m.trusted = f[2] == fingerprint && knownMinifier
			if more != nil && !more(m) {
				return m, nil
			}
			continue
		}
		var r record
		var ok bool
		if r, ok = parseRecord(text); !ok {
			return nil, bad("malformed line")
		}
		if n := len(m.records); n > 0 && m.records[n-1].path >= r.path {
			return nil, bad("not sorted by path")
		}
		m.records = append(m.records, r)
	}
	if err := s.Err(); err != nil {
		return nil, fmt.Errorf("output: reading %s: %w", name, err)
	}
	if line == 0 {
		return nil, bad("empty")
	}
	return m, nil
}

func parseRecord(line []byte) (record, bool) {
	var r record
	size, rest, ok := bytes.Cut(line, []byte{' '})
	if !ok {
		return r, false
	}
	n, err := strconv.ParseInt(string(size), 10, 64)
	if err != nil || n < 0 {
		return r, false
	}
	r.size = n
	const h = 2 * len(sum{})
	if len(rest) < 2*h+3 || rest[h] != ' ' || rest[2*h+1] != ' ' {
		return r, false
	}
	if _, err := hex.Decode(r.in[:], rest[:h]); err != nil {
		return r, false
	}
	if _, err := hex.Decode(r.out[:], rest[h+1:2*h+1]); err != nil {
		return r, false
	}
	r.path = string(rest[2*h+2:])
	return r, checkPath(r.path) == nil
}

// writeManifest writes the manifest of sorted entries to name.
func writeManifest(name string, sorted []*entry, key string) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 64<<10)
	fmt.Fprintf(w, "%s %s %s", manifestMagic, manifestVer, fingerprint)
	if key != "" {
		fmt.Fprintf(w, " input=%s", key)
	}
	w.WriteByte('\n')
	var buf []byte
	for _, e := range sorted {
		buf = strconv.AppendInt(buf[:0], e.size, 10)
		buf = append(buf, ' ')
		buf = hex.AppendEncode(buf, e.in[:])
		buf = append(buf, ' ')
		buf = hex.AppendEncode(buf, e.out[:])
		buf = append(buf, ' ')
		buf = append(buf, e.path...)
		buf = append(buf, '\n')
		w.Write(buf)
	}
	err = w.Flush()
	if err1 := f.Close(); err == nil {
		err = err1
	}
	return err
}
