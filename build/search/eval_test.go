package search_test

import (
	"bufio"
	"fmt"
	"net/url"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/patentsite/patentsite/build/internal/browser"
)

// Floors for the evaluation set, a little under the measured figures
// (docs/search.md). A change that lowers them must say why.
const (
	minSuccessAt1 = 0.95
	minMRRAt10    = 0.96
)

type evalQuery struct {
	kind, query string
	relevant    []string // empty: the query should find nothing
	line        int
}

func readEval(t *testing.T) []evalQuery {
	t.Helper()
	f, err := os.Open("../../testdata/search/eval.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []evalQuery
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			t.Fatalf("eval.tsv:%d: %d columns, want kind, query, ids", n, len(cols))
		}
		q := evalQuery{kind: cols[0], query: cols[1], line: n}
		if cols[2] != "-" {
			q.relevant = strings.Fields(cols[2])
		}
		out = append(out, q)
	}
	return out
}

// TestEval runs every query of testdata/search/eval.tsv through the search
// page in Chromium, reads the links of #results, and computes success@1
// and MRR@10, overall and by kind.
func TestEval(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	queries := readEval(t)
	if len(queries) < 60 {
		t.Errorf("eval.tsv has %d queries, want at least 60", len(queries))
	}
	ids := map[string]bool{}
	for _, p := range seedCatalog().Patents {
		ids[p.ID] = true
	}
	b := browser.Start(t)
	base := locations(t)["file"]
	type score struct{ n, success, rr float64 }
	byKind := map[string]*score{}
	var all score
	for _, q := range queries {
		for _, id := range q.relevant {
			if !ids[id] {
				t.Errorf("eval.tsv:%d: %s is not in the catalog", q.line, id)
			}
		}
		p := b.Open(t, base+"search/index.html?q="+url.QueryEscape(q.query))
		ready(p)
		got := shown(t, p)
		p.Close()
		success, rr := 0.0, 0.0
		if len(q.relevant) == 0 {
			if len(got) == 0 {
				success, rr = 1, 1
			}
		} else {
			for i, id := range got[:min(10, len(got))] {
				if slices.Contains(q.relevant, id) {
					rr = 1 / float64(i+1)
					if i == 0 {
						success = 1
					}
					break
				}
			}
		}
		if success < 1 {
			t.Logf("eval.tsv:%d %s %q: rank %s, got %v", q.line, q.kind, q.query, rank(rr), got[:min(3, len(got))])
		}
		s := byKind[q.kind]
		if s == nil {
			s = &score{}
			byKind[q.kind] = s
		}
		for _, s := range []*score{s, &all} {
			s.n++
			s.success += success
			s.rr += rr
		}
	}
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		s := byKind[k]
		t.Logf("%-9s %3.0f queries  success@1 %.3f  MRR@10 %.3f", k, s.n, s.success/s.n, s.rr/s.n)
	}
	t.Logf("%-9s %3.0f queries  success@1 %.3f  MRR@10 %.3f", "all", all.n, all.success/all.n, all.rr/all.n)
	if v := all.success / all.n; v < minSuccessAt1 {
		t.Errorf("success@1 = %.3f, want at least %.2f", v, minSuccessAt1)
	}
	if v := all.rr / all.n; v < minMRRAt10 {
		t.Errorf("MRR@10 = %.3f, want at least %.2f", v, minMRRAt10)
	}
}

func rank(rr float64) string {
	if rr == 0 {
		return "none in 10"
	}
	return fmt.Sprint(int(1/rr + 0.5))
}
