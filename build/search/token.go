package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The tokenizer here and the one in assets/search.js must agree term for
// term: the index is built with this one and queried with that one.
// TestEngineTokenizer runs both over the same strings.

// foldSpecial maps the Latin letters that have no canonical decomposition
// to their usual ASCII spelling.
var foldSpecial = map[rune]string{
	'Æ': "ae", 'æ': "ae", 'Ð': "d", 'ð': "d", 'Ø': "o", 'ø': "o", 'Þ': "th", 'þ': "th",
	'ß': "ss", 'ẞ': "ss", 'Đ': "d", 'đ': "d", 'Ħ': "h", 'ħ': "h", 'ı': "i", 'Ĳ': "ij",
	'ĳ': "ij", 'Ŀ': "l", 'ŀ': "l", 'Ł': "l", 'ł': "l", 'Œ': "oe", 'œ': "oe", 'Ŧ': "t", 'ŧ': "t",
}

// homoglyphs maps Cyrillic and Greek lower-case letters that look like
// Latin ones to those. They are folded only inside a word that also has
// Latin letters, as in "PAPANЕК" (CORPUS.md §2.5), so that genuine Cyrillic
// or Greek words stay as they are.
var homoglyphs = map[rune]byte{
	'а': 'a', 'в': 'b', 'е': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'с': 'c', 'т': 't', 'у': 'y', 'х': 'x',
	'і': 'i', 'ј': 'j', 'ѕ': 's',
	'α': 'a', 'β': 'b', 'ε': 'e', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x',
}

// foldRune appends the folded form of r to b: lower case, without
// diacritics, full-width ASCII as ASCII.
func foldRune(b []byte, r rune) []byte {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(b, byte(r))
	case 0xFF01 <= r && r <= 0xFF5E: // full-width ASCII
		return foldRune(b, r-0xFF01+0x21)
	}
	if c, ok := nfdBase[r]; ok {
		return append(b, c)
	}
	if s, ok := foldSpecial[r]; ok {
		return append(b, s...)
	}
	return utf8.AppendRune(b, unicode.ToLower(r))
}

// Fold returns s in the form terms are compared in: lower case, without
// diacritics, full-width ASCII as ASCII.
func Fold(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = foldRune(b, r)
	}
	return string(b)
}

// isCJK reports whether r is written without spaces between words: Han,
// Hiragana, Katakana. Such text is indexed as single characters and
// overlapping character pairs.
func isCJK(r rune) bool {
	switch {
	case r < 0x3040:
		return false
	case r <= 0x30FF: // Hiragana, Katakana
		return true
	case 0x3400 <= r && r <= 0x4DBF, 0x4E00 <= r && r <= 0x9FFF, 0xF900 <= r && r <= 0xFAFF:
		return true
	case 0x20000 <= r && r <= 0x3FFFF:
		return true
	}
	return false
}

// isWord reports whether r belongs to a space-separated word.
func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	if 0xFF10 <= r && r <= 0xFF19 || 0xFF21 <= r && r <= 0xFF3A || 0xFF41 <= r && r <= 0xFF5A {
		return true // full-width letters and digits
	}
	return (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)) && !isCJK(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// A Token is one term of a text, with the bytes of the text it stands for.
type Token struct {
	Term       string
	Start, End int // byte offsets into the text
	CJK        bool
}

// Tokenize splits s into terms, in order: each word folded and stemmed
// (see Stem), and each run of CJK characters as each character alone and
// each overlapping pair of characters. A word is a run of letters and
// digits; an apostrophe between two of them is dropped ("O'Hern" → "ohern")
// and anything else separates words ("blockchain-based" → "blockchain",
// "based"). Cyrillic and Greek letters that look Latin are read as Latin
// inside a word that has Latin letters ("PAPANЕК" → "papanek").
func Tokenize(s string, emit func(Token)) {
	tokenize(s, func(term []byte, start, end int, cjk bool) bool {
		emit(Token{Term: string(term), Start: start, End: end, CJK: cjk})
		return true
	})
}

// Terms returns the terms of s (see Tokenize).
func Terms(s string) []string {
	var out []string
	tokenize(s, func(term []byte, _, _ int, _ bool) bool { out = append(out, string(term)); return true })
	return out
}

// tokenize is Tokenize without allocations: term is valid only during the
// call of emit. It stops when emit returns false.
func tokenize(s string, emit func(term []byte, start, end int, cjk bool) bool) {
	var buf [64]byte
	b := buf[:0]
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			i++
			continue
		}
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case isCJK(r):
			j := i + n
			if !emit(append(b[:0], s[i:j]...), i, j, true) {
				return
			}
			prevAt := i
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !isCJK(r2) {
					break
				}
				if !emit(append(b[:0], s[prevAt:j+n2]...), prevAt, j+n2, true) ||
					!emit(append(b[:0], s[j:j+n2]...), j, j+n2, true) {
					return
				}
				prevAt = j
				j += n2
			}
			i = j
		case isWord(r):
			start := i
			b = b[:0]
			ascii, latin, glyph := true, false, false
			for i < len(s) {
				c := s[i]
				if c < utf8.RuneSelf {
					switch {
					case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
						b = append(b, c)
						latin = latin || c >= 'a'
						i++
						continue
					case 'A' <= c && c <= 'Z':
						b = append(b, c+'a'-'A')
						latin = true
						i++
						continue
					case c == '\'' && len(b) > 0 && i+1 < len(s) && startsWord(s[i+1:]):
						i++
						continue
					}
					break
				}
				r2, n2 := utf8.DecodeRuneInString(s[i:])
				if isApostrophe(r2) && len(b) > 0 && i+n2 < len(s) && startsWord(s[i+n2:]) {
					i += n2
					continue
				}
				if !isWord(r2) {
					break
				}
				ascii = false
				if 0xC0 <= r2 && r2 <= 0x24F || 0x1E00 <= r2 && r2 <= 0x1EFF || 0xFF21 <= r2 && r2 <= 0xFF5A {
					latin = true
				} else if _, ok := homoglyphs[unicode.ToLower(r2)]; ok {
					glyph = true
				}
				b = foldRune(b, r2)
				i += n2
			}
			if latin && glyph {
				b = unglyph(b)
			}
			if ascii || len(b) >= 4 {
				b = stem(b)
			}
			if !emit(b, start, i, false) {
				return
			}
		default:
			i += n
		}
	}
}

func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWord(r)
}

// unglyph replaces Cyrillic and Greek look-alikes in a folded word.
func unglyph(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for _, r := range string(b) {
		if c, ok := homoglyphs[r]; ok {
			out = append(out, c)
		} else {
			out = utf8.AppendRune(out, r)
		}
	}
	return out
}

// Stem removes an English plural ending from a folded word of four or more
// ASCII letters, so that singular and plural meet: "ledgers" → "ledger",
// "strategies" → "strategy", "processes" → "process", "matches" → "match".
// Words ending in "ss", "us" or "is" ("process", "consensus", "analysis")
// are left as they are. It is deliberately light: no other suffix is
// touched, and a word with a digit or a non-ASCII letter is kept whole.
func Stem(w string) string { return string(stem([]byte(w))) }

func stem(w []byte) []byte {
	n := len(w)
	if n < 4 || w[n-1] != 's' {
		return w
	}
	for _, c := range w {
		if c < 'a' || c > 'z' {
			return w
		}
	}
	s := string(w) // does not allocate when only compared
	switch {
	case strings.HasSuffix(s, "ies") && n > 4 && !strings.HasSuffix(s, "eies") && !strings.HasSuffix(s, "aies"):
		return append(w[:n-3], 'y')
	case strings.HasSuffix(s, "sses"), strings.HasSuffix(s, "xes"), strings.HasSuffix(s, "ches"),
		strings.HasSuffix(s, "shes"), strings.HasSuffix(s, "zzes"):
		return w[:n-2]
	case strings.HasSuffix(s, "ss"), strings.HasSuffix(s, "us"), strings.HasSuffix(s, "is"):
		return w
	}
	return w[:n-1]
}
