package output

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Files in out/.patentsite during an incremental build.
const (
	stageName       = "stage"        // new and changed files, until the commit
	backupName      = "backup"       // replaced and deleted files, during the commit
	journalName     = "journal"      // the commit's plan; exists while it runs
	newManifestName = "manifest.new" // renamed to manifest: the commit point
	journalMagic    = "patentsite-journal 1"
)

// An op is one step of a commit.
type op struct {
	kind byte // opDelete, opChange or opNew
	path string
}

const (
	opDelete = 'D' // out/p → backup/p
	opChange = 'C' // out/p → backup/p, stage/p → out/p
	opNew    = 'N' // stage/p → out/p
)

// incremental builds the site in place, writing only what changed.
func (b *build) incremental(ctx context.Context, files iter.Seq2[File, error]) (Stats, error) {
	state := filepath.Join(b.out, stateDir)
	stage := filepath.Join(state, stageName)
	if err := os.Mkdir(stage, 0o755); err != nil {
		return Stats{}, fmt.Errorf("output: %w", err)
	}
	defer func() {
		// While a journal is left (a failed rollback), the stage tells
		// rollback which files were moved in.
		if !b.killed.Load() && !exists(filepath.Join(state, journalName)) {
			os.RemoveAll(stage)
		}
	}()
	b.dir = stage

	if err := b.produce(ctx, files); err != nil {
		return Stats{}, err
	}
	var sorted []*entry
	var wg sync.WaitGroup
	wg.Go(func() { sorted = b.entries.sorted() }) // beside the link check, which needs no order
	where := func(e *entry) string {
		if e.written {
			return filepath.Join(stage, filepath.FromSlash(e.path))
		}
		return filepath.Join(b.out, filepath.FromSlash(e.path))
	}
	err := b.check(func(e *entry) ([]byte, error) { return os.ReadFile(where(e)) })
	wg.Wait()
	if err != nil {
		return Stats{}, err
	}

	// Plan: deletions first, so that a file may become a directory and back.
	var ops []op
	var deleted int
	old := b.old.records
	i := 0
	for _, e := range sorted {
		for i < len(old) && old[i].path < e.path {
			ops = append(ops, op{opDelete, old[i].path})
			i++
		}
		same := i < len(old) && old[i].path == e.path
		if e.written {
			kind := byte(opNew)
			if same {
				kind = opChange
			}
			ops = append(ops, op{kind, e.path})
		}
		if same {
			i++
		}
	}
	for ; i < len(old); i++ {
		ops = append(ops, op{opDelete, old[i].path})
	}
	var changes []op
	for _, o := range ops {
		if o.kind == opDelete {
			ops[deleted] = o
			deleted++
		} else {
			changes = append(changes, o)
		}
	}
	ops = append(ops[:deleted], changes...)

	zipTmp, err := b.zip(ctx, sorted, where)
	if err != nil {
		return Stats{}, err
	}
	defer os.Remove(zipTmp)
	if err := ctx.Err(); err != nil {
		return Stats{}, fmt.Errorf("output: build of %s stopped: %w", b.out, err)
	}

	if len(ops) > 0 || !b.old.same(sorted) || b.old.key != b.opt.InputKey {
		newManifest := filepath.Join(state, newManifestName)
		if err := writeManifest(newManifest, sorted, b.opt.InputKey); err != nil {
			return Stats{}, fmt.Errorf("output: writing the manifest: %w", err)
		}
		if err := b.commit(ops); err != nil {
			return Stats{}, err
		}
	}
	if err := b.renameZip(zipTmp); err != nil {
		return Stats{}, err
	}
	st := b.stats(sorted)
	st.Deleted = deleted
	return st, nil
}

// commit applies ops to out under a journal, then renames the new manifest
// into place. On an error it rolls back.
func (b *build) commit(ops []op) error {
	out := b.out
	state := filepath.Join(out, stateDir)
	if err := writeJournal(state, ops); err != nil {
		return fmt.Errorf("output: writing the journal: %w", err)
	}
	err := apply(out, ops, b.faults)
	if errors.Is(err, errKilled) {
		b.killed.Store(true)
		return err
	}
	if err == nil {
		err = os.Rename(filepath.Join(state, newManifestName), filepath.Join(state, manifestName))
	}
	if err == nil && errors.Is(b.faults.commit(len(ops)+1), errKilled) {
		b.killed.Store(true)
		return errKilled
	}
	if err != nil {
		if rerr := recoverLocked(out); rerr != nil {
			return fmt.Errorf("output: commit failed: %w; rolling back failed too: %v (the next build will retry)", err, rerr)
		}
		return fmt.Errorf("output: commit failed, previous site restored: %w", err)
	}
	// Past the commit point: what is left is clean-up.
	os.Remove(filepath.Join(state, journalName))
	os.RemoveAll(filepath.Join(state, backupName))
	return nil
}

// apply carries out the ops in order.
func apply(out string, ops []op, f *faults) error {
	state := filepath.Join(out, stateDir)
	site := func(p string) string { return filepath.Join(out, filepath.FromSlash(p)) }
	backup := func(p string) string { return filepath.Join(state, backupName, filepath.FromSlash(p)) }
	stage := func(p string) string { return filepath.Join(state, stageName, filepath.FromSlash(p)) }
	pruned := false
	for i, o := range ops {
		if err := f.commit(i); err != nil {
			return err
		}
		if o.kind != opDelete && !pruned {
			// Directories emptied by deletions go, as in a full build.
			for j := i - 1; j >= 0; j-- {
				prune(out, ops[j].path)
			}
			pruned = true
		}
		var err error
		if o.kind != opNew {
			// A file removed from out by hand is already gone.
			if err = move(site(o.path), backup(o.path)); errors.Is(err, fs.ErrNotExist) {
				err = nil
			}
		}
		if err == nil && o.kind != opDelete {
			err = move(stage(o.path), site(o.path))
		}
		if err != nil {
			return fmt.Errorf("%s: %w", o.path, err)
		}
	}
	if !pruned {
		for j := len(ops) - 1; j >= 0; j-- {
			prune(out, ops[j].path)
		}
	}
	return f.commit(len(ops))
}

// rollback undoes ops, whichever of them were done, in reverse order. It can
// run again after being interrupted.
func rollback(out string, ops []op) error {
	state := filepath.Join(out, stateDir)
	for i := len(ops) - 1; i >= 0; i-- {
		p := filepath.FromSlash(ops[i].path)
		site := filepath.Join(out, p)
		backup := filepath.Join(state, backupName, p)
		// A new or changed file moved in (its stage is empty) goes; an old
		// one moved out (it is in the backup) comes back.
		kind := ops[i].kind
		if kind != opDelete && !exists(filepath.Join(state, stageName, p)) {
			if err := os.Remove(site); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			prune(out, ops[i].path)
		}
		if kind != opNew && exists(backup) {
			if err := move(backup, site); err != nil {
				return err
			}
		}
	}
	return nil
}

// move renames a file, making the directories it goes into.
func move(from, to string) error {
	err := os.Rename(from, to)
	if errors.Is(err, fs.ErrNotExist) && exists(from) {
		if err = os.MkdirAll(filepath.Dir(to), 0o755); err == nil {
			err = os.Rename(from, to)
		}
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// prune removes the directories of site path p that are empty, deepest
// first, up to out.
func prune(out, p string) {
	for d := pathDir(p); d != ""; d = pathDir(d) {
		if os.Remove(filepath.Join(out, filepath.FromSlash(d))) != nil {
			return
		}
	}
}

func pathDir(p string) string {
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return ""
	}
	return p[:i]
}

func exists(name string) bool {
	_, err := os.Lstat(name)
	return err == nil
}

func writeJournal(state string, ops []op) error {
	tmp := filepath.Join(state, journalName+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	w.WriteString(journalMagic + "\n")
	for _, o := range ops {
		w.WriteByte(o.kind)
		w.WriteByte(' ')
		w.WriteString(o.path)
		w.WriteByte('\n')
	}
	err = w.Flush()
	if err1 := f.Close(); err == nil {
		err = err1
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(state, journalName))
	}
	return err
}

func readJournal(name string) ([]op, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	s.Buffer(make([]byte, 64<<10), 1<<20)
	var ops []op
	for line := 1; s.Scan(); line++ {
		t := s.Text()
		if line == 1 {
			if t != journalMagic {
				return nil, fmt.Errorf("%s: not a patentsite journal", name)
			}
			continue
		}
		if len(t) < 3 || t[1] != ' ' || !strings.ContainsRune("DCN", rune(t[0])) || checkPath(t[2:]) != nil {
			return nil, fmt.Errorf("%s:%d: malformed line", name, line)
		}
		ops = append(ops, op{t[0], t[2:]})
	}
	return ops, s.Err()
}

// Recover puts out back in a consistent state after a build was killed:
// it rolls back an interrupted commit (or finishes one past its commit
// point) and removes the temporary files such a build left. Write does this
// before anything else; call Recover to repair out without building.
func Recover(out string) error {
	out, err := cleanOut(out)
	if err != nil {
		return err
	}
	unlock, err := lock(out)
	if err != nil {
		return err
	}
	defer unlock()
	return recoverLocked(out)
}

// recoverLocked is Recover under the lock.
func recoverLocked(out string) error {
	wrap := func(err error) error {
		if err == nil {
			return nil
		}
		return fmt.Errorf("output: recovering %s: %w", out, err)
	}
	// A full build killed between its two renames.
	old := out + oldSuffix
	if exists(old) {
		if !exists(out) {
			if err := os.Rename(old, out); err != nil {
				return wrap(err)
			}
		} else if err := os.RemoveAll(old); err != nil {
			return wrap(err)
		}
	}
	// New trees of killed full builds, and old trees being removed.
	tmps, err := filepath.Glob(globEscape(out+tmpSuffix) + "*")
	if err != nil {
		return wrap(err)
	}
	for _, t := range tmps {
		if err := os.RemoveAll(t); err != nil {
			return wrap(err)
		}
	}
	// An interrupted incremental commit. Until the new manifest is renamed
	// into place, roll back; after, only clean up.
	state := filepath.Join(out, stateDir)
	journal := filepath.Join(state, journalName)
	if exists(journal) {
		if exists(filepath.Join(state, newManifestName)) {
			ops, err := readJournal(journal)
			if err != nil {
				return wrap(err)
			}
			if err := rollback(out, ops); err != nil {
				return wrap(err)
			}
		}
		if err := os.Remove(journal); err != nil { // done: the tree is consistent
			return wrap(err)
		}
	}
	for _, name := range []string{stageName, backupName, newManifestName, journalName + ".tmp"} {
		if err := os.RemoveAll(filepath.Join(state, name)); err != nil {
			return wrap(err)
		}
	}
	return nil
}

// globEscape escapes the characters special to filepath.Match.
func globEscape(s string) string {
	var b strings.Builder
	for _, c := range s {
		if strings.ContainsRune(`*?[\`, c) {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	return b.String()
}
