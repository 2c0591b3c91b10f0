package export

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/corpus"
	"github.com/patentsite/patentsite/build/urls"
)

// stdJSON is what encoding/json writes for v with HTML escaping off.
func stdJSON(t testing.TB, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestAppendPatent holds AppendPatent to encoding/json on every record of
// the seed export and of the hostile one (control characters, invalid
// UTF-8, line separators, markup in every field).
func TestAppendPatent(t *testing.T) {
	hostile, err := os.ReadFile("../../testdata/hostile.txt")
	if err != nil {
		t.Fatal(err)
	}
	recs, _ := corpus.Parse("testdata/hostile.txt", hostile)
	for name, c := range map[string]*catalog.Catalog{
		"seed":    seed(t),
		"hostile": catalog.Build(recs, nil),
	} {
		if len(c.Patents) == 0 {
			t.Fatalf("%s: no patents", name)
		}
		for _, p := range c.Patents {
			want := stdJSON(t, NewPatent(p))
			if got := AppendPatent(nil, p); !bytes.Equal(got, want) {
				t.Errorf("%s %s:\n got %s\nwant %s", name, p.ID, got, want)
			}
		}
	}
}

func TestAppendString(t *testing.T) {
	cases := []string{}
	// Every byte that needs care, at every place of the 8-byte runs.
	for _, c := range []string{"\x00", "\x1f", "\"", "\\", "\x7f", "\x80", "\xe2\x80\xa8", "é", "区", " ", "~"} {
		for i := range 17 {
			cases = append(cases, strings.Repeat("a", i)+c+strings.Repeat("b", 16-i))
		}
	}
	for _, s := range append(cases, []string{
		"", "plain", `quote " and \ backslash`, "<b>&amp;</b>", "tab\tnew\nline\rret",
		"\b\f\x00\x01\x1f\x7f", "line\u2028sep\u2029par", "bad \xff\xfe utf-8 \xe2\x80",
		"区块链", "emoji 🙂", "\xed\xa0\x80 surrogate", "end\xe2",
	}...) {
		want := stdJSON(t, s)
		if got := append(appendString(nil, s), '\n'); !bytes.Equal(got, want) {
			t.Errorf("appendString(%q) = %s, want %s", s, got, want)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	f.Add("a\u2028\xff\x00\"")
	f.Fuzz(func(t *testing.T, s string) {
		want := stdJSON(t, s)
		if got := append(appendString(nil, s), '\n'); !bytes.Equal(got, want) {
			t.Errorf("appendString(%q) = %s, want %s", s, got, want)
		}
	})
}

// BenchmarkPatentJSON compares AppendPatent with encoding/json on the seed
// export's records.
func BenchmarkPatentJSON(b *testing.B) {
	c := seed(b)
	b.Run("encoding-json", func(b *testing.B) {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		for b.Loop() {
			for _, p := range c.Patents {
				buf.Reset()
				if err := enc.Encode(NewPatent(p)); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("append", func(b *testing.B) {
		var buf []byte
		for b.Loop() {
			for _, p := range c.Patents {
				buf = AppendPatent(buf[:0], p)
			}
		}
	})
}

// TestClassificationsJSON holds the streamed api/classifications.json to
// encoding/json's encoding of the same []Class.
func TestClassificationsJSON(t *testing.T) {
	c := seed(t)
	tree := func(s *catalog.Scheme) []Class {
		out := []Class{}
		for _, n := range s.Nodes() {
			par := ""
			if n.Parent != nil {
				par = n.Parent.Code
			}
			out = append(out, Class{Code: n.Code, Display: n.Display(), Level: n.Level.String(), Parent: par,
				Count: len(n.Patents), Twin: n.Twin != nil, URL: urls.Dir(urls.Code(s.Name, n.Code)), Patents: ids(n.Patents)})
		}
		return out
	}
	want := stdJSON(t, struct {
		CPC []Class `json:"cpc"`
		IPC []Class `json:"ipc"`
	}{tree(c.CPC), tree(c.IPC)})
	if len(c.CPC.Nodes()) == 0 || len(c.IPC.Nodes()) == 0 {
		t.Fatal("no codes in the seed catalog")
	}
	got, err := ClassificationsJSON(c)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("classifications.json differs from encoding/json's:\n got %.300s\nwant %.300s", got, want)
	}
}
