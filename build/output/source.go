package output

import (
	"io/fs"
	"iter"
	"path"
)

// FS yields the files of fsys, in lexical order, as files of the given
// kind under dir in the site ("" for the root): FS(patentsite.Assets(),
// "assets", "asset").
func FS(fsys fs.FS, dir, kind string) iter.Seq2[File, error] {
	return func(yield func(File, error) bool) {
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			if !yield(File{Path: path.Join(dir, p), Kind: kind, Data: data}, nil) {
				return fs.SkipAll
			}
			return nil
		})
		if err != nil {
			yield(File{}, err)
		}
	}
}

// Concat yields the files of each sequence in turn.
func Concat(seqs ...iter.Seq2[File, error]) iter.Seq2[File, error] {
	return func(yield func(File, error) bool) {
		for _, seq := range seqs {
			for f, err := range seq {
				if !yield(f, err) {
					return
				}
			}
		}
	}
}
