package output

import (
	"bytes"
	"cmp"
	"fmt"
	"hash/maphash"
	"html"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// maxListed is how many broken links a LinkError lists.
const maxListed = 20

// A BrokenLink is a reference that does not resolve in the new site.
type BrokenLink struct {
	Page   string // the file holding the link: "patent/EP1/index.html"
	Link   string // the reference as written: "../../assignee/acme/index.html"
	Reason string // "no file assignee/acme/index.html"
	Others int    // how many other files hold the same broken reference
}

func (l BrokenLink) String() string {
	s := l.Page + ": " + l.Link + " (" + l.Reason + ")"
	if l.Others > 0 {
		s += fmt.Sprintf(", and in %d other files", l.Others)
	}
	return s
}

// A LinkError lists the broken links of a site. Nothing was committed.
type LinkError struct {
	Links []BrokenLink // the first few, sorted by page and link
	Total int          // all of them: a link repeated in n files counts n times
}

func (e *LinkError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "output: %d broken link", e.Total)
	if e.Total != 1 {
		b.WriteString("s")
	}
	b.WriteString(":")
	n := 0
	for _, l := range e.Links {
		b.WriteString("\n\t")
		b.WriteString(l.String())
		n += 1 + l.Others
	}
	if n < e.Total {
		fmt.Fprintf(&b, "\n\t... and %d more", e.Total-n)
	}
	return b.String()
}

// A linkSet gathers the references and ids of a whole site as hashes. A
// reference to another file is kept once per target (with the first page
// that holds it and the number of pages), so memory grows with the number
// of distinct targets, not of links; each id costs 8 bytes.
type linkSet struct {
	seed   maphash.Seed
	skip   []string
	shards [64]refShard

	checked atomic.Int64
	skipped atomic.Int64

	mu     sync.Mutex
	ids    []uint64     // hash of "path#id" for every id of every HTML or SVG file
	local  []BrokenLink // broken links found within one page: the first few
	localN int          // all of them
}

// A refShard holds the references whose keys fall to it. The map gives
// the index of a key's refInfo, which is updated in place: one hash
// lookup per reference seen again, the common case.
type refShard struct {
	mu    sync.Mutex
	m     map[uint64]int32 // by key: hash of "path" or "path#fragment"
	infos []refInfo
}

type refInfo struct {
	target uint64 // hash of the target path
	page   int32  // smallest seq of a page holding the reference
	count  int32  // pages holding it
	frag   bool
}

func newLinkSet(skip []string) *linkSet {
	s := &linkSet{seed: maphash.MakeSeed(), skip: skip}
	for i := range s.shards {
		s.shards[i].m = make(map[uint64]int32)
	}
	return s
}

// key hashes a site path, with a fragment when frag is not empty.
func (s *linkSet) key(path []byte, frag []byte) uint64 {
	var h maphash.Hash
	h.SetSeed(s.seed)
	h.Write(path)
	return s.sum(&h, frag)
}

// keyString is key for a path held as a string.
func (s *linkSet) keyString(path string, frag []byte) uint64 {
	var h maphash.Hash
	h.SetSeed(s.seed)
	h.WriteString(path)
	return s.sum(&h, frag)
}

func (s *linkSet) sum(h *maphash.Hash, frag []byte) uint64 {
	if len(frag) > 0 {
		h.WriteByte('#')
		h.Write(frag)
	}
	return h.Sum64()
}

func (s *linkSet) skips(target []byte) bool {
	for _, p := range s.skip {
		if bytes.HasPrefix(target, []byte(p)) {
			return true
		}
	}
	return false
}

// addLocal records broken links found within a page.
func (s *linkSet) addLocal(bad []BrokenLink) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.localN += len(bad)
	s.local = append(s.local, bad...)
	if len(s.local) > 4*maxListed {
		s.local = firstLinks(s.local)
	}
}

// firstLinks sorts links and keeps the first maxListed.
func firstLinks(l []BrokenLink) []BrokenLink {
	slices.SortFunc(l, func(a, b BrokenLink) int {
		return cmp.Or(strings.Compare(a.Page, b.Page), strings.Compare(a.Link, b.Link))
	})
	return l[:min(len(l), maxListed)]
}

// A resolver turns a reference into a site path and a fragment.
type resolver struct {
	path []byte // the target
	frag []byte // its fragment, decoded; empty when none or "#top"
	tmp  []byte
}

type refStatus int

const (
	refExternal refStatus = iota // has a scheme: not checked
	refSelf                      // the page itself, maybe with a fragment
	refFile                      // another file, maybe with a fragment
	refBad                       // broken whatever the site holds
)

// resolve resolves raw, a reference in the file at page. For refBad it
// returns the reason.
func (r *resolver) resolve(page string, raw []byte) (refStatus, string) {
	s := bytes.Trim(raw, " \t\n\f\r")
	if bytes.IndexByte(s, '&') >= 0 {
		s = []byte(html.UnescapeString(string(s)))
	}
	p, frag, _ := bytes.Cut(s, []byte{'#'})
	p, _, _ = bytes.Cut(p, []byte{'?'})

	r.frag = r.frag[:0]
	if len(frag) > 0 && !bytes.EqualFold(frag, []byte("top")) {
		r.frag = append(r.frag, frag...)
		if bytes.IndexByte(frag, '%') >= 0 {
			if f, err := url.PathUnescape(string(frag)); err == nil {
				r.frag = append(r.frag[:0], f...)
			}
		}
	}

	switch {
	case bytes.HasPrefix(p, []byte("//")):
		return refBad, "protocol-relative: load nothing from another host"
	case len(p) > 0 && p[0] == '/':
		return refBad, "root-absolute: links must be relative"
	case hasScheme(p):
		return refExternal, ""
	case len(p) == 0:
		return refSelf, ""
	}
	if bytes.IndexByte(p, '%') >= 0 {
		u, err := url.PathUnescape(string(p))
		if err != nil {
			return refBad, "bad %-escape"
		}
		r.tmp = append(r.tmp[:0], u...)
		p = r.tmp
	}

	r.path = append(r.path[:0], page[:strings.LastIndexByte(page, '/')+1]...)
	for {
		seg, rest, more := bytes.Cut(p, []byte{'/'})
		switch string(seg) {
		case ".":
		case "..":
			if len(r.path) == 0 {
				return refBad, "leaves the site root"
			}
			r.path = r.path[:bytes.LastIndexByte(r.path[:len(r.path)-1], '/')+1]
		default:
			r.path = append(r.path, seg...)
			if more {
				r.path = append(r.path, '/')
			}
		}
		if !more {
			if len(seg) == 0 || string(seg) == "." || string(seg) == ".." {
				r.path = append(r.path, "index.html"...)
			}
			break
		}
		p = rest
	}
	if string(r.path) == page {
		return refSelf, ""
	}
	return refFile, ""
}

// hasScheme reports whether p starts with a URL scheme: "https:", "mailto:".
func hasScheme(p []byte) bool {
	for i, c := range p {
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// pageLinks collects the links and ids of the files one worker processes.
type pageLinks struct {
	set *linkSet
	r   resolver

	ids              []uint64 // flushed to set.ids when the worker is done
	checked, skipped int64
	cache            *refCache // flushed to set when the worker is done

	// per page
	e         *entry
	pageIDs   map[uint64]struct{}
	seen      map[uint64]struct{}
	selfFrags []selfFrag
	bad       []BrokenLink
}

type selfFrag struct {
	link string
	key  uint64
	id   string
}

func newPageLinks(s *linkSet) *pageLinks {
	return &pageLinks{
		set:     s,
		cache:   new(refCache),
		pageIDs: make(map[uint64]struct{}),
		seen:    make(map[uint64]struct{}),
	}
}

// collect gathers the links and ids of e, whose content is data (a copy).
func (pl *pageLinks) collect(e *entry, mt string, data []byte) error {
	if !linkable(mt) {
		return nil
	}
	pl.begin(e)
	extract(mt, data, pl)
	pl.end()
	return nil
}

// scan gathers the links and ids of e, an HTML file rendered from
// minified templates, with scanHTML; data is not modified.
func (pl *pageLinks) scan(e *entry, data []byte) error {
	pl.begin(e)
	scanHTML(data, pl)
	pl.end()
	return nil
}

func (pl *pageLinks) begin(e *entry) {
	pl.e = e
	clear(pl.pageIDs)
	clear(pl.seen)
	pl.selfFrags = pl.selfFrags[:0]
	pl.bad = pl.bad[:0]
}

func (pl *pageLinks) end() {
	for _, f := range pl.selfFrags {
		if _, ok := pl.pageIDs[f.key]; !ok && pl.e.markup {
			pl.broken(f.link, fmt.Sprintf("no id %q in this page", f.id))
		}
	}
	if len(pl.bad) > 0 {
		pl.set.addLocal(pl.bad)
	}
}

func (pl *pageLinks) id(raw []byte) {
	if !pl.e.markup || len(raw) == 0 {
		return
	}
	if bytes.IndexByte(raw, '&') >= 0 {
		raw = []byte(html.UnescapeString(string(raw)))
	}
	k := pl.set.keyString(pl.e.path, raw)
	pl.pageIDs[k] = struct{}{}
	pl.ids = append(pl.ids, k)
}

func (pl *pageLinks) ref(raw []byte) {
	s := pl.set
	st, reason := pl.r.resolve(pl.e.path, raw)
	switch st {
	case refExternal:
		return
	case refBad:
		pl.broken(string(bytes.TrimSpace(raw)), reason)
		return
	case refSelf:
		pl.checked++
		if len(pl.r.frag) > 0 {
			pl.selfFrags = append(pl.selfFrags, selfFrag{
				link: string(bytes.TrimSpace(raw)),
				key:  s.keyString(pl.e.path, pl.r.frag),
				id:   string(pl.r.frag),
			})
		}
		return
	}
	if s.skips(pl.r.path) {
		pl.skipped++
		return
	}
	target := s.key(pl.r.path, nil)
	k := target
	if len(pl.r.frag) > 0 {
		k = s.key(pl.r.path, pl.r.frag)
	}
	if _, ok := pl.seen[k]; ok {
		return
	}
	pl.seen[k] = struct{}{}
	pl.checked++

	c := &pl.cache[k&(refCacheSize-1)]
	if c.count > 0 && c.key == k {
		c.page = min(c.page, pl.e.seq)
		c.count++
		return
	}
	if c.count > 0 {
		s.add(c)
	}
	*c = cachedRef{key: k, refInfo: refInfo{target: target, page: pl.e.seq, count: 1, frag: len(pl.r.frag) > 0}}
}

// A refCache holds, for one worker, the last reference seen in each of its
// slots (by key) with the pages not yet counted in the link set. The nav,
// asset and popular code links repeat on most pages; a hit here saves the
// shard's lock and a lookup in a map too big for the processor's caches
// (that lookup was 2.2 of the link scan's 7 CPU-s at 100,000 patents).
type refCache [refCacheSize]cachedRef

const refCacheSize = 4096 // a power of two; 128 KB a worker

type cachedRef struct {
	key uint64
	refInfo
}

// add merges c, a reference and the pages that hold it, into the set.
func (s *linkSet) add(c *cachedRef) {
	sh := &s.shards[c.key%uint64(len(s.shards))]
	sh.mu.Lock()
	if i, ok := sh.m[c.key]; ok {
		info := &sh.infos[i]
		info.page = min(info.page, c.page)
		info.count += c.count
	} else {
		sh.m[c.key] = int32(len(sh.infos))
		sh.infos = append(sh.infos, c.refInfo)
	}
	sh.mu.Unlock()
}

// broken records a link broken within the page, once per page.
func (pl *pageLinks) broken(link, reason string) {
	for _, b := range pl.bad {
		if b.Link == link {
			return
		}
	}
	pl.bad = append(pl.bad, BrokenLink{Page: pl.e.path, Link: link, Reason: reason})
}

// flush hands the worker's ids, counts and cached references to the set.
func (pl *pageLinks) flush() {
	s := pl.set
	for i := range pl.cache {
		if pl.cache[i].count > 0 {
			s.add(&pl.cache[i])
		}
	}
	pl.cache = nil
	s.checked.Add(pl.checked)
	s.skipped.Add(pl.skipped)
	s.mu.Lock()
	s.ids = append(s.ids, pl.ids...)
	s.mu.Unlock()
	pl.ids = nil
}

// check resolves the references to other files once every file is known.
// n is the number of entries, at returns the entry of a seq (0 to n−1);
// read returns a file's content, to find the links behind the few broken
// ones it lists.
func (s *linkSet) check(n int32, at func(int32) *entry, read func(*entry) ([]byte, error)) error {
	files := make(map[uint64]bool, n) // path hash → markup
	for seq := range n {
		e := at(seq)
		files[s.keyString(e.path, nil)] = e.markup
	}
	slices.Sort(s.ids)

	byPage := make(map[int32][]brokenRef)
	total := s.localN
	for i := range s.shards {
		for k, j := range s.shards[i].m {
			info := s.shards[i].infos[j]
			markup, ok := files[info.target]
			if ok && (!info.frag || !markup) {
				continue
			}
			if ok {
				if _, found := slices.BinarySearch(s.ids, k); found {
					continue
				}
			}
			byPage[info.page] = append(byPage[info.page], brokenRef{k, info, !ok})
			total += int(info.count)
		}
	}
	if total == 0 {
		return nil
	}

	// List the first few: read the pages again to find the links as written.
	pages := make([]*entry, 0, len(byPage))
	for seq := range byPage {
		pages = append(pages, at(seq))
	}
	slices.SortFunc(pages, func(a, b *entry) int { return strings.Compare(a.path, b.path) })
	lines := firstLinks(s.local)
	for _, e := range pages[:min(len(pages), maxListed)] {
		data, err := read(e)
		if err != nil {
			return err
		}
		want := make(map[uint64]brokenRef)
		for _, b := range byPage[e.seq] {
			want[b.key] = b
		}
		f := &finder{set: s, e: e, want: want}
		extract(MediaType(e.path), data, f)
		for _, b := range want { // not found again: should not happen
			lines = append(lines, BrokenLink{Page: e.path, Link: "?", Reason: "broken reference not found on re-reading", Others: int(b.info.count) - 1})
		}
		lines = append(lines, f.lines...)
	}
	return &LinkError{Links: firstLinks(lines), Total: total}
}

// A brokenRef is a reference to another file that does not resolve.
type brokenRef struct {
	key    uint64
	info   refInfo
	noFile bool // else the id is missing
}

// A finder finds, in one page, the links whose keys it wants.
type finder struct {
	set   *linkSet
	e     *entry
	r     resolver
	want  map[uint64]brokenRef
	lines []BrokenLink
}

func (f *finder) id([]byte) {}

func (f *finder) ref(raw []byte) {
	if st, _ := f.r.resolve(f.e.path, raw); st != refFile {
		return
	}
	k := f.set.key(f.r.path, f.r.frag)
	b, ok := f.want[k]
	if !ok {
		return
	}
	delete(f.want, k)
	reason := "no file " + string(f.r.path)
	if !b.noFile {
		reason = fmt.Sprintf("no id %q in %s", f.r.frag, f.r.path)
	}
	f.lines = append(f.lines, BrokenLink{Page: f.e.path, Link: string(bytes.TrimSpace(raw)), Reason: reason, Others: int(b.info.count) - 1})
}
