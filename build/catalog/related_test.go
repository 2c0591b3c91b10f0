package catalog

import (
	"cmp"
	"math"
	"os"
	"slices"
	"testing"

	"github.com/patentsite/patentsite/build/corpus"
)

// relatedBySort is Related as first written: every candidate scored in a
// map and the whole set sorted. Related must give the same patents.
func relatedBySort(c *Catalog, p *Patent, n int) []*Patent {
	total := float64(len(c.Patents))
	score := map[*Patent]float64{}
	add := func(ps []*Patent, w float64) {
		if len(ps) > relatedCap || len(ps) < 2 {
			return
		}
		idf := w * math.Log(1+total/float64(len(ps)))
		for _, q := range ps {
			if q != p {
				score[q] += idf
			}
		}
	}
	seen := map[*Node]bool{}
	for _, cls := range [][]Class{p.CPC, p.IPC} {
		for _, cl := range cls {
			add(cl.Node.Patents, 1)
			if g := cl.Node.Parent; g != nil && !seen[g] {
				seen[g] = true
				add(g.Patents, 1.0/3)
			}
		}
	}
	if p.Primary != nil {
		add(p.Primary.Patents, 1.5)
	}
	out := make([]*Patent, 0, len(score))
	for q := range score {
		out = append(out, q)
	}
	slices.SortFunc(out, func(a, b *Patent) int {
		return cmp.Or(cmp.Compare(score[b], score[a]), cmp.Compare(a.Seq, b.Seq))
	})
	return out[:min(n, len(out))]
}

// TestRelatedBySort checks the bounded selection against a full sort, for
// every patent of the seed and several n, twice over so that the reused
// scratch space is seen to start clean.
func TestRelatedBySort(t *testing.T) {
	c := seedCatalog(t)
	for range 2 {
		for _, n := range []int{0, 1, 3, 5, 6, 20} {
			for _, p := range c.Patents {
				got, want := c.Related(p, n), relatedBySort(c, p, n)
				if !slices.Equal(got, want) {
					t.Fatalf("Related(%s, %d) = %v, want %v", p.ID, n, ids(got), ids(want))
				}
			}
		}
	}
}

func ids(ps []*Patent) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.ID)
	}
	return out
}

func BenchmarkRelatedSeed(b *testing.B) {
	benchmarkRelated(b, seedCatalog(b))
}

// BenchmarkRelatedLarge ranks the related patents of every patent of the
// corpus named by PATENTSITE_BENCH_CORPUS (see BenchmarkBuildLarge); one
// op is one call.
func BenchmarkRelatedLarge(b *testing.B) {
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
	benchmarkRelated(b, Build(recs, al))
}

func benchmarkRelated(b *testing.B, c *Catalog) {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c.Related(c.Patents[i%len(c.Patents)], 5)
		i++
	}
}
