package corpus

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestSpaceClass checks squeeze's table against every rune unicode.IsSpace
// accepts.
func TestSpaceClass(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !unicode.IsSpace(r) {
			continue
		}
		want := byte(utf8.RuneSelf)
		switch {
		case r == ' ':
			want = ' '
		case r < utf8.RuneSelf:
			want = '\t'
		}
		if got := spaceClass[string(r)[0]]; got != want {
			t.Errorf("spaceClass of %U's first byte = %d, want %d", r, got, want)
		}
	}
}

func TestSplitIn(t *testing.T) {
	for _, s := range []string{"a", "\n", "a\nb", "a\n\nb\n", "\n\n\n", "one line\nanother\n\nthird\nfourth"} {
		for n := 1; n <= 5; n++ {
			if got, want := splitIn(s, n), strings.Split(s, "\n"); !slices.Equal(got, want) {
				t.Errorf("splitIn(%q, %d) = %q, want %q", s, n, got, want)
			}
		}
	}
}

// FuzzText holds the fast text helpers to the standard library functions
// they stand for.
func FuzzText(f *testing.F) {
	for _, s := range []string{"a  b", " a\tb ", "a\u00a0b", "x\xe2\x80", "a \u3000b\n\nc", "\xc2 a", "é\n", "abcdefghijklmnopqrstuvwxyz\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := squeeze(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("squeeze(%q) = %q, want %q", s, got, want)
		}
		if got, want := appendFields(nil, s), strings.Fields(s); !slices.Equal(got, want) {
			t.Errorf("appendFields(%q) = %q, want %q", s, got, want)
		}
		if got, want := ascii(s), !strings.ContainsFunc(s, func(r rune) bool { return r >= utf8.RuneSelf }); got != want {
			t.Errorf("ascii(%q) = %v, want %v", s, got, want)
		}
		for n := 2; n <= 4; n++ {
			if got, want := splitIn(s, n), strings.Split(s, "\n"); !slices.Equal(got, want) {
				t.Errorf("splitIn(%q, %d) = %q, want %q", s, n, got, want)
			}
		}
		if got, want := validHalves([]byte(s)), utf8.ValidString(s); got != want {
			t.Errorf("validHalves(%q) = %v, want %v", s, got, want)
		}
	})
}
