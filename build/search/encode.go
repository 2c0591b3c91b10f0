package search

import (
	"encoding/json"
	"math/bits"
	"strconv"
	"strings"
)

// The index files are JavaScript, so every number in them is text. The
// alphabet is base64's: 64 characters that need no escaping in a JavaScript
// string, six bits each.
const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// appendVint appends v as a variable-length number: five bits per
// character, most significant first; every character but the last has the
// sixth bit set. 0–31 take one character, up to 1023 two, up to 32767 three.
func appendVint(b []byte, v uint64) []byte {
	n := 1
	for x := v >> 5; x > 0; x >>= 5 {
		n++
	}
	for i := n - 1; i >= 0; i-- {
		d := (v >> (5 * uint(i))) & 31
		if i > 0 {
			d |= 32
		}
		b = append(b, alphabet[d])
	}
	return b
}

// vintLen returns how many characters appendVint uses for v.
func vintLen(v uint64) int {
	if v == 0 {
		return 1
	}
	return (bits.Len64(v) + 4) / 5
}

// decodeVints decodes a string of vints; for tests.
func decodeVints(s string) []uint64 {
	var out []uint64
	var v uint64
	for i := 0; i < len(s); i++ {
		d := uint64(strings.IndexByte(alphabet, s[i]))
		v = v<<5 | d&31
		if d < 32 {
			out = append(out, v)
			v = 0
		}
	}
	return out
}

// appendBitmap appends the set of ids (sorted, each < n) as a bitmap: six
// ids per character, id i in bit i%6 of character i/6. Trailing empty
// characters are dropped.
func appendBitmap(b []byte, ids []int32, n int) []byte {
	if len(ids) == 0 {
		return b
	}
	last := int(ids[len(ids)-1])
	chars := make([]byte, last/6+1)
	for _, id := range ids {
		chars[id/6] |= 1 << (uint(id) % 6)
	}
	for _, c := range chars {
		b = append(b, alphabet[c])
	}
	return b
}

// bitmapLen returns the characters appendBitmap uses.
func bitmapLen(ids []int32) int {
	if len(ids) == 0 {
		return 0
	}
	return int(ids[len(ids)-1])/6 + 1
}

// jsString returns s as a JavaScript string literal in single quotes.
// Line terminators, quotes and backslashes are escaped; everything else is
// written as it is (the files are UTF-8).
func jsString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('\'')
	for _, r := range s {
		switch r {
		case '\'', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case 0x2028, 0x2029:
			b.WriteString(`\u` + strconv.FormatInt(int64(r), 16))
		default:
			if r < 0x20 {
				b.WriteString(`\x`)
				b.WriteByte("0123456789abcdef"[r>>4])
				b.WriteByte("0123456789abcdef"[r&15])
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// hash32 returns the 32-bit FNV-1a hash of the code points of s. The engine
// computes the same over String.prototype.codePointAt.
func hash32(s string) uint32 {
	h := uint32(2166136261)
	for _, r := range s {
		h ^= uint32(r)
		h *= 16777619
	}
	return h
}

// appendKey appends s as a JSON string to b, for a JSON document that goes
// into a jsString literal: the common case, a term with no character that
// needs escaping in either, is copied as it is.
func appendKey(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c == '\'' || c == 0xE2 {
			j, _ := json.Marshal(s) // escapes ", \, control characters, U+2028/9
			return append(b, strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(string(j))...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendJSONString appends s as a JSON string.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c != 0xE2 {
			continue
		}
		b = append(b, s[start:i]...)
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, `\u00`...)
			b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		case i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9):
			// U+2028 and U+2029 are valid in JSON but end a line in older JavaScript.
			b = append(b, `\u202`...)
			b = append(b, "89"[s[i+2]-0xA8])
			i += 2
		default:
			b = append(b, c)
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
