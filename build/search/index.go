package search

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"github.com/klauspost/compress/flate"
	"hash/fnv"
	"iter"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/output"
	"github.com/patentsite/patentsite/build/urls"
)

// Dir is the directory of the index files in the site.
const Dir = "search/s/"

// Kind is the output.File kind of every index file.
const Kind = "search"

// Params size the parts of the index. The defaults (see defaultParams)
// follow the number of patents; tests and benchmarks may set others.
type Params struct {
	Head            int // postings kept in a term's dictionary entry, best first
	DocsPerShard    int // documents per document shard
	DictBytes       int // target size of a dictionary shard of free-text terms
	NameDictBytes   int // target size of a dictionary shard of name terms
	StatsBytes      int // target size of a stats shard
	CompletionBytes int // target size of a completion shard
	PackBytes       int // target size of a postings pack
	InlineBytes     int // tails up to this size stay in the dictionary entry
	NumberBytes     int // target size of a number shard
	ColumnBytes     int // target size of a facet column chunk
	MetaNames       int // assignee names in the meta file
	NamesPer        int // assignee names per name shard
	FirstPage       int // a word, Chinese pair or name word in this many documents or more has its first ten in its entry
}

// defaultParams returns the parameters for n patents. Document shards grow
// from 4 to 32 documents so that there are a few thousand of them at most;
// the other shards are small for a small catalog, where the first query
// must stay under 100 KB, and larger for a large one, where the number of
// files matters more. A pack holds about one dense term's bitmap (n/6
// bytes). A tail of up to 2 KB stays in its term's entry: at 10,000
// patents that is every tail, so a query of several words loads no pack;
// the dictionary shards keep their size (there are more of them), and a
// file costs a cold query more than its bytes. docs/search.md has the
// numbers behind the choices. A word, Chinese pair or name word in 1% of
// the patents, or at least 100, has the records of its first ten results
// in its dictionary entry (its first page, about 3 KB deflated): a query
// of such words shows its first results without loading ten document
// shards, and without waiting for another file after the dictionary.
func defaultParams(n int) Params {
	d := 4
	for d < 32 && n/d > 3000 {
		d *= 2
	}
	p := Params{
		Head:            16,
		DocsPerShard:    d,
		DictBytes:       1 << 10,
		NameDictBytes:   16 << 10,
		StatsBytes:      6 << 10,
		CompletionBytes: 4 << 10,
		PackBytes:       min(max(n/6, 4<<10), 16<<10),
		InlineBytes:     2048,
		NumberBytes:     24 << 10,
		ColumnBytes:     8 << 10,
		MetaNames:       24,
		NamesPer:        64,
		FirstPage:       max(100, n/100),
	}
	if n > 30000 {
		p.DictBytes, p.NameDictBytes, p.StatsBytes, p.CompletionBytes, p.NumberBytes = 6<<10, 32<<10, 12<<10, 8<<10, 48<<10
	}
	return p
}

// Stats describe an index build.
type Stats struct {
	Docs     int
	Terms    int
	Postings int
	Parts    map[string]output.Count // by part: "dict", "postings", "docs", "facets", "numbers", "names", "meta"
	Total    output.Count            // every file, before minification
	Elapsed  time.Duration           // building and encoding, not time spent waiting for the writer
}

// Config says what the index is for. The zero value is fine.
type Config struct {
	Title   string  // site name, for opensearch.xml; default "Patent catalog"
	BaseURL string  // absolute address of the site root; without it opensearch.xml has a relative template
	Params  *Params // nil: the defaults for the catalog's size
	Stats   *Stats  // filled in when the sequence has been read to the end; may be nil
}

// Index yields the search index of c: the files under search/s/ that the
// engine (assets/search.js) loads as scripts, and opensearch.xml.
func Index(c *catalog.Catalog, cfg Config) iter.Seq2[output.File, error] {
	return func(yield func(output.File, error) bool) {
		st := cfg.Stats
		if st == nil {
			st = new(Stats)
		}
		p := defaultParams(len(c.Patents))
		if cfg.Params != nil {
			p = *cfg.Params
		}
		*st = Stats{Parts: map[string]output.Count{}}
		clock := time.Now()
		emit := func(part, path string, data []byte) bool {
			st.Elapsed += time.Since(clock)
			cnt := st.Parts[part]
			cnt.Files++
			cnt.Bytes += int64(len(data))
			st.Parts[part] = cnt
			st.Total.Files++
			st.Total.Bytes += int64(len(data))
			// The shards are written compact by this package (script,
			// jsString): minifying them again changes nothing, at a cost
			// that grows with the catalog.
			// meta.js starts with boot.js, written to be read: the output
			// stage minifies it.
			ok := yield(output.File{Path: path, Kind: Kind, Data: data, Minified: strings.HasSuffix(path, ".js") && path != Dir+"meta.js"}, nil)
			clock = time.Now()
			return ok
		}
		ix := build(c, p)
		ix.cfg = cfg
		st.Docs, st.Terms, st.Postings = len(ix.order), len(ix.px.terms), ix.px.count
		ix.files(emit)
		st.Elapsed += time.Since(clock)
	}
}

// An index is everything the files are written from.
type index struct {
	c      *catalog.Catalog
	cfg    Config
	p      Params
	order  []*catalog.Patent // doc id → patent
	ft     *facetTables
	facets []docFacets
	flat   *flatFacets
	px     *postings
	slugs  map[*catalog.Assignee]string

	entries []entry    // by term id
	shards  [2]int     // dictionary shards per family
	byShard [2][][]int // term ids of each dictionary shard

	statShards int
	byStats    [][]int // term ids of each stats shard

	completions      map[string][]int // completion key → term ids
	completionShards int

	numberShards int
	cols         int     // facet column chunks
	packs        [][]int // term ids whose tails each pack holds
	hash         uint64  // of everything written, for the version in meta
}

// An entry is one term's dictionary entry and tail.
type entry struct {
	text  []byte // the entry without pack and index: df|max|head|est
	stats []byte // facet counts; nil when df ≤ statsMin
	tail  []byte // nil when the head holds every posting
	pack  int
	idx   int
	page  []byte // the first page: the records of the first ten docs of the head, deflated, in base64; nil for none
}

func build(c *catalog.Catalog, p Params) *index {
	ix := &index{c: c, p: p, order: docOrder(c)}
	ix.ft = newFacetTables(c, ix.order)
	ix.facets = ix.ft.facetsOf(ix.order)
	ix.flat = flatten(ix.facets)
	ix.px = invert(ix.feed, len(ix.order))
	ix.makeEntries()
	ix.assign()
	return ix
}

// feed gives doc d to w: its free text by field, then its name, code and
// filter terms.
func (ix *index) feed(d int, w *docWriter) {
	p := ix.order[d]
	w.text(fieldTitle, p.Title)
	w.text(fieldAbstract, p.Abstract)
	raw := strings.ReplaceAll(p.AssigneesRaw, "*", " ")
	for _, a := range p.Assignees {
		w.text(fieldAssignee, a.Name)
		w.name("a:", a.Name)
	}
	w.text(fieldAssignee, raw)
	for n := range strings.SplitSeq(raw, ";") {
		w.name("a:", n)
	}
	for _, in := range p.Inventors {
		w.text(fieldInventor, in.Name)
		w.name("n:", in.Name)
	}
	codes := func(ns string, cls []catalog.Class) {
		for _, cl := range cls {
			for n := cl.Node; n != nil && n.Code != ""; n = n.Parent {
				w.buf = append(w.buf[:0], ns...)
				for i := 0; i < len(n.Code); i++ {
					c := n.Code[i]
					if 'A' <= c && c <= 'Z' {
						c += 'a' - 'A'
					}
					w.buf = append(w.buf, c)
				}
				w.term(w.buf, cl.Main)
			}
		}
	}
	codes("c:", p.CPC)
	codes("i:", p.IPC)
	filter := func(ns, v string) {
		w.buf = append(append(w.buf[:0], ns...), v...)
		w.term(w.buf, false)
	}
	for _, a := range p.Assignees {
		filter("A:", a.Slug)
	}
	for _, in := range p.Inventors {
		filter("N:", in.Slug)
	}
	filter("C:", p.Country)
	filter("K:", p.Kind)
	if y := year(p.Published); y != "" {
		filter("Y:", y)
	}
	if y := year(p.EarliestPriority); y != "" {
		filter("P:", y)
	}
}

// quantize maps an impact onto 1–63 relative to the term's best.
func quantize(v, best float32) int {
	if best <= 0 {
		return 0
	}
	return max(1, min(63, int(math.Round(float64(63*v/best)))))
}

// makeEntries builds every term's head, tail and facet counts.
func (ix *index) makeEntries() {
	px := ix.px
	ix.entries = make([]entry, len(px.terms))
	n := len(ix.order)
	type scratch struct {
		c    *counter
		docs []int32
		tfs  []uint32
		imps []float32
		q    []int
		head []int // indexes of the best postings, best first
		f    *flater
		top  []int32
	}
	pool := sync.Pool{New: func() any { return &scratch{c: newCounter(ix.ft), f: newFlater()} }}
	parallel(len(px.terms), func(t int) {
		sc := pool.Get().(*scratch)
		defer pool.Put(sc)
		docs, tfs := px.decode(t, sc.docs[:0], sc.tfs[:0])
		px.release(t)
		imps := px.weigh(px.terms[t], docs, tfs, sc.imps[:0])
		sc.docs, sc.tfs, sc.imps = docs, tfs, imps
		var best float32
		for _, v := range imps {
			best = max(best, v)
		}
		q := sc.q[:0]
		for _, v := range imps {
			q = append(q, quantize(v, best))
		}
		sc.q = q
		// The head: the best postings, the newest first among equals. Doc
		// ids ascend, so a later posting wins a tie.
		h := min(len(docs), ix.p.Head)
		head := sc.head[:0]
		for i := range docs {
			if len(head) == h && q[i] < q[head[h-1]] {
				continue
			}
			j := len(head)
			if j < h {
				head = append(head, i)
			} else {
				j--
			}
			for j > 0 && q[head[j-1]] <= q[i] {
				head[j] = head[j-1]
				j--
			}
			head[j] = i
		}
		sc.head = head
		var hb []byte
		for _, i := range head {
			hb = appendVint(hb, uint64(docs[i]))
			hb = append(hb, alphabet[q[i]])
		}
		e := &ix.entries[t]
		est := 0
		if h < len(docs) {
			// The mean impact of the postings not in the head.
			sum, same := 0, true
			for i := range docs {
				sum += q[i]
				same = same && q[i] == q[0]
			}
			for _, i := range head {
				sum -= q[i]
			}
			est = int(math.Round(float64(sum) / float64(len(docs)-h)))
			e.tail = tail(docs, q, n, same)
		}
		if len(docs) > statsMin && needsStats(px.terms[t]) {
			e.stats = sc.c.appendStats(nil, docs, ix.flat)
		}
		if len(docs) >= ix.p.FirstPage && firstPaged(px.terms[t]) {
			top := sc.top[:0]
			for _, i := range head[:min(len(head), 10)] {
				top = append(top, docs[i])
			}
			sc.top = top
			sc.f.js = ix.appendPage(sc.f.js[:0], top, px.terms[t])
			e.page = base64.StdEncoding.AppendEncode(nil, sc.f.deflate(sc.f.js))
		}
		b := strconv.AppendInt(nil, int64(len(docs)), 10)
		b = append(b, '|')
		if k := kindOf(px.terms[t]); k == kindWord || k == kindCode {
			b = strconv.AppendFloat(b, float64(best), 'g', 4, 32)
		}
		b = append(b, '|')
		b = append(b, hb...)
		if e.tail != nil {
			b = append(b, '|')
			b = strconv.AppendInt(b, int64(est), 10)
		}
		e.text = b
	})
}

// tail encodes every posting of a term in the cheapest of four forms, each
// in doc order and starting with its letter:
//
//	L  gap and impact per posting: vint(doc − previous − 1), one impact character
//	M  gaps only (the impacts are all alike, or not worth their bytes)
//	B  a bitmap of the doc ids (see appendBitmap)
//	R  ranges of consecutive ids: vint(start − previous end), vint(length − 1)
//
// L is used when the impacts differ and it is at most a quarter (and 64
// characters) larger than the smallest other form: exact impacts are worth
// some bytes.
// With M, B and R the engine takes a posting's impact from the head, or else
// the entry's estimate.
func tail(docs []int32, q []int, n int, same bool) []byte {
	mLen, rLen, runs := 0, 0, 0
	prev := int32(-1)
	runStart := int32(-1)
	prevEnd := int32(0)
	for i, d := range docs {
		mLen += vintLen(uint64(d - prev - 1))
		if i == 0 || d != prev+1 {
			if runs > 0 {
				rLen += vintLen(uint64(runStart-prevEnd)) + vintLen(uint64(prev-runStart))
				prevEnd = prev + 1
			}
			runStart = d
			runs++
		}
		prev = d
	}
	rLen += vintLen(uint64(runStart-prevEnd)) + vintLen(uint64(prev-runStart))
	bLen := bitmapLen(docs)
	lLen := mLen + len(docs)
	form, size := byte('M'), mLen
	if bLen < size {
		form, size = 'B', bLen
	}
	if rLen < size {
		form, size = 'R', rLen
	}
	if !same && lLen <= size+size/4+64 {
		form, size = 'L', lLen
	}
	out := make([]byte, 0, size+1)
	out = append(out, form)
	switch form {
	case 'L', 'M':
		prev := int32(-1)
		for i, d := range docs {
			out = appendVint(out, uint64(d-prev-1))
			if form == 'L' {
				out = append(out, alphabet[q[i]])
			}
			prev = d
		}
	case 'B':
		out = appendBitmap(out, docs, n)
	case 'R':
		prevEnd := int32(0)
		for i := 0; i < len(docs); {
			j := i + 1
			for j < len(docs) && docs[j] == docs[j-1]+1 {
				j++
			}
			out = appendVint(out, uint64(docs[i]-prevEnd))
			out = appendVint(out, uint64(j-i-1))
			prevEnd = docs[j-1] + 1
			i = j
		}
	}
	return out
}

// shardKey is the part of a term that keys its completions: the engine
// finds the words that start with what is typed among those that share
// its first three characters, and the codes under a main group among those
// that share the group and two digits of the subgroup. Name terms are
// keyed within their namespace. Only words, codes and name words are
// completed; for other terms ok is false.
func shardKey(term string) (key string, ok bool) {
	ns := ""
	if len(term) > 2 && term[1] == ':' {
		ns, term = term[:2], term[2:]
		switch ns[0] {
		case 'c', 'i':
			if g, sub, ok := strings.Cut(term, "/"); ok {
				return ns + g + "/" + sub[:min(2, len(sub))], true
			}
			return ns + term, true
		case 'a', 'n':
		default:
			return "", false
		}
	}
	if r, _ := utf8.DecodeRuneInString(term); isCJK(r) {
		return "", false
	}
	return ns + prefix3(term), true
}

// prefix3 returns the first three characters of s.
func prefix3(s string) string {
	n := 0
	for i := range s {
		if n == 3 {
			return s[:i]
		}
		n++
	}
	return s
}

// Dictionary families: the free text, codes and the few filters ("t"),
// and the names ("u": a:, n:, A:, N:), which are many more terms, looked
// up only by field queries and facets, so they go into larger shards.
var families = []string{"t", "u"}

func family(term string) int {
	if len(term) > 2 && term[1] == ':' && strings.IndexByte("anAN", term[0]) >= 0 {
		return 1
	}
	return 0
}

// assign puts the terms into dictionary shards (by the hash of the term),
// their facet counts into stats shards, their tails into packs, and the
// completable terms into completion lists.
func (ix *index) assign() {
	var total [2]int
	stats := 0
	for t, e := range ix.entries {
		total[family(ix.px.terms[t])] += len(ix.px.terms[t]) + len(e.text) + 12
		if len(e.tail) <= ix.p.InlineBytes {
			total[family(ix.px.terms[t])] += len(e.tail)
		}
		if e.stats != nil {
			stats += len(ix.px.terms[t]) + len(e.stats) + 6
		}
	}
	target := [2]int{ix.p.DictBytes, ix.p.NameDictBytes}
	for f := range families {
		ix.shards[f] = shardCount(total[f], target[f])
		ix.byShard[f] = make([][]int, ix.shards[f])
	}
	ix.statShards = shardCount(stats, ix.p.StatsBytes)
	ix.byStats = make([][]int, ix.statShards)
	completions := map[string][]int{}
	for t, term := range ix.px.terms {
		f := family(term)
		h := hash32(term)
		ix.byShard[f][h%uint32(ix.shards[f])] = append(ix.byShard[f][h%uint32(ix.shards[f])], t)
		if ix.entries[t].stats != nil {
			ix.byStats[h%uint32(ix.statShards)] = append(ix.byStats[h%uint32(ix.statShards)], t)
		}
		if key, ok := shardKey(term); ok {
			completions[key] = append(completions[key], t)
		}
	}
	ix.completions = completions
	size := 0
	for key, ts := range completions {
		size += len(key) + 6
		for _, t := range ts {
			size += len(ix.px.terms[t]) + 8
		}
	}
	ix.completionShards = shardCount(size, ix.p.CompletionBytes)

	// Packs: a tail of InlineBytes or less stays in its dictionary entry; one
	// of half a pack or more has a pack of its own; the others fill packs in
	// dictionary order.
	size = -1
	last := -1
	for f := range families {
		for _, ts := range ix.byShard[f] {
			for _, t := range ts {
				e := &ix.entries[t]
				n := len(e.tail)
				switch {
				case e.tail == nil:
					continue
				case n <= ix.p.InlineBytes:
					e.pack = -1
					continue
				case n >= ix.p.PackBytes/2:
					e.pack, e.idx = len(ix.packs), 0
					ix.packs = append(ix.packs, []int{t})
					continue
				case size < 0 || size+n > ix.p.PackBytes:
					last = len(ix.packs)
					ix.packs = append(ix.packs, nil)
					size = 0
				}
				e.pack, e.idx = last, len(ix.packs[last])
				ix.packs[last] = append(ix.packs[last], t)
				size += n + 3
			}
		}
	}
}

// files writes every file through emit, which returns false to stop.
func (ix *index) files(emit func(part, path string, data []byte) bool) {
	h := fnv.New64a()
	put := func(part, path string, data []byte) bool {
		h.Write([]byte(path))
		h.Write(data)
		return emit(part, path, data)
	}
	// The shards are JSON objects term → text, in a JavaScript string: the
	// entries need no escaping (see appendKey for the terms).
	object := func(id string, ts []int, value func(b []byte, t int) []byte) []byte {
		b := make([]byte, 0, 8<<10)
		b = append(b, "patentsiteIndex(\""+id+"\",'{"...)
		for i, t := range ts {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendKey(b, ix.px.terms[t])
			b = append(b, ':', '"')
			b = value(b, t)
			b = append(b, '"')
		}
		return append(b, "}');\n"...)
	}
	for f, name := range families {
		for s, ts := range ix.byShard[f] {
			id := name + strconv.Itoa(s)
			data := object(id, ts, func(b []byte, t int) []byte {
				e := &ix.entries[t]
				b = append(b, e.text...)
				switch {
				case e.tail == nil:
				case e.pack < 0:
					b = append(b, "||"...)
					b = append(b, e.tail...)
				default:
					b = append(b, '|')
					b = strconv.AppendInt(b, int64(e.pack), 10)
					b = append(b, '|')
					b = strconv.AppendInt(b, int64(e.idx), 10)
				}
				if e.page != nil {
					// The seventh field is the first page.
					if e.tail == nil {
						b = append(b, "||||"...)
					} else {
						b = append(b, '|')
					}
					b = append(b, e.page...)
				}
				return b
			})
			if !put("dict", Dir+id+".js", data) {
				return
			}
		}
	}
	for s, ts := range ix.byStats {
		id := "s" + strconv.Itoa(s)
		if !put("dict", Dir+id+".js", object(id, ts, func(b []byte, t int) []byte { return append(b, ix.entries[t].stats...) })) {
			return
		}
	}
	if !ix.completionFiles(put) {
		return
	}
	for k, ts := range ix.packs {
		var b bytes.Buffer
		b.WriteByte('[')
		for i, t := range ts {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('"')
			b.Write(ix.entries[t].tail)
			b.WriteByte('"')
		}
		b.WriteByte(']')
		if !put("postings", fmt.Sprintf("%sp%d.js", Dir, k), script("p"+strconv.Itoa(k), b.String())) {
			return
		}
	}
	if !ix.numberFiles(put) || !ix.docFiles(put) || !ix.columnFiles(put) || !ix.nameFiles(put) {
		return
	}
	meta := ix.meta(h.Sum64())
	if !emit("meta", Dir+"meta.js", metaScript(jsString(string(meta)))) {
		return
	}
	emit("meta", "opensearch.xml", ix.openSearch())
}

// script wraps a payload into the call that registers it with the engine.
func script(name, payload string) []byte {
	return []byte("patentsiteIndex(\"" + name + "\"," + payload + ");\n")
}

// boot is the function meta.js calls when it runs before the engine.
//
//go:embed boot.js
var boot string

// metaScript wraps meta's payload so that it may also run before the
// engine: the search page loads it with its own <script async>, before
// assets/search.js. Run first, it calls boot (boot.js), which leaves the
// payload in window.patentsitePending for the engine and starts loading
// the files of the query in the page's address.
func metaScript(payload string) []byte {
	return []byte("(window.patentsiteIndex||(" + strings.TrimSpace(boot) + "))(\"meta\"," + payload + ");\n")
}

// docFiles writes the document shards: each is the JSON array of its
// documents, deflated and in base64 (see docs/search.md).
func (ix *index) docFiles(put func(part, path string, data []byte) bool) bool {
	d := ix.p.DocsPerShard
	n := (len(ix.order) + d - 1) / d
	// Made on every core, each with a flater of its own, and put in order.
	pool := sync.Pool{New: func() any { return newFlater() }}
	jobs := func(yield func(output.Job) bool) {
		for s := range n {
			job := func() (output.File, error) {
				f := pool.Get().(*flater)
				defer pool.Put(f)
				var ids []int32
				for i := s * d; i < min((s+1)*d, len(ix.order)); i++ {
					ids = append(ids, int32(i))
				}
				return output.File{Path: fmt.Sprintf("%sd%d.js", Dir, s), Data: ix.docScript(f, "d"+strconv.Itoa(s), ids)}, nil
			}
			if !yield(job) {
				return
			}
		}
	}
	for f := range output.Ordered(jobs, 0) {
		if !put("docs", f.Path, f.Data) {
			return false
		}
	}
	return true
}

// firstPaged reports whether a term may have a first page: a word, a pair
// of Chinese characters (a Chinese query is its pairs, whose first pages
// mostly hold its first results, as the pairs of a word go together; a
// single character is a query only when it stands alone) or a word of a
// name (assignee:word, inventor:word).
func firstPaged(term string) bool {
	if k := kindOf(term); k == kindField {
		return true
	} else if k != kindWord {
		return false
	}
	r, _ := utf8.DecodeRuneInString(term)
	return !isCJK(r) || utf8.RuneCountInString(term) == 2
}

// A flater deflates the documents of one file at a time.
type flater struct {
	w   *flate.Writer
	buf bytes.Buffer
	js  []byte
}

func newFlater() *flater {
	f := &flater{}
	f.w, _ = flate.NewWriter(&f.buf, 5)
	return f
}

// docScript returns the file id holding documents ids: the base64 of the
// deflated JSON array of their records (appendDoc).
func (ix *index) docScript(f *flater, id string, ids []int32) []byte {
	f.js = ix.appendPage(f.js[:0], ids, "")
	z := f.deflate(f.js)
	out := make([]byte, 0, len(id)+base64.StdEncoding.EncodedLen(len(z))+24)
	out = append(out, "patentsiteIndex(\""+id+"\",\""...)
	out = base64.StdEncoding.AppendEncode(out, z)
	return append(out, "\");\n"...)
}

// appendPage appends the JSON array of the records of documents ids; with
// a term (not ""), the first page of that term: each abstract cut to the stretch
// around the term's first place in it (clip).
func (ix *index) appendPage(b []byte, ids []int32, term string) []byte {
	b = append(b, '[')
	for i, d := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = ix.appendDoc(b, int(d), term)
	}
	return append(b, ']')
}

// Snippet stretches: a first page holds about this much of each abstract
// (bytes of Latin text, characters of Chinese), more than the engine's
// snippet (220 and 90 characters), which it then picks from.
const (
	clipBytes = 320
	clipRunes = 120
)

// clip returns the stretch of abstract a first page of term holds: from a
// little before the term's first place in it (or from the start when it is
// not there), about clipBytes long (clipRunes characters for Chinese), cut
// at spaces where there are; and cut, 1 when it leaves out text before, +2
// after.
func clip(abstract, term string, zh bool) (string, int) {
	if len(abstract) <= clipBytes {
		return abstract, 0
	}
	at := -1
	if kindOf(term) == kindWord {
		tokenize(abstract, func(t []byte, start, _ int, _ bool) bool {
			if string(t) == term {
				at = start
				return false
			}
			return true
		})
	}
	from, lead := 0, 60
	if zh {
		lead = 30 * 3 // about 30 characters of three bytes
	}
	if at > lead {
		from = at - lead
	}
	to := from + clipBytes
	if zh {
		to = from
		for n := 0; n < clipRunes && to < len(abstract); n++ {
			_, size := utf8.DecodeRuneInString(abstract[to:])
			to += size
		}
	}
	to = min(to, len(abstract))
	for from > 0 && !utf8.RuneStart(abstract[from]) {
		from--
	}
	for to < len(abstract) && !utf8.RuneStart(abstract[to]) {
		to++
	}
	if !zh {
		if i := strings.IndexByte(abstract[from:min(from+20, to)], ' '); from > 0 && i >= 0 {
			from += i + 1
		}
		if i := strings.LastIndexByte(abstract[max(from, to-20):to], ' '); to < len(abstract) && i >= 0 {
			to = max(from, to-20) + i
		}
	}
	cut := 0
	if from > 0 {
		cut |= 1
	}
	if to < len(abstract) {
		cut |= 2
	}
	return abstract[from:to], cut
}

// deflate returns js deflated, valid until the next call.
func (f *flater) deflate(js []byte) []byte {
	f.buf.Reset()
	f.w.Reset(&f.buf)
	f.w.Write(js)
	f.w.Close()
	return f.buf.Bytes()
}

// appendDoc appends document d as the engine shows and exports it:
// [id, title, [assignees, the primary first], inventors, published,
// earliest priority, abstract, lang, facet record]. On the first page of
// term (not ""), the abstract is clipped (clip) and, when it was, a tenth
// field says where: 1 text left out before, 2 after, 3 both.
func (ix *index) appendDoc(b []byte, d int, term string) []byte {
	p := ix.order[d]
	b = append(b, '[')
	b = appendJSONString(b, p.ID)
	b = append(b, ',')
	b = appendJSONString(b, p.Title)
	b = append(b, ",["...)
	n := 0
	name := func(a *catalog.Assignee) {
		if n > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, a.Name)
		n++
	}
	if p.Primary != nil {
		name(p.Primary)
	}
	for _, a := range p.Assignees {
		if a != p.Primary {
			name(a)
		}
	}
	b = append(b, "],"...)
	var inv []string
	for _, in := range p.Inventors {
		inv = append(inv, in.Name)
	}
	abstract, cut := p.Abstract, 0
	if term != "" {
		abstract, cut = clip(p.Abstract, term, p.Lang == "zh")
	}
	for _, s := range []string{strings.Join(inv, "; "), p.Published, p.EarliestPriority, abstract, p.Lang} {
		b = appendJSONString(b, s)
		b = append(b, ',')
	}
	b = append(b, '"')
	b = ix.facets[d].appendRecord(b)
	b = append(b, '"')
	if cut > 0 {
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(cut), 10)
	}
	return append(b, ']')
}

// columnFiles writes the facet columns: chunk k holds the facet record of
// every document whose id is k modulo the number of chunks, so that each
// chunk is an even sample of the whole catalog.
func (ix *index) columnFiles(put func(part, path string, data []byte) bool) bool {
	chunks := ix.columns()
	for k := range chunks {
		var b []byte
		b = append(b, "patentsiteIndex(\"f"+strconv.Itoa(k)+"\",\""...)
		for d := k; d < len(ix.facets); d += chunks {
			b = ix.facets[d].appendRecord(b)
		}
		b = append(b, "\");\n"...)
		if !put("facets", fmt.Sprintf("%sf%d.js", Dir, k), b) {
			return false
		}
	}
	return true
}

// columns returns the number of facet column chunks.
func (ix *index) columns() int {
	if ix.cols == 0 {
		total := 0
		for d := range ix.facets {
			total += len(ix.facets[d].appendRecord(nil))
		}
		ix.cols = shardCount(total, ix.p.ColumnBytes)
	}
	return ix.cols
}

// nameFiles writes the assignee names by facet id, NamesPer to a file:
// [name, slug] pairs.
func (ix *index) nameFiles(put func(part, path string, data []byte) bool) bool {
	as := ix.ft.assignees
	for k := 0; k*ix.p.NamesPer < len(as); k++ {
		var v [][2]string
		for _, a := range as[k*ix.p.NamesPer : min((k+1)*ix.p.NamesPer, len(as))] {
			v = append(v, [2]string{a.Name, a.Slug})
		}
		j, _ := json.Marshal(v)
		if !put("names", fmt.Sprintf("%sa%d.js", Dir, k), script("a"+strconv.Itoa(k), jsString(string(j)))) {
			return false
		}
	}
	return true
}

// meta is the one file the engine loads first: sizes, facet value tables
// and the facet counts of the whole catalog.
func (ix *index) meta(version uint64) []byte {
	ft := ix.ft
	names := [][2]string{}
	for _, a := range ft.assignees[:min(len(ft.assignees), ix.p.MetaNames)] {
		names = append(names, [2]string{a.Name, a.Slug})
	}
	all := make([]int32, len(ix.order))
	for i := range all {
		all[i] = int32(i)
	}
	stops := make([]string, 0, len(stopwords))
	for w := range stopwords {
		stops = append(stops, w)
	}
	slices.Sort(stops)
	m := map[string]any{
		"v":     strconv.FormatUint(version, 36),
		"n":     len(ix.order),
		"docs":  ix.p.DocsPerShard,
		"dict":  ix.shards[0],
		"ndict": ix.shards[1],
		"stats": ix.statShards,
		"comp":  ix.completionShards,
		"nums":  ix.numberShards,
		"cols":  ix.columns(),
		"head":  ix.p.Head,
		"per":   ix.p.NamesPer,
		"an":    len(ft.assignees),
		"names": names,
		"cpc":   ft.cpc,
		"ipc":   ft.ipc,
		"cc":    ft.countries,
		"years": ft.years,
		"ys":    ft.yearStart,
		"kinds": ft.kinds,
		"all":   string(newCounter(ft).appendStats(nil, all, ix.flat)),
		"stop":  stops,
	}
	j, _ := json.Marshal(m)
	return j
}

// openSearch returns the OpenSearch description of the site's search. A
// browser accepts it only with an absolute template, that is when the site
// was built with a base URL.
func (ix *index) openSearch() []byte {
	title := ix.cfg.Title
	if title == "" {
		title = "Patent catalog"
	}
	base := ix.cfg.BaseURL
	if base != "" && !strings.HasSuffix(base, "/") {
		base += "/"
	}
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">` + "\n")
	fmt.Fprintf(&b, "<ShortName>%s</ShortName>\n", xmlEscape(truncate(title, 16)))
	fmt.Fprintf(&b, "<Description>%s</Description>\n", xmlEscape("Search "+title+" by number, title, assignee, inventor or classification"))
	b.WriteString("<InputEncoding>UTF-8</InputEncoding>\n")
	fmt.Fprintf(&b, "<Url type=\"text/html\" method=\"get\" template=\"%s\"/>\n", xmlEscape(base+urls.Search+"?q={searchTerms}"))
	b.WriteString("</OpenSearchDescription>\n")
	return b.Bytes()
}

func xmlEscape(s string) string {
	var b strings.Builder
	xmlEscapeTo(&b, s)
	return b.String()
}

func xmlEscapeTo(b *strings.Builder, s string) {
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}

// completionFiles writes the completion lists: for each completion key
// (see shardKey), its terms with their document frequency, the most
// frequent first, as a JSON object key → [term, df, term, df, …], spread
// over the shards by the hash of the key.
func (ix *index) completionFiles(put func(part, path string, data []byte) bool) bool {
	byShard := make([][]string, ix.completionShards)
	for key := range ix.completions {
		s := hash32(key) % uint32(ix.completionShards)
		byShard[s] = append(byShard[s], key)
	}
	dfs := map[int]int{}
	for _, ts := range ix.completions {
		for _, t := range ts {
			dfs[t], _ = strconv.Atoi(string(ix.entries[t].text[:bytes.IndexByte(ix.entries[t].text, '|')]))
		}
	}
	df := func(t int) int { return dfs[t] }
	for s, keys := range byShard {
		slices.Sort(keys)
		id := "k" + strconv.Itoa(s)
		b := []byte("patentsiteIndex(\"" + id + "\",'{")
		for i, key := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			ts := slices.Clone(ix.completions[key])
			slices.SortStableFunc(ts, func(x, y int) int { return df(y) - df(x) })
			b = appendKey(b, key)
			b = append(b, ':', '[')
			for j, t := range ts {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendKey(b, ix.px.terms[t])
				b = append(b, ',')
				b = strconv.AppendInt(b, int64(df(t)), 10)
			}
			b = append(b, ']')
		}
		b = append(b, "}');\n"...)
		if !put("dict", Dir+id+".js", b) {
			return false
		}
	}
	return true
}

// needsStats reports whether a term may be searched alone, so that its
// facet counts are worth keeping: not a single CJK character (a query of one
// character is rare; its facets are counted from the columns).
func needsStats(term string) bool {
	r, n := utf8.DecodeRuneInString(term)
	return !(isCJK(r) && n == len(term))
}

// shardCount returns how many shards of about target bytes hold total
// bytes: the first value of the series round(2^(k/4)) that keeps shards
// within target. The steps (about 19%) keep the count, and so the hashing
// of every key, unchanged when the catalog changes a little, so that an
// incremental build rewrites only the shards whose content changed.
func shardCount(total, target int) int {
	want := (total + target - 1) / target
	for k := 0; ; k++ {
		if n := int(math.Round(math.Pow(2, float64(k)/4))); n >= want {
			return n
		}
	}
}
