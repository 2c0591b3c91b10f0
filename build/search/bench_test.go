package search_test

import (
	"maps"
	"os"
	"slices"
	"testing"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/search"
	"github.com/patentsite/patentsite/build/site"
)

// benchCatalog loads the corpus named by $PATENTSITE_BENCH_CORPUS, or the
// seed.
func benchCatalog(b *testing.B) *catalog.Catalog {
	cfg := site.Config{}
	if path := os.Getenv("PATENTSITE_BENCH_CORPUS"); path != "" {
		src, err := site.ReadSource(path)
		if err != nil {
			b.Fatal(err)
		}
		cfg.Corpora = []site.Source{src}
	}
	c, _, err := site.Load(cfg)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// BenchmarkIndex builds the whole index of the seed, or of the corpus in
// $PATENTSITE_BENCH_CORPUS:
//
//	scale-corpus --records 100000 > /tmp/c100k.txt
//	PATENTSITE_BENCH_CORPUS=/tmp/c100k.txt go test -run '^$' -bench Index -benchtime 3x ./build/search
func BenchmarkIndex(b *testing.B) {
	c := benchCatalog(b)
	b.ResetTimer()
	var st search.Stats
	for b.Loop() {
		for _, err := range search.Index(c, search.Config{Stats: &st}) {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	for _, part := range slices.Sorted(maps.Keys(st.Parts)) {
		b.Logf("%-9s %6d files %9.1f KB", part, st.Parts[part].Files, float64(st.Parts[part].Bytes)/1e3)
	}
	b.Logf("%d docs, %d terms, %d postings, built in %v", st.Docs, st.Terms, st.Postings, st.Elapsed)
	b.ReportMetric(float64(st.Total.Bytes)/1e6, "MB")
	b.ReportMetric(float64(st.Total.Files), "files")
	b.ReportMetric(float64(st.Terms), "terms")
}
