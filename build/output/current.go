package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// Current reports whether out holds the build of key as a Write with
// Options.InputKey = key left it: its manifest records key and this
// minifier, no commit is pending, and every file the manifest lists is
// there, a regular file of its recorded size. A file edited by hand to the
// same size goes unnoticed; a full build (Options.Full) rewrites
// everything.
//
// When it is current, Current returns the build's totals, with
// Stats.Current set, and the caller need not make the files at all: a
// rebuild with nothing changed costs reading the inputs and one stat per
// file. An error means out cannot be read or another build holds it.
func Current(out, key string) (Stats, bool, error) {
	if key == "" {
		return Stats{}, false, nil
	}
	out, err := cleanOut(out)
	if err != nil {
		return Stats{}, false, err
	}
	if _, err := os.Stat(filepath.Join(out, stateDir)); err != nil {
		return Stats{}, false, nil // no previous build
	}
	unlock, err := lock(out)
	if err != nil {
		return Stats{}, false, err
	}
	defer unlock()
	state := filepath.Join(out, stateDir)
	if exists(filepath.Join(state, journalName)) {
		return Stats{}, false, nil // a commit to finish: Write recovers it
	}
	// A manifest of other inputs is read no further than its first line.
	ours := func(m *manifest) bool { return m.key == key && m.fingerprint == fingerprint }
	m, err := readManifest(filepath.Join(state, manifestName), ours)
	if errors.Is(err, fs.ErrNotExist) || m == nil {
		return Stats{}, false, nil
	} else if err != nil {
		return Stats{}, false, err
	}
	if !ours(m) {
		return Stats{}, false, nil
	}
	st := Stats{Kinds: map[string]Count{}, Current: true}
	for _, r := range m.records {
		fi, err := os.Lstat(filepath.Join(out, filepath.FromSlash(r.path)))
		if err != nil || !fi.Mode().IsRegular() || fi.Size() != r.size {
			return Stats{}, false, nil
		}
		st.Total.Files++
		st.Total.Bytes += r.size
	}
	st.Unchanged = st.Total.Files
	return st, true, nil
}
