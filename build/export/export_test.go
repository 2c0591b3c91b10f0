package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/corpus"
	"github.com/patentsite/patentsite/build/internal/golden"
)

func seed(t testing.TB) *catalog.Catalog {
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
	al, _ := catalog.ParseAliases("content/aliases.txt", ad)
	return catalog.Build(recs, al)
}

// TestGolden compares the machine-readable catalog of the seed export with
// testdata/*.golden; -update rewrites them (review the diff: it is the
// whole catalog, record by record).
func TestGolden(t *testing.T) {
	c := seed(t)
	for _, f := range []struct {
		name string
		gen  func(*catalog.Catalog) ([]byte, error)
	}{
		{"patents.json.golden", PatentsJSON},
		{"assignees.json.golden", AssigneesJSON},
		{"classifications.json.golden", ClassificationsJSON},
		{"patents.csv.golden", PatentsCSV},
	} {
		data, err := f.gen(c)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.HasSuffix([]byte(f.name), []byte(".json.golden")) {
			// Indent for reviewable diffs; the bytes written are compact.
			var buf bytes.Buffer
			if err := json.Indent(&buf, data, "", " "); err != nil {
				t.Fatalf("%s: %v", f.name, err)
			}
			data = buf.Bytes()
		}
		golden.Check(t, f.name, data)
	}
}

// TestPatentsSchema checks the keys issue 3 fixes for api/patents.json.
func TestPatentsSchema(t *testing.T) {
	data, err := PatentsJSON(seed(t))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Patents []map[string]json.RawMessage `json:"patents"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Patents) != 267 {
		t.Fatalf("patents = %d, want 267", len(doc.Patents))
	}
	keys := []string{"id", "country", "number", "kind", "title", "lang", "primary_assignee", "assignees", "assignees_certain",
		"assignees_raw", "inventors", "inventors_certain", "inventors_raw", "priorities", "earliest_priority", "publication_date",
		"ipc", "cpc", "family", "abstract", "abstract_provenance", "drawings", "url", "source"}
	for _, p := range doc.Patents {
		for _, k := range keys {
			if _, ok := p[k]; !ok {
				t.Fatalf("patent %s lacks key %q", p["id"], k)
			}
		}
	}
	var first Patent
	if err := json.Unmarshal(mustMarshal(t, doc.Patents[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first.ID != "EP3628093A2" || first.URL != "patent/EP3628093A2/" || first.Source.Line != 306 ||
		first.PublicationDate != "2020-04-01" || first.EarliestPriority != "2019-04-30" || len(first.Family) != 9 {
		t.Errorf("first patent = %+v", first)
	}
}

func mustMarshal(t *testing.T, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCSV(t *testing.T) {
	data, err := PatentsCSV(seed(t))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 268 || !slices.Equal(rows[0], csvHeader) {
		t.Fatalf("rows = %d, header %q", len(rows), rows[0])
	}
	for _, tt := range []struct{ in, want string }{
		{"=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"},
		{"+1", "'+1"},
		{"@SUM", "'@SUM"},
		{"-2", "'-2"},
		{"plain", "plain"},
	} {
		if got := defuse(tt.in); got != tt.want {
			t.Errorf("defuse(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
