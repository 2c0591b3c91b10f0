package catalog

import (
	"os"
	"testing"

	"github.com/patentsite/patentsite/build/corpus"
)

func loadSeed(t testing.TB) ([]corpus.Record, *Aliases) {
	t.Helper()
	data, err := os.ReadFile("../../content/000_04432fcfb20ee3f1.txt")
	if err != nil {
		t.Fatal(err)
	}
	recs, _ := corpus.Parse("content/000_04432fcfb20ee3f1.txt", data)
	ad, err := os.ReadFile("../../content/aliases.txt")
	if err != nil {
		t.Fatal(err)
	}
	al, _ := ParseAliases("content/aliases.txt", ad)
	return recs, al
}

func BenchmarkBuildSeed(b *testing.B) {
	recs, al := loadSeed(b)
	b.ReportAllocs()
	for b.Loop() {
		Build(recs, al)
	}
}

// BenchmarkBuildLarge builds the catalog of a corpus made with
// ../shared/tools/scale-corpus, named by PATENTSITE_BENCH_CORPUS:
//
//	PATENTSITE_BENCH_CORPUS=/tmp/c100k.txt go test -run '^$' -bench BuildLarge -benchtime 3x ./build/catalog
func BenchmarkBuildLarge(b *testing.B) {
	path := os.Getenv("PATENTSITE_BENCH_CORPUS")
	if path == "" {
		b.Skip("PATENTSITE_BENCH_CORPUS not set")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	recs, _ := corpus.Parse("large", data)
	_, al := loadSeed(b)
	b.ReportAllocs()
	for b.Loop() {
		Build(recs, al)
	}
}
