package search_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/patentsite/patentsite/build/internal/browser"
	"github.com/patentsite/patentsite/build/search"
)

// The index is built with the Go tokenizer and queried with the engine's:
// they must agree term for term. These tests run the engine's functions in
// Chromium over the same inputs as the Go ones.

func enginePage(t *testing.T) *browser.Page {
	t.Helper()
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	b := browser.Start(t)
	p := b.Open(t, locations(t)["file"]+"search/index.html")
	ready(p)
	return p
}

func TestEngineTokenizer(t *testing.T) {
	p := enginePage(t)
	c := seedCatalog()
	inputs := []string{
		"Distributed Ledgers", "blockchain-based", "blockchain -based", "Escolástico MÜCKNER Ørsted Łódź Straße",
		"O'Hern’s user's users' data", "PAPANЕК", "ПРИВЕТ мир", "ＡＩ　ＧＰＵ１２", "strategies processes matches boxes analysis",
		"5G network, 2019; 10,637,644", "H04L 9/32 and H04L9/3239", "区块链", "基于AIOT和区块链", "数据，处理。", "[図2]",
		"ÀÉÎÕÜ ŒUVRE Ǆ ǅ ǆ ǈ Ǳ ı İ ſ", "Ⅻ ① ²", "αβγ ΑΒΓ Ωmega", "ﬁ ﬂ", "e\u0301te\u0301", "한국어 테스트", "カタカナ ひらがな",
		"'leading 'quote", "x's", "𠀀𠀁 rare Han", "\u202eoverride\u202c",
	}
	for _, p := range c.Patents {
		inputs = append(inputs, p.Title, p.Abstract, p.AssigneesRaw, p.InventorsRaw)
		for _, a := range p.Assignees {
			inputs = append(inputs, a.Name)
		}
	}
	in, _ := json.Marshal(inputs)
	got := browser.Eval[[][]string](p, `(`+string(in)+`).map(s => patentsiteSearch.terms(s))`)
	bad := 0
	for i, s := range inputs {
		want := search.Terms(s)
		if len(want) == 0 && len(got[i]) == 0 {
			continue
		}
		if !reflect.DeepEqual(got[i], want) {
			bad++
			if bad <= 10 {
				t.Errorf("terms of %.80q:\n engine %q\n     Go %q", s, got[i], want)
			}
		}
	}
	if bad > 10 {
		t.Errorf("... %d inputs differ in all", bad)
	}
	// Every letter the folding tables know, one by one.
	var runes []string
	for _, r := range [][2]rune{{0xC0, 0x24F}, {0x370, 0x3FF}, {0x400, 0x4FF}, {0x1E00, 0x1EFF}, {0xFF01, 0xFF5E}} {
		for c := r[0]; c <= r[1]; c++ {
			runes = append(runes, "x"+string(c)+"y")
		}
	}
	in, _ = json.Marshal(runes)
	got = browser.Eval[[][]string](p, `(`+string(in)+`).map(s => patentsiteSearch.terms(s))`)
	bad = 0
	for i, s := range runes {
		if want := search.Terms(s); !reflect.DeepEqual(got[i], want) && !(len(want) == 0 && len(got[i]) == 0) {
			bad++
			if bad <= 10 {
				t.Errorf("terms of %q (U+%04X): engine %q, Go %q", s, []rune(s)[1], got[i], want)
			}
		}
	}
}

func TestEngineNumbers(t *testing.T) {
	p := enginePage(t)
	inputs := []string{
		"US10637644B1", "US10637644", "us 10,637,644", "US 10.637.644 B1", "10637644", "WO2020/253126", "WO202014512",
		"WO202014512 A1", "wo2020/14512", "KR10-2172903", "KR10-2020-0123976", "KR102172903B1", "CN211857397U",
		"EP 3628093 A2", "JPWO2019198131", "IN8383/DELNP/2009", "SG11201910069Y", "TWI706647", "2019", "H04L9/32",
		"5G", "blockchain", "WO2019/147069", "WO20222205 A1", "US2020/0349568", "DE102019111331A1", "2019CN-0954364",
	}
	in, _ := json.Marshal(inputs)
	got := browser.Eval[[]*search.Number](p, `(`+string(in)+`).map(s => { const n = patentsiteSearch.parseNumber(s); return n && {Prefix: n.prefix, Key: n.key, Kind: n.kind} })`)
	for i, s := range inputs {
		want, ok := search.ParseNumber(s)
		switch {
		case !ok && got[i] != nil:
			t.Errorf("%q: engine reads %+v, Go reads no number", s, *got[i])
		case ok && (got[i] == nil || *got[i] != want):
			t.Errorf("%q: engine reads %v, Go reads %+v", s, got[i], want)
		}
	}
}

// TestEngineQuery checks the query language.
func TestEngineQuery(t *testing.T) {
	p := enginePage(t)
	browser.Eval[bool](p, `patentsiteSearch.loadMeta().then(() => true)`)
	for _, tt := range []struct {
		q    string
		want string // groups as "alt|alt" (- for a negated one, * for prefix), filters, numbers
	}{
		{"ledger", "ledger*"},
		{"distributed ledgers", "distributed ledger*"},
		{"ledger ", "ledger"},
		{"blockchain-based systems", "blockchain based system*"},
		{"blockchain -based", "blockchain based"},
		{"ledger -bitcoin", "ledger -bitcoin*"},
		{"the internet of things", "internet thing*"},
		{`"smart contract" audit`, `smart contract audit* phrase:smart contract`},
		{"区块链", "区块 块链"},
		{"链", "链"},
		{"基于AIOT", "基于 aiot*"},
		{"assignee:alibaba", "a:alibaba*"},
		{`assignee:"advanced new technologies"`, "A:advanced-new-technologies phrase:advanced new technologies"},
		{`inventor:"li zhiguo"`, "N:li-zhiguo|N:zhiguo-li phrase:li zhiguo"},
		{`inventor:"MÜCKNER, Jörg"`, "N:muckner-jorg|N:jorg-muckner phrase:MÜCKNER, Jörg"},
		{"cpc:H04L9", "cpc:H04L9"},
		{"cpc:H04L 9/32", "cpc:H04L9/32"},
		{"H04L9/3239 ledger", "cpc+ipc:H04L9/3239 ledger*"},
		{"ipc:G06F", "ipc:G06F"},
		{"country:CN kind:B1 year:2018..2019", "country=CN kind=B1 year=2018,2019"},
		{"priority:2018", "priority=2018"},
		{"-country:CN ledger", "ledger* -country=CN"},
		{"us 10,637,644", "#US/10637644/"},
		{"US10637644B1 ledger", "ledger* #US/10637644/B1"},
		{"WO2020/253126", "#WO/2020253126/"},
		{"2019 ledger", "2019 ledger*"},
		{"title:ledger", "title ledger*"},
	} {
		q, _ := json.Marshal(tt.q)
		got := browser.Eval[string](p, fmt.Sprintf(`(q => {
			const out = [];
			q.groups.forEach(g => {
				let s = g.code ? (g.schemes.length > 1 ? "cpc+ipc" : g.schemes[0] === "c" ? "cpc" : "ipc") + ":" + g.code[0].toUpperCase() : g.alts.join("|");
				if (g.prefix) s += "*";
				out.push((g.neg ? "-" : "") + s);
			});
			Object.keys(q.filters).sort().forEach(f => out.push(f.replace(/^-/, "-") + "=" + q.filters[f].join(",")));
			q.phrases.forEach(p => out.push("phrase:" + p.text));
			q.numbers.forEach(n => out.push("#" + n.prefix + "/" + n.key + "/" + n.kind));
			return out.join(" ");
		})(patentsiteSearch.parseQuery(%s))`, q))
		if got != tt.want {
			t.Errorf("parseQuery(%s) = %s, want %s", q, got, tt.want)
		}
	}
}

// TestEngineEscapes builds the hostile corpus and searches it: markup in
// titles, names and abstracts is shown as text, never run.
func TestEngineEscapes(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	dir := buildSite(t, "../../testdata/hostile.txt")
	b := browser.Start(t)
	base := "file://" + dir + "/"
	for _, q := range []string{"blockchain", "script", "title", "template", "override"} {
		p := b.Open(t, base+"search/index.html?q="+q)
		ready(p)
		if browser.Eval[bool](p, `!!window.__pwned`) {
			t.Errorf("%s: a result ran script", q)
		}
		if n := browser.Eval[int](p, `document.querySelectorAll("#results script, #results img, #results [onerror]").length`); n > 0 {
			t.Errorf("%s: %d elements made from data in the results", q, n)
		}
		if titles := browser.Eval[string](p, `document.getElementById("results").textContent`); q == "script" && !strings.Contains(titles, "<script>") {
			t.Errorf("the <script> title is not shown as text: %q", titles)
		}
	}
}
