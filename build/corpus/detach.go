package corpus

import (
	"slices"
	"unsafe"
)

// detach copies the strings of r that point into text, the whole export,
// to one buffer of the record's own, so that the export can be freed once
// it is parsed. A catalog keeps about half of an export's bytes (titles,
// abstracts, names, codes) and none of the rest (the index table, the
// markup, the lines that repeat a field); at 100,000 patents the 198 MB
// export would otherwise stay on the heap for the whole build, and the
// collector, held to its soft memory limit, would run that much more often.
//
// Strings that overlap in text (a name inside the raw assignee text)
// overlap in the copy too; an empty string is set to "", which holds no
// pointer.
func (r *Record) detach(text string, sc *detachScratch) {
	lo := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	hi := lo + uintptr(len(text))
	sc.refs = sc.refs[:0]
	r.eachString(func(s *string) {
		if len(*s) == 0 {
			*s = ""
			return
		}
		p := uintptr(unsafe.Pointer(unsafe.StringData(*s)))
		if p < lo || p >= hi {
			return // made by the parser, not cut from the text
		}
		sc.refs = append(sc.refs, stringRef{s: s, off: int(p - lo)})
	})
	if len(sc.refs) == 0 {
		return
	}
	refs := sc.refs
	slices.SortFunc(refs, func(a, b stringRef) int { return a.off - b.off })

	// Merge the strings into runs of text, each copied once.
	sc.runs = sc.runs[:0]
	size := 0
	for i := 0; i < len(refs); {
		r := run{start: refs[i].off, end: refs[i].off + len(*refs[i].s), first: i}
		for i++; i < len(refs) && refs[i].off <= r.end; i++ {
			r.end = max(r.end, refs[i].off+len(*refs[i].s))
		}
		r.last = i
		sc.runs = append(sc.runs, r)
		size += r.end - r.start
	}
	buf := make([]byte, size)
	at := 0
	for _, r := range sc.runs {
		copy(buf[at:], text[r.start:r.end])
		for _, ref := range refs[r.first:r.last] {
			*ref.s = unsafe.String(&buf[at+ref.off-r.start], len(*ref.s))
		}
		at += r.end - r.start
	}
	clear(refs) // drop the pointers into the record
}

// A detachScratch is one parsing worker's reusable list of strings.
type detachScratch struct {
	refs []stringRef
	runs []run
}

// A run is a stretch of text that strings refs[first:last] lie in.
type run struct {
	start, end  int
	first, last int
}

type stringRef struct {
	s   *string
	off int // in the text
}

// eachString calls f with a pointer to every string field of r.
func (r *Record) eachString(f func(*string)) {
	value := func(v *Value) {
		f(&v.Text)
		f(&v.Pos.File)
	}
	values := func(vs []Value) {
		for i := range vs {
			value(&vs[i])
		}
	}
	f(&r.Pos.File)
	f(&r.ID)
	f(&r.Country)
	f(&r.Number)
	f(&r.Kind)
	value(&r.Printed)
	value(&r.Title)
	value(&r.IndexTitle)
	f(&r.Lang)
	value(&r.Assignees.Primary)
	value(&r.Assignees.Raw)
	values(r.Assignees.Names)
	value(&r.Inventors.Raw)
	values(r.Inventors.Names)
	for i := range r.Priorities {
		p := &r.Priorities[i]
		f(&p.Number)
		f(&p.Date)
		f(&p.Pos.File)
	}
	for _, codes := range [][]Code{r.IPC, r.CPC} {
		for i := range codes {
			c := &codes[i]
			f(&c.Raw)
			f(&c.Code)
			f(&c.Pos.File)
		}
	}
	values(r.PCL)
	for i := range r.Family {
		m := &r.Family[i]
		f(&m.Printed)
		f(&m.ID)
		f(&m.Number)
		f(&m.Kind)
		f(&m.Date)
		f(&m.Pos.File)
	}
	value(&r.Marker)
	value(&r.Abstract)
	value(&r.Provenance)
	for i := range r.Drawings {
		d := &r.Drawings[i]
		f(&d.Kind)
		f(&d.Source)
		f(&d.Pos.File)
	}
	values(r.Unclaimed)
}
