package render

import (
	"os"
	"runtime"
	"sync"
	"testing"

	"github.com/patentsite/patentsite"
	"github.com/patentsite/patentsite/build/catalog"
)

// The render benchmarks run on the seed, or with PATENTSITE_BENCH_CORPUS on
// a corpus made by ../shared/tools/scale-corpus:
//
//	../shared/tools/scale-corpus --records 10000 > /tmp/c10k.txt
//	PATENTSITE_BENCH_CORPUS=/tmp/c10k.txt go test -run '^$' -bench . -benchtime 1x ./build/render
//
// They report ns/page, cpu-ns/page (user and system CPU time: the machine
// may be shared, and BenchmarkSite* render on every core) and allocs/page
// beside the usual per-op figures.

var benchCat = struct {
	sync.Mutex
	m map[string]*catalog.Catalog
}{m: map[string]*catalog.Catalog{}}

// benchCatalog loads the seed ("") or the corpus at path, once per process.
func benchCatalog(b *testing.B, path string) *catalog.Catalog {
	b.Helper()
	benchCat.Lock()
	defer benchCat.Unlock()
	if c := benchCat.m[path]; c != nil {
		return c
	}
	var data []byte
	if path != "" {
		var err error
		if data, err = os.ReadFile(path); err != nil {
			b.Fatal(err)
		}
	}
	c := loadCatalog(b, path, data)
	benchCat.m[path] = c
	return c
}

func benchConfig() Config {
	return Config{
		Templates:   patentsite.Templates(),
		Assets:      patentsite.Assets(),
		Content:     patentsite.Content(),
		PatentFiles: []string{"index.json", "cite.ris", "cite.bib"},
	}
}

func largeCorpus(b *testing.B) string {
	path := os.Getenv("PATENTSITE_BENCH_CORPUS")
	if path == "" {
		b.Skip("PATENTSITE_BENCH_CORPUS not set")
	}
	return path
}

// BenchmarkSiteSeed renders every page of the seed on all cores; one op is
// the whole site.
func BenchmarkSiteSeed(b *testing.B) { benchmarkSite(b, benchCatalog(b, "")) }

// BenchmarkSiteLarge renders every page of the large corpus.
func BenchmarkSiteLarge(b *testing.B) { benchmarkSite(b, benchCatalog(b, largeCorpus(b))) }

func benchmarkSite(b *testing.B, c *catalog.Catalog) {
	cfg := benchConfig()
	b.ReportAllocs()
	pages, bytes := 0, 0
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu := cpuTime()
	for b.Loop() {
		for f, err := range Site(c, cfg) {
			if err != nil {
				b.Fatal(err)
			}
			if f.Kind != "asset" {
				pages++
				bytes += len(f.Data)
			}
		}
	}
	cpu = cpuTime() - cpu
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(pages), "ns/page")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(pages), "cpu-ns/page")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(pages), "allocs/page")
	b.ReportMetric(float64(bytes)/float64(pages), "B/page")
}

// BenchmarkPatentSeed renders the patent pages of the seed one after the
// other on one core; one op is one page.
func BenchmarkPatentSeed(b *testing.B) { benchmarkPatents(b, benchCatalog(b, "")) }

// BenchmarkPatentLarge renders the patent pages of the large corpus.
func BenchmarkPatentLarge(b *testing.B) { benchmarkPatents(b, benchCatalog(b, largeCorpus(b))) }

func benchmarkPatents(b *testing.B, c *catalog.Catalog) {
	r, err := newRenderer(c, benchConfig())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i, bytes := 0, 0
	cpu := cpuTime()
	for b.Loop() {
		f, err := r.patent(c.Patents[i%len(c.Patents)])
		if err != nil {
			b.Fatal(err)
		}
		bytes += len(f.Data)
		i++
	}
	b.ReportMetric(float64((cpuTime()-cpu).Nanoseconds())/float64(i), "cpu-ns/page")
	b.ReportMetric(float64(bytes)/float64(i), "B/page")
}
