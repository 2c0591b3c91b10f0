package output

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"sync"
)

// Names next to out. Everything matching them is this package's, so a
// build may remove what a killed build left.
const (
	tmpSuffix = ".patentsite-tmp-" // + random: a new tree, or a zip
	oldSuffix = ".patentsite-old"  // the previous tree during a swap without RENAME_EXCHANGE
)

// full builds the site in a new tree next to out and swaps it in.
func (b *build) full(ctx context.Context, files iter.Seq2[File, error]) (Stats, error) {
	tmp, err := os.MkdirTemp(filepath.Dir(b.out), filepath.Base(b.out)+tmpSuffix+"*")
	if err != nil {
		return Stats{}, fmt.Errorf("output: %w", err)
	}
	defer func() {
		if !b.killed.Load() {
			os.RemoveAll(tmp) // fails harmlessly after the swap
		}
	}()
	if err := os.Mkdir(filepath.Join(tmp, stateDir), 0o755); err != nil {
		return Stats{}, fmt.Errorf("output: %w", err)
	}
	b.dir = tmp

	if err := b.produce(ctx, files); err != nil {
		return Stats{}, err
	}
	// The link check needs no order: the entries are sorted and the
	// manifest written beside it (0.5 of the last 0.9 s at 100,000
	// patents, which ran on one core).
	var sorted []*entry
	var merr error
	var wg sync.WaitGroup
	wg.Go(func() {
		sorted = b.entries.sorted()
		merr = writeManifest(filepath.Join(tmp, stateDir, manifestName), sorted, b.opt.InputKey)
	})
	read := func(e *entry) ([]byte, error) { return os.ReadFile(filepath.Join(tmp, filepath.FromSlash(e.path))) }
	err = b.check(read)
	wg.Wait()
	if err != nil {
		return Stats{}, err
	}
	if merr != nil {
		return Stats{}, fmt.Errorf("output: writing the manifest: %w", merr)
	}
	zipTmp, err := b.zip(ctx, sorted, func(e *entry) string { return filepath.Join(tmp, filepath.FromSlash(e.path)) })
	if err != nil {
		return Stats{}, err
	}
	defer os.Remove(zipTmp)                      // fails harmlessly after the rename
	if err := os.Chmod(tmp, 0o755); err != nil { // MkdirTemp made it 0700
		return Stats{}, fmt.Errorf("output: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return Stats{}, fmt.Errorf("output: build of %s stopped: %w", b.out, err)
	}
	if err := b.swap(tmp); err != nil {
		return Stats{}, err
	}
	if err := b.renameZip(zipTmp); err != nil {
		return Stats{}, err
	}
	return b.stats(sorted), nil
}

// swap puts the tree tmp in place of out and removes the old tree.
func (b *build) swap(tmp string) error {
	out := b.out
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(tmp, out); err != nil {
			return fmt.Errorf("output: %w", err)
		}
		return nil
	}
	if !b.faults.noExchange {
		err := exchange(tmp, out)
		if err == nil {
			if err := os.RemoveAll(tmp); err != nil { // now the old tree
				return fmt.Errorf("output: the new site is in place, but removing the old one: %w", err)
			}
			return nil
		}
		if !errors.Is(err, errNoExchange) {
			return fmt.Errorf("output: %w", err)
		}
	}
	// Two renames: a build killed between them leaves no out but the old
	// tree, which recoverLocked renames back.
	old := out + oldSuffix
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if err := os.Rename(out, old); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if err := b.faults.swap(); err != nil {
		b.killed.Store(true)
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		if err1 := os.Rename(old, out); err1 != nil {
			return fmt.Errorf("output: %w; the previous site is in %s", err, old)
		}
		return fmt.Errorf("output: %w", err)
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("output: the new site is in place, but removing the old one: %w", err)
	}
	return nil
}

// check checks the links. read returns a file's content.
func (b *build) check(read func(*entry) ([]byte, error)) error {
	if b.links == nil {
		return nil
	}
	return b.links.check(int32(b.entries.n), b.entries.at, read)
}
