package corpus

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf16"
)

func seedBytes(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// problem finds the first problem whose message contains text.
func problem(errs ErrorList, text string) *Error {
	for _, e := range errs {
		if strings.Contains(e.Error(), text) {
			return e
		}
	}
	return nil
}

func TestBadInput(t *testing.T) {
	seed := seedBytes(t)
	utf16le := func(s string) []byte {
		u := utf16.Encode([]rune(s))
		b := []byte{0xFF, 0xFE}
		for _, c := range u {
			b = append(b, byte(c), byte(c>>8))
		}
		return b
	}
	latin1 := func(s string) []byte {
		var b []byte
		for _, r := range s {
			if r < 256 {
				b = append(b, byte(r))
			} else {
				b = append(b, '?')
			}
		}
		return b
	}
	for _, tt := range []struct {
		name    string
		data    []byte
		records int    // records expected
		fatal   bool   // an error (not only warnings) is expected
		msg     string // a problem must contain this
		line    int    // … on this line (0: any)
	}{
		{name: "empty", data: nil, fatal: true, msg: "empty file"},
		{name: "blank", data: []byte("\n\n  \n"), fatal: true, msg: "holds no text"},
		{name: "binary", data: append([]byte("267 Documents\n"), 0, 1, 2, 3), fatal: true, msg: "binary data", line: 2},
		{name: "crlf", data: bytes.ReplaceAll(seed, []byte("\n"), []byte("\r\n")), records: 267},
		{name: "utf16", data: utf16le(string(seed)), records: 267, msg: "UTF-16"},
		{name: "latin1", data: latin1(string(seed)), records: 267, msg: "Latin-1"},
		{name: "truncated in a record", data: seed[:len(seed)/2], records: 108, fatal: true, msg: "has no record in the record section"},
		{name: "truncated in the index", data: seed[:2000], fatal: true, msg: "no record found"},
		{name: "no index table", data: seed[bytes.Index(seed, []byte("Method and device for avoiding")):], records: 267, msg: "no index table"},
		{name: "huge line", data: []byte(strings.Replace(string(seed), "Disclosed herein are methods", strings.Repeat("x", 5<<20)+" Disclosed", 1)), records: 267},
		{name: "duplicate record", data: append(append([]byte{}, seed...), seed[bytes.Index(seed, []byte("Method and device for avoiding")):bytes.Index(seed, []byte("System and method for **blockchain**"))]...), records: 268,
			msg: "not in the index table"},
		{name: "garbage number", data: []byte("1 Documents\n\nPublication numbers\tTitle\tCurrent assignees\nEP../../etc A1\tTitle\tX\n\nA title\nEP12345678 A1\n"),
			records: 1, fatal: true, msg: "cannot read the publication number", line: 4},
	} {
		t.Run(tt.name, func(t *testing.T) {
			recs, errs := Parse("in.txt", tt.data)
			if len(recs) != tt.records {
				t.Errorf("records = %d, want %d", len(recs), tt.records)
			}
			if errs.Fatal() != tt.fatal {
				t.Errorf("Fatal() = %v, want %v; problems:\n%v", errs.Fatal(), tt.fatal, firstN(errs, 5))
			}
			if tt.msg != "" {
				e := problem(errs, tt.msg)
				if e == nil {
					t.Fatalf("no problem mentions %q; got:\n%v", tt.msg, firstN(errs, 5))
				}
				if tt.line > 0 && e.Pos.Line != tt.line {
					t.Errorf("problem %q at line %d, want %d", e, e.Pos.Line, tt.line)
				}
				if e.Pos.File != "in.txt" {
					t.Errorf("problem %q names file %q, want in.txt", e, e.Pos.File)
				}
			}
			for _, e := range errs {
				if e.Pos.Line < 0 || e.Pos.Line > bytes.Count(tt.data, []byte("\n"))+1 {
					t.Errorf("problem outside the input: %v", e)
				}
			}
		})
	}
}

func firstN(errs ErrorList, n int) string {
	var b strings.Builder
	for i, e := range errs {
		if i == n {
			break
		}
		b.WriteString(e.Error() + "\n")
	}
	return b.String()
}

// TestDuplicateIDsAreKept checks that the same publication twice in one file
// gives two records (package catalog merges them, later wins).
func TestDuplicateIDsAreKept(t *testing.T) {
	seed := seedBytes(t)
	first := seed[bytes.Index(seed, []byte("Method and device for avoiding")):bytes.Index(seed, []byte("System and method for **blockchain**"))]
	recs, _ := Parse("in.txt", append(append([]byte{}, seed...), first...))
	n := 0
	for _, r := range recs {
		if r.ID == "EP3628093A2" {
			n++
		}
	}
	if n != 2 {
		t.Errorf("EP3628093A2 parsed %d times, want 2", n)
	}
}

func FuzzParse(f *testing.F) {
	seed := seedBytes(f)
	f.Add(seed[:4096])
	// Each record of the seed, with a two-line index, is a seed input.
	recs, _ := Parse("seed", seed)
	lines := strings.Split(string(seed), "\n")
	for i, r := range recs {
		end := len(lines)
		if i+1 < len(recs) {
			end = recs[i+1].Pos.Line - 1
		}
		body := strings.Join(lines[r.Pos.Line-1:end], "\n")
		f.Add([]byte("1 Documents\n\nPublication numbers\tTitle\tCurrent assignees\n" + r.Printed.Text + "\tT\tA\n\n" + body))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		recs1, errs1 := Parse("fuzz", data)
		// Lines as the parser counts them: a CR alone ends a line too.
		n := bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n")) + 1
		for _, e := range errs1 {
			if e.Pos.Line < 0 || e.Pos.Line > n+1 {
				t.Fatalf("problem outside the input (%d lines): %v", n, e)
			}
		}
		for _, r := range recs1 {
			if !ValidID(r.ID) {
				t.Fatalf("record with invalid id %q", r.ID)
			}
			if r.Pos.Line < 1 || r.Pos.Line > n {
				t.Fatalf("record %s at line %d, outside the input", r.ID, r.Pos.Line)
			}
			for _, c := range append(r.IPC, r.CPC...) {
				if !ValidCode(c.Code) {
					t.Fatalf("record %s: invalid code %q from %q", r.ID, c.Code, c.Raw)
				}
			}
		}
		recs2, errs2 := Parse("fuzz", data)
		if len(recs1) != len(recs2) || len(errs1) != len(errs2) {
			t.Fatalf("two parses differ: %d/%d records, %d/%d problems", len(recs1), len(recs2), len(errs1), len(errs2))
		}
		for i := range recs1 {
			if recs1[i].ID != recs2[i].ID || recs1[i].Abstract != recs2[i].Abstract || len(recs1[i].Family) != len(recs2[i].Family) {
				t.Fatalf("two parses differ at record %d", i)
			}
		}
	})
}

func BenchmarkParseSeed(b *testing.B) {
	data := seedBytes(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		Parse("seed", data)
	}
}

// BenchmarkParseLarge parses a corpus made with ../shared/tools/scale-corpus;
// set PATENTSITE_BENCH_CORPUS to its path:
//
//	../shared/tools/scale-corpus --records 100000 > /tmp/c100k.txt
//	PATENTSITE_BENCH_CORPUS=/tmp/c100k.txt go test -run '^$' -bench ParseLarge -benchtime 3x ./build/corpus
func BenchmarkParseLarge(b *testing.B) {
	path := os.Getenv("PATENTSITE_BENCH_CORPUS")
	if path == "" {
		b.Skip("PATENTSITE_BENCH_CORPUS not set")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		Parse("large", data)
	}
}

// TestNoQuadraticBlowup feeds the shapes that would be quadratic in a naive
// parser: thousands of family members, codes and index continuation lines in
// one record. The test only checks the results; `go test -timeout` guards
// the time.
func TestNoQuadraticBlowup(t *testing.T) {
	var b strings.Builder
	b.WriteString("1 Documents\n\nPublication numbers\tTitle\tCurrent assignees\nEP1000001 A1\tT\tA\n")
	for range 20000 {
		b.WriteString("\tmore\tmore\n")
	}
	b.WriteString("\nTitle EP1000001 A1\n\n<p>Current assignees A*</p> <p>Inventors B</p>\t<p>IPC - International classification ")
	for i := range 20000 {
		fmt.Fprintf(&b, "H04L-%03d/%02d ", 1+i%999, 10+i%89)
	}
	b.WriteString("</p>\n\nFamily\n")
	for i := range 50000 {
		fmt.Fprintf(&b, "US%08d A1 2020-01-01 ", i)
	}
	b.WriteString("\n\n(EP1000001)\n\nAbstract.\n")
	recs, errs := Parse("big.txt", []byte(b.String()))
	if len(recs) != 1 {
		t.Fatalf("records = %d, want 1; problems: %v", len(recs), firstN(errs, 5))
	}
	if n := len(recs[0].Family); n != 50000 {
		t.Errorf("family members = %d, want 50000", n)
	}
	if n := len(recs[0].IPC); n < 1000 {
		t.Errorf("IPC codes = %d, want the distinct ones", n)
	}
	if problem(errs, "continues beyond") == nil {
		t.Errorf("no warning for the overlong index row")
	}
}
