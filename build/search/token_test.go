package search

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []string
	}{
		// Latin: case, diacritics, plurals, hyphens, apostrophes.
		{"case and plural", "Distributed Ledgers", []string{"distributed", "ledger"}},
		{"-based", "blockchain-based", []string{"blockchain", "based"}},
		{"index spacing", "blockchain -based", []string{"blockchain", "based"}},
		{"diacritics", "Escolástico MÜCKNER Ørsted Łódź", []string{"escolastico", "muckner", "orsted", "lodz"}},
		{"sharp s", "Straße", []string{"strasse"}},
		{"apostrophe", "O'Hern’s user's", []string{"ohern", "user"}},
		{"trailing apostrophe", "users' data", []string{"user", "data"}},
		{"homoglyphs in a Latin word", "PAPANЕК", []string{"papanek"}},
		{"Cyrillic word kept", "ПРИВЕТ мир", []string{"привет", "мир"}},
		{"full width", "ＡＩ　ＧＰＵ", []string{"ai", "gpu"}},
		{"stemming", "strategies processes matches boxes analysis consensus bus data", []string{"strategy", "process", "match", "box", "analysis", "consensus", "bus", "data"}},
		// Numbers and codes in free text are words of digits and letters.
		{"numbers", "5G network, 2019; 10,637,644", []string{"5g", "network", "2019", "10", "637", "644"}},
		{"code", "H04L 9/32 and H04L9/3239", []string{"h04l", "9", "32", "and", "h04l9", "3239"}},
		{"number with kind", "US10637644B1", []string{"us10637644b1"}},
		// CJK: every character and every pair.
		{"chinese", "区块链", []string{"区", "区块", "块", "块链", "链"}},
		{"chinese one character", "链", []string{"链"}},
		{"mixed", "基于AIOT和区块链", []string{"基", "基于", "于", "aiot", "和", "和区", "区", "区块", "块", "块链", "链"}},
		{"chinese punctuation", "数据，处理。", []string{"数", "数据", "据", "处", "处理", "理"}},
		{"japanese", "[図2]", []string{"図", "2"}},
		{"empty", " — ", nil},
	} {
		if got := Terms(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("%s: Terms(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestTokenOffsets(t *testing.T) {
	s := "Ledger: 区块链 O'Hern"
	var got []string
	Tokenize(s, func(tk Token) { got = append(got, tk.Term+"="+s[tk.Start:tk.End]) })
	want := []string{"ledger=Ledger", "区=区", "区块=区块", "块=块", "块链=块链", "链=链", "ohern=O'Hern"}
	if !slices.Equal(got, want) {
		t.Errorf("Tokenize(%q) = %q, want %q", s, got, want)
	}
}

func TestStem(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"ledgers", "ledger"}, {"ledger", "ledger"}, {"strategies", "strategy"}, {"series", "sery"},
		{"processes", "process"}, {"process", "process"}, {"access", "access"}, {"status", "status"},
		{"basis", "basis"}, {"gas", "gas"}, {"ies", "ies"}, {"5gs", "5gs"}, {"nodes", "node"},
		{"devices", "device"}, {"indexes", "index"}, {"buzzes", "buzz"}, {"dishes", "dish"},
	} {
		if got := Stem(tt.in); got != tt.want {
			t.Errorf("Stem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseNumber(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Number
		ok   bool
	}{
		{"US10637644B1", Number{"US", "10637644", "B1"}, true},
		{"US10637644", Number{"US", "10637644", ""}, true},
		{"us 10,637,644", Number{"US", "10637644", ""}, true},
		{"US 10.637.644 B1", Number{"US", "10637644", "B1"}, true},
		{"10637644", Number{"", "10637644", ""}, true},
		{"WO2020/253126", Number{"WO", "2020253126", ""}, true},
		{"WO202014512", Number{"WO", "2020014512", ""}, true},
		{"WO202014512 A1", Number{"WO", "2020014512", "A1"}, true},
		{"wo2020/14512", Number{"WO", "2020014512", ""}, true},
		{"KR10-2172903", Number{"KR", "102172903", ""}, true},
		{"KR10-2020-0123976", Number{"KR", "20200123976", ""}, true},
		{"KR102172903B1", Number{"KR", "102172903", "B1"}, true},
		{"CN211857397U", Number{"CN", "211857397", "U"}, true},
		{"EP 3628093 A2", Number{"EP", "3628093", "A2"}, true},
		{"JPWO2019198131", Number{"JPWO", "2019198131", ""}, true},
		{"IN8383/DELNP/2009", Number{"IN", "8383DELNP2009", ""}, true},
		{"SG11201910069Y", Number{"SG", "11201910069", "Y"}, true},
		{"2019", Number{}, false},
		{"H04L9/32", Number{}, false},
		{"H04L9/3239", Number{}, false},
		{"5G", Number{}, false},
		{"blockchain", Number{}, false},
	} {
		got, ok := ParseNumber(tt.in)
		if ok != tt.ok || got != tt.want {
			t.Errorf("ParseNumber(%q) = %+v, %v, want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestNumberKey(t *testing.T) {
	for _, tt := range []struct {
		canonical, kind string
		want            Number
	}{
		{"US10637644", "B1", Number{"US", "10637644", "B1"}},
		{"WO2020014512", "A1", Number{"WO", "2020014512", "A1"}},
		{"SG11201910069Y", "A", Number{"SG", "11201910069", "A"}},
		{"TWI706647", "B", Number{"TWI", "706647", "B"}},
		{"IN8383DELNP2009", "A", Number{"IN", "8383DELNP2009", "A"}},
	} {
		if got := numberKey(tt.canonical, tt.kind); got != tt.want {
			t.Errorf("numberKey(%q, %q) = %+v, want %+v", tt.canonical, tt.kind, got, tt.want)
		}
		// What a person types finds the same key.
		if n, ok := ParseNumber(tt.canonical); !ok || n.Key != tt.want.Key || n.Prefix != tt.want.Prefix {
			t.Errorf("ParseNumber(%q) = %+v, %v; its key differs from the index's %q", tt.canonical, n, ok, tt.want.Key)
		}
	}
}

func TestShardKey(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"ledger", "led", true},
		{"le", "le", true},
		{"区块", "", false},
		{"链", "", false},
		{"a:alibaba", "a:ali", true},
		{"n:zhiguo", "n:zhi", true},
		{"c:h04l9/3239", "c:h04l9/32", true},
		{"c:h04l9/3", "c:h04l9/3", true},
		{"c:h04l9", "c:h04l9", true},
		{"i:g06f", "i:g06f", true},
		{"A:advanced-new-technologies", "", false},
		{"C:CN", "", false},
	} {
		if got, ok := shardKey(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("shardKey(%q) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestVint(t *testing.T) {
	vals := []uint64{0, 1, 31, 32, 1023, 1024, 32767, 32768, 99999, 1 << 40}
	var b []byte
	for _, v := range vals {
		before := len(b)
		b = appendVint(b, v)
		if n := len(b) - before; n != vintLen(v) {
			t.Errorf("appendVint(%d) used %d characters, vintLen says %d", v, n, vintLen(v))
		}
	}
	if got := decodeVints(string(b)); !slices.Equal(got, vals) {
		t.Errorf("decodeVints(appendVint(%v)) = %v", vals, got)
	}
	if strings.Trim(string(b), alphabet) != "" {
		t.Errorf("vints %q hold characters outside the alphabet", b)
	}
}

func TestTail(t *testing.T) {
	seq := func(lo, hi int32) []int32 {
		var out []int32
		for d := lo; d < hi; d++ {
			out = append(out, d)
		}
		return out
	}
	ones := func(n int) []int {
		q := make([]int, n)
		for i := range q {
			q[i] = 7
		}
		return q
	}
	varied := func(n int) []int {
		q := make([]int, n)
		for i := range q {
			q[i] = 1 + i%63
		}
		return q
	}
	dense := []int32{}
	for d := int32(0); d < 600; d += 2 {
		dense = append(dense, d)
	}
	for _, tt := range []struct {
		name string
		docs []int32
		q    []int
		same bool
		want string
	}{
		{"one run", seq(100, 400), ones(300), true, "RjEpL"},
		{"sparse, alike", []int32{5, 500, 5000}, ones(3), true, "MFvOksT"},
		{"sparse, varied", []int32{5, 500, 5000}, varied(3), false, "LFBvOCksTD"},
		{"dense", dense, ones(len(dense)), true, "B" + strings.Repeat("V", 100)},
	} {
		got := string(tail(tt.docs, tt.q, 1000, tt.same))
		if got != tt.want {
			t.Errorf("%s: tail = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestQuantize(t *testing.T) {
	for _, tt := range []struct {
		v, best float32
		want    int
	}{
		{10, 10, 63}, {5, 10, 32}, {0.0001, 10, 1}, {0, 0, 0}, {3, 0, 0},
	} {
		if got := quantize(tt.v, tt.best); got != tt.want {
			t.Errorf("quantize(%v, %v) = %d, want %d", tt.v, tt.best, got, tt.want)
		}
	}
}

func TestJSString(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`a'b\c`, `'a\'b\\c'`},
		{"x\ny\u2028", `'x\ny\u2028'`},
		{"区块链</script>", `'区块链</script>'`},
		{"\x01", `'\x01'`},
	} {
		if got := jsString(tt.in); got != tt.want {
			t.Errorf("jsString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestAppendKey(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"ledger", `"ledger"`},
		{"区块", `"区块"`},
		{"a:o'hern x", `"a:o\'hern x"`},
		{`a"b\c`, `"a\\"b\\\\c"`},
		{"x\u2028y", `"x\\u2028y"`},
		{"en–dash", `"en–dash"`},
	} {
		if got := string(appendKey(nil, tt.in)); got != tt.want {
			t.Errorf("appendKey(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"", "plain", `quote " and \ back`, "tab\tnew\nline\x01", "区块链", "x\u2028y\u2029z", "en–dash “q”", "<script>&"} {
		b := appendJSONString(nil, s)
		var got string
		if err := json.Unmarshal(b, &got); err != nil || got != s {
			t.Errorf("appendJSONString(%q) = %s, reads back as %q, %v", s, b, got, err)
		}
		if strings.ContainsAny(string(b), "\u2028\u2029\n") {
			t.Errorf("appendJSONString(%q) = %s holds a line terminator", s, b)
		}
	}
}

func TestShardCount(t *testing.T) {
	for _, tt := range []struct{ total, target, want int }{
		{0, 10, 1}, {10, 10, 1}, {11, 10, 2}, {25, 10, 3}, {1000, 10, 108}, {1050, 10, 108}, {1090, 10, 128},
	} {
		if got := shardCount(tt.total, tt.target); got != tt.want {
			t.Errorf("shardCount(%d, %d) = %d, want %d", tt.total, tt.target, got, tt.want)
		}
	}
}

// TestTokenizeStop: tokenize emits nothing after emit returns false, in a
// word and in a run of CJK characters (whose pairs and characters come
// two by two).
func TestTokenizeStop(t *testing.T) {
	for _, tc := range []struct {
		text, stop string
		want       []string
	}{
		{"blockchain ledger node", "ledger", []string{"blockchain", "ledger"}},
		{"blockchain ledger node", "node", []string{"blockchain", "ledger", "node"}},
		{"区块链 node", "区", []string{"区"}},
		{"区块链 node", "区块", []string{"区", "区块"}},
		{"区块链 node", "块", []string{"区", "区块", "块"}},
		{"区块链 node", "absent", []string{"区", "区块", "块", "块链", "链", "node"}},
	} {
		var got []string
		tokenize(tc.text, func(term []byte, _, _ int, _ bool) bool {
			got = append(got, string(term))
			return string(term) != tc.stop
		})
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q, stop at %q: %q, want %q", tc.text, tc.stop, got, tc.want)
		}
	}
}
