package search

import (
	"cmp"
	"encoding/binary"
	"maps"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/patentsite/patentsite/build/catalog"
)

// Fields of the free text, for BM25F. A word's weight in a document adds
// its frequency in each field, scaled by the field's weight and normalized
// by the field's length relative to its average (b), then saturates (k1).
const (
	fieldTitle = iota
	fieldAbstract
	fieldAssignee
	fieldInventor
	nFields
)

var (
	fieldWeight = [nFields]float64{3, 1, 2.5, 2}
	fieldB      = [nFields]float64{0.5, 0.75, 0, 0}
)

const k1 = 1.2

// stopwords are English words too common to search for; they are not
// indexed as free text and the engine drops them from queries (but not from
// assignee or inventor names).
var stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an and are as at be by for from has have in into is it its of on or
		such than that the their then there these this those to was were which with`) {
		stopwords[w] = true
	}
}

// Term namespaces. A plain term is a word of the free text (or a CJK
// character or pair). Prefixed terms are field terms:
//
//	a:word   a word of an assignee name
//	n:word   a word of an inventor name
//	c:code   a CPC node at any level: "c:h", "c:h04", "c:h04l", "c:h04l9", "c:h04l9/3239"
//	i:code   an IPC node likewise
//	A:slug   the patents of one assignee (by catalog slug)
//	N:slug   the patents of one inventor (by catalog slug)
//	C:cc     publication country ("C:CN"); K:kind ("K:B1"); Y:year; P:earliest priority year
//
// Prefixed upper-case terms are filters: they select, they do not rank.
type termKind uint8

const (
	kindWord   termKind = iota // BM25F over the fields
	kindField                  // a: and n: words and pairs: idf
	kindCode                   // c: and i: nodes: idf, more for a main classification
	kindFilter                 // A: N: C: K: Y: P:
)

func kindOf(term string) termKind {
	if len(term) > 2 && term[1] == ':' {
		switch term[0] {
		case 'a', 'n':
			return kindField
		case 'c', 'i':
			return kindCode
		default:
			return kindFilter
		}
	}
	return kindWord
}

// A docWriter takes the text and the terms of one document at a time, and
// keeps, per term, its postings so far as bytes: uvarint(doc − previous
// doc), a byte whose bits say which fields follow, and one frequency byte
// per such field. A code or filter term has one "field", holding 1, or 2
// for a main classification. One docWriter per worker.
type docWriter struct {
	ids     map[string]uint32 // term → worker-local id
	cjk     map[uint64]uint32 // CJK character or pair → worker-local id
	recent  []recentWord      // a cache of ids, by the hash of the word
	stop    []bool            // per local term: a stop word (they come first)
	terms   []string
	bufs    [][]byte // per local term: its postings
	prevDoc []int32  // per local term: its last flushed document
	last    []int32  // per local term: the document it was last seen in
	tf      []uint32 // per local term: its frequencies in the current document, a byte per field
	touched []uint32 // local terms of the current document
	lens    [][nFields]uint16
	doc     int32
	count   int // postings
	buf     []byte
}

func newDocWriter(docs int) *docWriter {
	w := &docWriter{ids: make(map[string]uint32, 1<<14), cjk: make(map[uint64]uint32, 1<<14), recent: make([]recentWord, 4096),
		lens: make([][nFields]uint16, 0, docs)}
	for _, s := range slices.Sorted(maps.Keys(stopwords)) {
		w.id([]byte(s))
		w.stop = append(w.stop, true)
	}
	return w
}

// id returns the local id of term, adding it when new.
func (w *docWriter) id(term []byte) uint32 {
	if t, ok := w.ids[string(term)]; ok {
		return t
	}
	t := uint32(len(w.terms))
	s := string(term)
	w.ids[s] = t
	w.terms = append(w.terms, s)
	w.bufs = append(w.bufs, nil)
	w.prevDoc = append(w.prevDoc, -1)
	w.last = append(w.last, -1)
	w.tf = append(w.tf, 0)
	return t
}

// start begins document d.
func (w *docWriter) start(d int) {
	w.doc = int32(d)
	w.lens = append(w.lens, [nFields]uint16{})
}

// cjkID is id for a CJK character or pair, keyed by its code points: an
// integer map is faster than one keyed by strings, and CJK text is most of
// the terms.
func (w *docWriter) cjkID(term []byte) uint32 {
	r1, n := utf8.DecodeRune(term)
	key := uint64(r1) << 21
	if n < len(term) {
		r2, _ := utf8.DecodeRune(term[n:])
		key |= uint64(r2)
	}
	if t, ok := w.cjk[key]; ok {
		return t
	}
	t := w.id(term)
	w.cjk[key] = t
	return t
}

// wordID is id for a word, through a small cache of recent words: most
// words of a document are common ones, and the cache stays in the CPU's
// cache where the map does not.
func (w *docWriter) wordID(term []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range term {
		h = (h ^ uint32(c)) * 16777619
	}
	slot := &w.recent[h%uint32(len(w.recent))]
	if slot.hash == h && slot.term == string(term) {
		return slot.id
	}
	t := w.id(term)
	*slot = recentWord{hash: h, term: w.terms[t], id: t}
	return t
}

// A recentWord is one slot of docWriter.recent.
type recentWord struct {
	hash uint32
	id   uint32
	term string
}

// see returns the local id of term, counted in the current document.
func (w *docWriter) see(term []byte) uint32 { return w.count1(w.id(term)) }

// count1 marks local term t as seen in the current document.
func (w *docWriter) count1(t uint32) uint32 {
	if w.last[t] != w.doc {
		w.last[t] = w.doc
		w.tf[t] = 0
		w.touched = append(w.touched, t)
	}
	return t
}

// flush writes the current document's postings.
func (w *docWriter) flush() {
	for _, t := range w.touched {
		b := binary.AppendUvarint(w.bufs[t], uint64(w.doc-w.prevDoc[t]))
		w.prevDoc[t] = w.doc
		tf := w.tf[t]
		var mask byte
		for f := range nFields {
			if tf>>(8*uint(f))&255 != 0 {
				mask |= 1 << uint(f)
			}
		}
		b = append(b, mask)
		for f := range nFields {
			if v := byte(tf >> (8 * uint(f))); v != 0 {
				b = append(b, v)
			}
		}
		w.bufs[t] = b
	}
	w.count += len(w.touched)
	w.touched = w.touched[:0]
}

// text adds s as free text of field f.
func (w *docWriter) text(f int, s string) {
	count := 0
	shift := 8 * uint(f)
	tokenize(s, func(term []byte, _, _ int, cjk bool) bool {
		var t uint32
		if cjk {
			t = w.count1(w.cjkID(term))
		} else {
			id := w.wordID(term)
			if f <= fieldAbstract && int(id) < len(w.stop) && w.stop[id] {
				return true
			}
			t = w.count1(id)
		}
		count++
		if (w.tf[t]>>shift)&255 < 255 {
			w.tf[t] += 1 << shift
		}
		return true
	})
	l := &w.lens[len(w.lens)-1][f]
	*l = uint16(min(int(*l)+count, math.MaxUint16))
}

// term adds a field, code or filter term; main marks a main classification.
func (w *docWriter) term(term []byte, main bool) {
	t := w.see(term)
	v := uint32(1)
	if main {
		v = 2
	}
	w.tf[t] = max(w.tf[t], v)
}

// name adds the words of a name as terms with the prefix ns ("a:", "n:").
// Whole names are the A: and N: terms of the catalog's assignees and
// inventors, by slug; a name the catalog could not split is found by its
// words.
func (w *docWriter) name(ns string, s string) {
	tokenize(s, func(word []byte, _, _ int, _ bool) bool {
		w.buf = append(append(w.buf[:0], ns...), word...)
		w.term(w.buf, false)
		return true
	})
}

// A feeder gives document d to w.
type feeder func(d int, w *docWriter)

// postings holds every posting of the index, as the workers wrote them:
// the postings of a term are those of its local term in each worker, in
// worker order, which is document order.
type postings struct {
	terms []string // sorted
	parts []*docWriter
	loc   [][]int32 // loc[w][t]: the local id of term t in worker w, or −1
	lens  [][nFields]uint16
	avg   [nFields]float64
	count int
}

// invert tokenizes every document on all cores.
func invert(feed feeder, n int) *postings {
	workers := runtime.GOMAXPROCS(0)
	parts := make([]*docWriter, workers)
	var wg sync.WaitGroup
	for k := range workers {
		lo, hi := n*k/workers, n*(k+1)/workers
		wg.Go(func() {
			w := newDocWriter(hi - lo)
			for d := lo; d < hi; d++ {
				w.start(d)
				feed(d, w)
				w.flush()
			}
			w.ids, w.cjk, w.recent, w.last, w.tf, w.prevDoc = nil, nil, nil, nil, nil, nil
			parts[k] = w
		})
	}
	wg.Wait()

	// One vocabulary, sorted.
	set := map[string]struct{}{}
	for _, p := range parts {
		for _, t := range p.terms {
			set[t] = struct{}{}
		}
	}
	terms := make([]string, 0, len(set))
	for t := range set {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	global := make(map[string]int32, len(terms))
	for i, t := range terms {
		global[t] = int32(i)
	}
	px := &postings{terms: terms, parts: parts, lens: make([][nFields]uint16, 0, n)}
	for _, p := range parts {
		loc := make([]int32, len(terms))
		for i := range loc {
			loc[i] = -1
		}
		for i, t := range p.terms {
			loc[global[t]] = int32(i)
		}
		p.terms = nil
		px.loc = append(px.loc, loc)
		px.lens = append(px.lens, p.lens...)
		px.count += p.count
	}
	for _, l := range px.lens {
		for f := range nFields {
			px.avg[f] += float64(l[f])
		}
	}
	for f := range nFields {
		px.avg[f] = max(px.avg[f]/max(float64(n), 1), 1)
	}
	return px
}

// release frees the postings of term t, once decoded for the last time.
func (px *postings) release(t int) {
	for w, p := range px.parts {
		if l := px.loc[w][t]; l >= 0 {
			p.bufs[l] = nil
		}
	}
}

// decode appends the postings of term t to docs and tfs.
func (px *postings) decode(t int, docs []int32, tfs []uint32) ([]int32, []uint32) {
	for w, p := range px.parts {
		l := px.loc[w][t]
		if l < 0 {
			continue
		}
		b := p.bufs[l]
		doc := int64(-1)
		for len(b) > 0 {
			d, n := binary.Uvarint(b)
			doc += int64(d)
			mask := b[n]
			b = b[n+1:]
			var tf uint32
			for f := range nFields {
				if mask&(1<<uint(f)) != 0 {
					tf |= uint32(b[0]) << (8 * uint(f))
					b = b[1:]
				}
			}
			docs = append(docs, int32(doc))
			tfs = append(tfs, tf)
		}
	}
	return docs, tfs
}

// weigh appends to imp the impact of each posting of term, given its docs
// and frequencies: BM25F for words, idf for name terms, idf (×1.2 for a
// main classification) for codes, 0 for filters.
func (px *postings) weigh(term string, docs []int32, tfs []uint32, imp []float32) []float32 {
	n := float64(len(px.lens))
	df := float64(len(docs))
	idf := math.Log(1 + (n-df+0.5)/(df+0.5))
	switch kindOf(term) {
	case kindWord:
		for i, d := range docs {
			tf, l := tfs[i], &px.lens[d]
			ptf := 0.0
			for f := range nFields {
				if c := float64(tf >> (8 * uint(f)) & 255); c > 0 {
					ptf += fieldWeight[f] * c / (1 - fieldB[f] + fieldB[f]*float64(l[f])/px.avg[f])
				}
			}
			imp = append(imp, float32(idf*ptf*(k1+1)/(ptf+k1)))
		}
	case kindField:
		for range docs {
			imp = append(imp, float32(idf))
		}
	case kindCode:
		for i := range docs {
			imp = append(imp, float32(idf*(1+0.2*float64(tfs[i]-1))))
		}
	default:
		for range docs {
			imp = append(imp, 0)
		}
	}
	return imp
}

// parallel calls f(i) for i in [0, n) on all cores.
func parallel(n int, f func(i int)) {
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	var mu sync.Mutex
	next := 0
	const batch = 64
	for range workers {
		wg.Go(func() {
			for {
				mu.Lock()
				lo := next
				next += batch
				mu.Unlock()
				if lo >= n {
					return
				}
				for i := lo; i < min(lo+batch, n); i++ {
					f(i)
				}
			}
		})
	}
	wg.Wait()
}

// docOrder returns the patents in index order: by publication date, then
// corpus order. Doc ids are positions in it, so sorting by date is sorting
// by id, and each publication year is one range of ids.
func docOrder(c *catalog.Catalog) []*catalog.Patent {
	out := slices.Clone(c.Patents)
	slices.SortStableFunc(out, func(a, b *catalog.Patent) int {
		return cmp.Compare(a.Published, b.Published)
	})
	return out
}
