package search

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"

	"github.com/patentsite/patentsite"
	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/corpus"
)

var seed = sync.OnceValue(func() *catalog.Catalog {
	data, err := fs.ReadFile(patentsite.Content(), patentsite.DefaultCorpus)
	if err != nil {
		panic(err)
	}
	al, err := fs.ReadFile(patentsite.Content(), "aliases.txt")
	if err != nil {
		panic(err)
	}
	aliases, _ := catalog.ParseAliases("aliases.txt", al)
	recs, _ := corpus.Parse(patentsite.DefaultCorpus, data)
	return catalog.Build(recs, aliases)
})

// seedFiles builds the index of the seed and returns its files by path.
func seedFiles(t *testing.T) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for f, err := range Index(seed(), Config{}) {
		if err != nil {
			t.Fatal(err)
		}
		files[f.Path] = f.Data
	}
	return files
}

// payload returns the argument of a file's patentsiteIndex call (meta.js's
// tolerant wrapper included): the string for a JSON or text payload, the
// JSON array for a pack.
func payload(t *testing.T, data []byte) string {
	t.Helper()
	s := strings.TrimSuffix(string(data), ");\n")
	if _, after, ok := strings.Cut(s, `)("meta",`); ok { // after meta.js's boot function
		s = "\"meta\"," + after
	}
	_, s, ok := strings.Cut(s, "\",") // after the quoted name
	if !ok {
		t.Fatalf("not an index file: %.60s", data)
	}
	if strings.HasPrefix(s, "'") {
		s = strings.NewReplacer(`\'`, `'`, `\\`, `\`).Replace(s[1 : len(s)-1])
	} else if strings.HasPrefix(s, `"`) {
		s = s[1 : len(s)-1]
	}
	return s
}

// dictOf reads every dictionary shard: term → entry fields, and checks that
// each term is in the shard the engine looks in.
func dictOf(t *testing.T, files map[string][]byte) map[string][]string {
	t.Helper()
	var meta struct {
		Dict, Ndict int
	}
	if err := json.Unmarshal([]byte(payload(t, files[Dir+"meta.js"])), &meta); err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for path, data := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(path, Dir), ".js")
		if name == "" || name[0] != 't' && name[0] != 'u' {
			continue
		}
		var sh map[string]string
		if err := json.Unmarshal([]byte(payload(t, data)), &sh); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for term, e := range sh {
			n := uint32(meta.Dict)
			if family(term) == 1 {
				n = uint32(meta.Ndict)
			}
			if want := families[family(term)] + strconv.Itoa(int(hash32(term)%n)); want != name {
				t.Errorf("term %q is in %s, the engine looks in %s", term, name, want)
			}
			out[term] = strings.Split(e, "|")
		}
	}
	return out
}

// docsOf returns every doc id of a term, from its head or its tail.
func docsOf(t *testing.T, files map[string][]byte, e []string) []int32 {
	t.Helper()
	df, _ := strconv.Atoi(e[0])
	head := decodeHead(e[2])
	if len(head) == df {
		slices.Sort(head)
		return head
	}
	if e[4] == "" {
		return decodeTail(e[5]) // inline
	}
	var pack []string
	if err := json.Unmarshal([]byte(payload(t, files[Dir+"p"+e[4]+".js"])), &pack); err != nil {
		t.Fatal(err)
	}
	idx, _ := strconv.Atoi(e[5])
	return decodeTail(pack[idx])
}

// decodeTail decodes the doc ids of a tail (see tail).
func decodeTail(s string) []int32 {
	var out []int32
	switch s[0] {
	case 'L', 'M':
		prev := int64(-1)
		for i := 1; i < len(s); {
			var v uint64
			for {
				d := uint64(strings.IndexByte(alphabet, s[i]))
				i++
				v = v<<5 | d&31
				if d < 32 {
					break
				}
			}
			prev += int64(v) + 1
			out = append(out, int32(prev))
			if s[0] == 'L' {
				i++
			}
		}
	case 'B':
		for i := 1; i < len(s); i++ {
			d := strings.IndexByte(alphabet, s[i])
			for b := range 6 {
				if d&(1<<b) != 0 {
					out = append(out, int32((i-1)*6+b))
				}
			}
		}
	case 'R':
		xs := decodeVints(s[1:])
		end := int32(0)
		for i := 0; i < len(xs); i += 2 {
			start := end + int32(xs[i])
			for k := int32(0); k <= int32(xs[i+1]); k++ {
				out = append(out, start+k)
			}
			end = start + int32(xs[i+1]) + 1
		}
	}
	return out
}

// TestPostingsMatchCatalog checks, for terms of every kind, that the index
// lists exactly the patents the catalog says.
func TestPostingsMatchCatalog(t *testing.T) {
	c := seed()
	files := seedFiles(t)
	dict := dictOf(t, files)
	order := docOrder(c)
	idOf := func(docs []int32) []string {
		var out []string
		for _, d := range docs {
			out = append(out, order[d].ID)
		}
		slices.Sort(out)
		return out
	}
	ids := func(ps []*catalog.Patent) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.ID)
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	withWord := func(w string) []*catalog.Patent {
		var out []*catalog.Patent
		for _, p := range c.Patents {
			var names []string
			for _, a := range p.Assignees {
				names = append(names, a.Name)
			}
			for _, in := range p.Inventors {
				names = append(names, in.Name)
			}
			text := p.Title + " " + p.Abstract + " " + strings.Join(names, " ") + " " + strings.ReplaceAll(p.AssigneesRaw, "*", " ")
			if slices.Contains(Terms(text), w) {
				out = append(out, p)
			}
		}
		return out
	}
	group := func(gs []*catalog.Group, key string) []*catalog.Patent {
		for _, g := range gs {
			if g.Key == key {
				return g.Patents
			}
		}
		return nil
	}
	var alibaba []*catalog.Patent
	for _, a := range c.Assignees {
		if strings.Contains(strings.ToLower(a.Name), "alibaba") {
			alibaba = append(alibaba, a.Patents...)
		}
	}
	for _, tt := range []struct {
		term string
		want []*catalog.Patent
	}{
		{"ledger", withWord("ledger")},
		{"blockchain", withWord("blockchain")},
		{"区块", withWord("区块")},
		{"c:h04l9", c.CPC.Node("H04L9").Patents},
		{"c:h04l", c.CPC.Node("H04L").Patents},
		{"i:g06f16/27", c.IPC.Node("G06F16/27").Patents},
		{"C:CN", group(c.Countries, "CN")},
		{"K:B1", group(c.Kinds, "B1")},
		{"Y:2019", group(c.PubYears, "2019")},
		{"P:2018", group(c.PrioYears, "2018")},
		{"A:advanced-new-technologies", c.Assignees[slices.IndexFunc(c.Assignees, func(a *catalog.Assignee) bool { return a.Slug == "advanced-new-technologies" })].Patents},
		{"a:alibaba", alibaba},
	} {
		e, ok := dict[tt.term]
		if !ok {
			t.Errorf("%q is not in the dictionary", tt.term)
			continue
		}
		got, want := idOf(docsOf(t, files, e)), ids(tt.want)
		if !slices.Equal(got, want) {
			t.Errorf("postings of %q: %d patents, the catalog has %d\n got %v\nwant %v", tt.term, len(got), len(want), got, want)
		}
		if df, _ := strconv.Atoi(e[0]); df != len(want) {
			t.Errorf("df of %q = %d, want %d", tt.term, df, len(want))
		}
	}
}

// TestImpacts checks the ranking inputs: a word in the title outweighs the
// same word in the abstract alone, and heads are ordered best first.
func TestImpacts(t *testing.T) {
	c := seed()
	ix := build(c, defaultParams(len(c.Patents)))
	term := slices.Index(ix.px.terms, "ledger")
	px := invert(ix.feed, len(ix.order)) // build released the postings
	docs, tfs := px.decode(term, nil, nil)
	imps := px.weigh("ledger", docs, tfs, nil)
	var inTitle, abstractOnly []float32
	for i := range docs {
		if tfs[i]&255 > 0 {
			inTitle = append(inTitle, imps[i])
		} else if tfs[i]>>8&255 > 0 && tfs[i]>>16 == 0 {
			abstractOnly = append(abstractOnly, imps[i])
		}
	}
	if len(inTitle) == 0 || len(abstractOnly) == 0 {
		t.Fatalf("ledger: %d title hits, %d abstract-only hits; want some of each", len(inTitle), len(abstractOnly))
	}
	slices.Sort(abstractOnly)
	if median := abstractOnly[len(abstractOnly)/2]; slices.Min(inTitle) <= median {
		t.Errorf("ledger: weakest title hit %.2f ≤ median abstract-only hit %.2f", slices.Min(inTitle), median)
	}
	// The head starts with the title hits.
	e := strings.Split(string(ix.entries[term].text), "|")
	first := decodeHead(e[2])
	for i, d := range first[:3] {
		if !strings.Contains(strings.ToLower(ix.order[d].Title), "ledger") {
			t.Errorf("head %d of ledger: %s %q has no ledger in its title", i, ix.order[d].ID, ix.order[d].Title)
		}
	}
	// Field weights and saturation: a title hit scores more than an
	// abstract hit of the same frequency, and ten hits less than ten times one.
	px = &postings{lens: [][nFields]uint16{{10, 100, 3, 2}, {10, 100, 3, 2}}, avg: [nFields]float64{10, 100, 3, 2}}
	w := px.weigh("word", []int32{0, 1}, []uint32{1, 1 << 8}, nil)
	if w[0] <= w[1] {
		t.Errorf("weigh: title hit %.3f ≤ abstract hit %.3f", w[0], w[1])
	}
	sat := px.weigh("word", []int32{0, 1}, []uint32{1 << 8, 10 << 8}, nil)
	if sat[1] >= 10*sat[0] || sat[1] <= sat[0] {
		t.Errorf("weigh: 10 abstract hits %.3f against one %.3f: want more, but saturating", sat[1], sat[0])
	}
}

// decodeHead returns the doc ids of a head, best first.
func decodeHead(s string) []int32 {
	var out []int32
	for i := 0; i < len(s); {
		var v uint64
		for {
			d := uint64(strings.IndexByte(alphabet, s[i]))
			i++
			v = v<<5 | d&31
			if d < 32 {
				break
			}
		}
		out = append(out, int32(v))
		i++
	}
	return out
}

// TestStats checks a term's facet counts against the catalog.
func TestStats(t *testing.T) {
	c := seed()
	ix := build(c, defaultParams(len(c.Patents)))
	term := slices.Index(ix.px.terms, "C:CN")
	stats := string(ix.entries[term].stats)
	parts := strings.Split(stats, ".")
	if len(parts) != nFacets {
		t.Fatalf("C:CN stats %q: %d facets, want %d", stats, len(parts), nFacets)
	}
	country := decodeVints(parts[facetCountry])
	if len(country) != 2 || ix.ft.countries[country[0]] != "CN" || int(country[1]) != len(slices.DeleteFunc(slices.Clone(c.Patents), func(p *catalog.Patent) bool { return p.Country != "CN" })) {
		t.Errorf("C:CN country counts %v, want only CN with every CN patent", country)
	}
	years := decodeVints(parts[facetYear])
	want := map[string]int{}
	for _, p := range c.Patents {
		if p.Country == "CN" {
			want[year(p.Published)]++
		}
	}
	got := map[string]int{}
	for i := 0; i < len(years); i += 2 {
		got[ix.ft.years[years[i]]] = int(years[i+1])
	}
	if !maps.Equal(got, want) {
		t.Errorf("C:CN year counts %v, want %v", got, want)
	}
}

// TestNumbers checks that every publication number that leads to a patent
// (its own, its family's) is in the number shard the engine looks in.
func TestNumbers(t *testing.T) {
	c := seed()
	files := seedFiles(t)
	var meta struct{ Nums int }
	json.Unmarshal([]byte(payload(t, files[Dir+"meta.js"])), &meta)
	order := docOrder(c)
	docOf := map[*catalog.Patent]int{}
	for d, p := range order {
		docOf[p] = d
	}
	shards := map[string]map[string][][]any{}
	lookup := func(key string) [][]any {
		name := "n" + strconv.Itoa(int(hash32(key)%uint32(meta.Nums)))
		if shards[name] == nil {
			var m map[string][][]any
			if err := json.Unmarshal([]byte(payload(t, files[Dir+name+".js"])), &m); err != nil {
				t.Fatal(err)
			}
			shards[name] = m
		}
		return shards[name][key]
	}
	checked := 0
	for _, p := range c.Patents {
		spellings := []string{p.ID, p.Number}
		for _, m := range p.Family {
			if c.Resolve(m.Number) == p {
				spellings = append(spellings, m.Number, m.Printed)
			}
		}
		for _, s := range spellings {
			n, ok := ParseNumber(s)
			if !ok {
				t.Errorf("%s: ParseNumber(%q) fails", p.ID, s)
				continue
			}
			found := false
			for _, h := range lookup(n.Key) {
				if int(h[2].(float64)) == docOf[p] && (n.Prefix == "" || h[0] == n.Prefix) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: %q (key %q) does not lead to it", p.ID, s, n.Key)
			}
			checked++
		}
	}
	if checked < 1000 {
		t.Errorf("checked %d spellings, want the seed's 1,000 and more", checked)
	}
}

// TestDeterministic builds the index twice.
func TestDeterministic(t *testing.T) {
	a, b := seedFiles(t), seedFiles(t)
	if !slices.Equal(slices.Sorted(maps.Keys(a)), slices.Sorted(maps.Keys(b))) {
		t.Fatal("two builds give different file lists")
	}
	for p := range a {
		if !bytes.Equal(a[p], b[p]) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

// TestFirstPages checks the first pages: a term has one in its dictionary
// entry when it is a word, a Chinese pair or a name word in FirstPage
// documents or more, and it holds the records of the first ten docs of
// its head, as the document shards do.
func TestFirstPages(t *testing.T) {
	files := seedFiles(t)
	p := defaultParams(len(seed().Patents))
	inflate := func(name, b64 string) []json.RawMessage {
		t.Helper()
		z, err := base64.StdEncoding.DecodeString(b64)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var rs []json.RawMessage
		if err := json.NewDecoder(flate.NewReader(bytes.NewReader(z))).Decode(&rs); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return rs
	}
	records := func(name string) []json.RawMessage {
		t.Helper()
		return inflate(name, payload(t, files[Dir+name+".js"]))
	}
	n := 0
	for term, e := range dictOf(t, files) {
		df, _ := strconv.Atoi(e[0])
		want := df >= p.FirstPage && firstPaged(term)
		if has := len(e) > 6; has != want {
			t.Errorf("%s (df %d): first page %v, want %v", term, df, has, want)
		}
		if !want {
			continue
		}
		n++
		head := decodeHead(e[2])[:10]
		got := inflate(term, e[6])
		if len(got) != len(head) {
			t.Fatalf("%s: its first page holds %d documents, want %d", term, len(got), len(head))
		}
		for i, d := range head {
			shard := records("d" + strconv.Itoa(int(d)/p.DocsPerShard))
			var page, whole []any
			if err := json.Unmarshal(got[i], &page); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(shard[int(d)%p.DocsPerShard], &whole); err != nil {
				t.Fatal(err)
			}
			// The record of the document shard, but for a stretch of the
			// abstract and, when it is cut, a tenth field that says where.
			abstract, stretch := whole[6].(string), page[6].(string)
			cut := 0
			if len(page) == 10 {
				cut = int(page[9].(float64))
			}
			from := strings.Index(abstract, stretch)
			switch {
			case len(page) != 9 && len(page) != 10, len(whole) != 9:
				t.Errorf("%s: first page [%d] has %d fields, its document %d", term, i, len(page), len(whole))
			case !reflect.DeepEqual(append(page[:6:6], page[7:9]...), append(whole[:6:6], whole[7:]...)):
				t.Errorf("%s: first page [%d] = %.80s, want doc %d, %.80s", term, i, got[i], d, shard[int(d)%p.DocsPerShard])
			case from < 0 || stretch == "" && abstract != "":
				t.Errorf("%s: first page [%d] abstract %q is not a stretch of doc %d's", term, i, stretch, d)
			case (from > 0) != (cut&1 != 0) || (from+len(stretch) < len(abstract)) != (cut&2 != 0):
				t.Errorf("%s: first page [%d] cut %d, but its stretch is at %d–%d of %d bytes", term, i, cut, from, from+len(stretch), len(abstract))
			case len(abstract) > clipBytes && len(stretch) > clipBytes+3*clipRunes:
				t.Errorf("%s: first page [%d] holds %d bytes of an abstract of %d", term, i, len(stretch), len(abstract))
			case kindOf(term) == kindWord && slices.Contains(Terms(abstract), term) && !slices.Contains(Terms(stretch), term):
				t.Errorf("%s: first page [%d] stretch %q leaves out the term, which doc %d's abstract has", term, i, stretch, d)
			}
		}
	}
	if n == 0 {
		t.Errorf("no term of the seed has a first page")
	}
}

func TestClip(t *testing.T) {
	long := strings.Repeat("alpha beta gamma delta ", 30) // 690 bytes
	zh := strings.Repeat("区块链数据处理方法", 30)                 // 270 characters
	for _, tt := range []struct {
		name, abstract, term string
		zh                   bool
		cut                  int
		has                  string
	}{
		{"short", "a ledger of records", "ledger", false, 0, "a ledger of records"},
		{"absent: the start", long, "ledger", false, 2, "alpha beta"},
		{"at the start", "ledger " + long, "ledger", false, 2, "ledger alpha"},
		{"in the middle", long + "the ledger sits here " + long, "ledger", false, 3, "the ledger sits here"},
		{"at the end", long + "the final ledger", "ledger", false, 1, "the final ledger"},
		{"stemmed", long + "two ledgers here " + long, "ledger", false, 3, "two ledgers here"},
		{"a name term: the start", long, "a:alpha", false, 2, "alpha beta"},
		{"Chinese", zh + "共识机制" + zh, "共识", true, 3, "共识机制"},
	} {
		got, cut := clip(tt.abstract, tt.term, tt.zh)
		if cut != tt.cut || !strings.Contains(got, tt.has) || !strings.Contains(tt.abstract, got) || !utf8.ValidString(got) {
			t.Errorf("%s: clip = %q, %d; want a stretch with %q, cut %d", tt.name, got, cut, tt.has, tt.cut)
		}
		if n := utf8.RuneCountInString(got); tt.zh && n > clipRunes || !tt.zh && len(got) > clipBytes {
			t.Errorf("%s: clip holds %d bytes, %d characters", tt.name, len(got), n)
		}
	}
}
