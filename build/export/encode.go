package export

import (
	"strconv"
	"unicode/utf8"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/urls"
)

// AppendPatent appends p's JSON, as encoding/json (HTML escaping off)
// writes NewPatent(p) followed by a newline, to b. It writes the fields
// itself rather than by reflection: at 100,000 patents the two copies of
// every record (api/patents.json and patent/<ID>/index.json) took 2.5
// CPU-seconds and half a gigabyte of garbage through encoding/json.
// TestAppendPatent holds it to encoding/json, byte for byte.
func AppendPatent(b []byte, p *catalog.Patent) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, p.ID)
	b = appendKeyString(b, "country", p.Country)
	b = appendKeyString(b, "number", p.Number)
	b = appendKeyString(b, "kind", p.Kind)
	b = appendKeyString(b, "title", p.Title)
	b = appendKeyString(b, "lang", p.Lang)
	b = appendKeyString(b, "primary_assignee", p.PrimaryName)
	b = appendArray(b, "assignees", p.AssigneeNames, appendString)
	b = appendKeyBool(b, "assignees_certain", p.AssigneesCertain)
	b = appendKeyString(b, "assignees_raw", p.AssigneesRaw)
	b = appendArray(b, "inventors", p.InventorNames, appendString)
	b = appendKeyBool(b, "inventors_certain", p.InventorsCertain)
	b = appendKeyString(b, "inventors_raw", p.InventorsRaw)
	b = appendArray(b, "priorities", p.Priorities, func(b []byte, pr catalog.Priority) []byte {
		b = append(b, `{"number":`...)
		b = appendString(b, pr.Number)
		b = appendKeyString(b, "date", pr.Date)
		return append(b, '}')
	})
	b = appendKeyString(b, "earliest_priority", p.EarliestPriority)
	b = appendKeyString(b, "publication_date", p.Published)
	b = appendArray(b, "ipc", p.IPC, appendCode)
	b = appendArray(b, "cpc", p.CPC, appendCode)
	b = appendArray(b, "pcl", p.PCL, appendString)
	b = appendArray(b, "family", p.Family, func(b []byte, m catalog.Member) []byte {
		b = append(b, `{"id":`...)
		b = appendString(b, m.ID)
		b = appendKeyString(b, "number", m.Printed)
		b = appendKeyString(b, "kind", m.Kind)
		b = appendKeyString(b, "date", m.Date)
		b = appendKeyBool(b, "in_catalog", m.Patent != nil)
		return append(b, '}')
	})
	b = appendKeyString(b, "abstract", p.Abstract)
	b = appendKeyString(b, "abstract_provenance", p.AbstractProvenance)
	b = append(appendKey(b, "drawings"), '[')
	for i, d := range p.Drawings { // corpus.Drawing: a type of the stage before the catalog
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"kind":`...)
		b = appendString(b, d.Kind)
		b = appendKeyString(b, "source", d.Source)
		b = append(b, '}')
	}
	b = append(b, ']')
	b = appendKeyString(b, "url", urls.Dir(urls.Patent(p.ID)))
	b = append(b, `,"source":{"file":`...)
	b = appendString(b, p.Source.File)
	b = append(b, `,"line":`...)
	b = strconv.AppendInt(b, int64(p.Source.Line), 10)
	b = append(b, '}')
	b = appendArray(b, "assignee_slugs", p.Assignees, func(b []byte, a *catalog.Assignee) []byte { return appendString(b, a.Slug) })
	b = appendArray(b, "inventor_slugs", p.Inventors, func(b []byte, in *catalog.Inventor) []byte { return appendString(b, in.Slug) })
	return append(b, "}\n"...)
}

func appendKey(b []byte, key string) []byte {
	b = append(b, ',', '"')
	b = append(b, key...)
	return append(b, '"', ':')
}

func appendKeyString(b []byte, key, s string) []byte {
	return appendString(appendKey(b, key), s)
}

func appendKeyBool(b []byte, key string, v bool) []byte {
	return strconv.AppendBool(appendKey(b, key), v)
}

// appendArray appends `,"key":[…]` with each element of xs by elem.
func appendArray[T any](b []byte, key string, xs []T, elem func([]byte, T) []byte) []byte {
	b = append(appendKey(b, key), '[')
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = elem(b, x)
	}
	return append(b, ']')
}

func appendCode(b []byte, c catalog.Class) []byte {
	b = append(b, `{"code":`...)
	b = appendString(b, c.Node.Code)
	b = appendKeyBool(b, "main", c.Main)
	return append(b, '}')
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string the way encoding/json does with
// HTML escaping off: control characters escaped (\n, \t … or \u00XX),
// each invalid UTF-8 byte as \ufffd, and U+2028 and U+2029 escaped. Runs
// of plain ASCII, most of most strings, are passed over eight bytes at a
// time.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		for i+8 <= len(s) && plain8(s[i:i+8]) {
			i += 8
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			b = appendEscape(b, c)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// plain8 reports whether the 8 bytes of s are ASCII that JSON takes as it
// is: no control character, '"', '\\' or byte above 0x7F. The tests are
// the classic ones for a byte below n, (w - n*ones) &^ w & highs, which is
// exact about whether there is one when n <= 0x80.
func plain8(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	w := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	ctl := (w - 0x20*ones) &^ w
	q := w ^ '"'*ones
	bs := w ^ '\\'*ones
	return (w|ctl|(q-ones)&^q|(bs-ones)&^bs)&highs == 0
}

// appendEscape appends the escape of an ASCII byte c that needs one.
func appendEscape(b []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(b, '\\', c)
	case '\b':
		return append(b, '\\', 'b')
	case '\f':
		return append(b, '\\', 'f')
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	return append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
}
