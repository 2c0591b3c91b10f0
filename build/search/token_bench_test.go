package search

import (
	"io/fs"
	"testing"

	"github.com/patentsite/patentsite"
)

func BenchmarkTokenize(b *testing.B) {
	data, err := fs.ReadFile(patentsite.Content(), patentsite.DefaultCorpus)
	if err != nil {
		b.Fatal(err)
	}
	s := string(data)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		n := 0
		tokenize(s, func(term []byte, _, _ int, _ bool) bool { n++; return true })
	}
}
