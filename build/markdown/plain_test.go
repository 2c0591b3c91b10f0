package markdown

import (
	"bytes"
	"io/fs"
	"os"
	"testing"

	"github.com/patentsite/patentsite"
	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/corpus"
)

// goldmarkHTML is HTML without the fast path.
func goldmarkHTML(t testing.TB, src string) string {
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// samePlain checks plainParagraph against goldmark on src.
func samePlain(t testing.TB, src string) bool {
	t.Helper()
	got, ok := plainParagraph(src)
	if ok {
		if want := goldmarkHTML(t, src); got != want {
			t.Errorf("plainParagraph(%q) = %q, goldmark gives %q", src, got, want)
		}
	}
	return ok
}

func TestPlainParagraph(t *testing.T) {
	for _, tt := range []struct {
		in    string
		plain bool
	}{
		{"A ledger", true},
		{`AT\&T \<b\> \"q\" \' \\ \* \[1\] \$x\$`, true},
		{"two  spaces   inside", true},
		{"区块链 数据处理 ünïcode", true},
		{"\u00a0nbsp at the ends\u00a0", true},
		{"\u3000ideographic space\u3000", true},
		{"", false},
		{" leading", false},
		{"trailing ", false},
		{"two\nlines", false},
		{"tab\there", false},
		{"**strong**", true},
		{"A **blockchain**\\-based **区块链** x", true},
		{"\\(**a**\\) **1** **b**", true},
		{"a**b**", false},
		{"**a** **b", false},
		{"***a***", false},
		{"**\\*a**", false},
		{"** a**", false},
		{"**a **", false},
		{"**a**b", false},
		{"AT&T", false},
		{`back\slash`, false},
		{`ends with \`, false},
		{"a\x00b", false},
	} {
		if got := samePlain(t, tt.in); got != tt.plain {
			t.Errorf("plainParagraph(%q): ok = %v, want %v", tt.in, got, tt.plain)
		}
	}
}

// TestPlainAbstracts compares the fast path with goldmark on every
// abstract of the seed and the hostile corpus (and of the corpus named by
// PATENTSITE_BENCH_CORPUS), and wants it taken for most of the seed's.
func TestPlainAbstracts(t *testing.T) {
	seed, err := fs.ReadFile(patentsite.Content(), patentsite.DefaultCorpus)
	if err != nil {
		t.Fatal(err)
	}
	hostile, err := os.ReadFile("../../testdata/hostile.txt")
	if err != nil {
		t.Fatal(err)
	}
	corpora := map[string][]byte{"seed": seed, "hostile": hostile}
	if p := os.Getenv("PATENTSITE_BENCH_CORPUS"); p != "" {
		if corpora[p], err = os.ReadFile(p); err != nil {
			t.Fatal(err)
		}
	}
	for name, data := range corpora {
		recs, _ := corpus.Parse(name, data)
		c := catalog.Build(recs, nil)
		plain := 0
		for _, p := range c.Patents {
			if samePlain(t, p.AbstractMarkdown()) {
				plain++
			}
		}
		t.Logf("%s: %d of %d abstracts take the fast path", name, plain, len(c.Patents))
		if name == "seed" && plain < len(c.Patents)/2 {
			t.Errorf("seed: only %d of %d abstracts take the fast path", plain, len(c.Patents))
		}
	}
}

func FuzzPlainParagraph(f *testing.F) {
	for _, s := range []string{"A ledger", `AT\&T \<b\>`, "\u00a0x\u00a0", `a\\b`, "x  y", "**a** b", `\(**a**\)`, "**é**"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { samePlain(t, s) })
}
