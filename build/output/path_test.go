package output

import (
	"strings"
	"testing"
)

// TestPathSet adds paths to a pathSet whose hashes all collide, and to a
// normal one: both must find the same clashes, so a match of hashes alone
// never reports one.
func TestPathSet(t *testing.T) {
	for _, tc := range []struct {
		paths []string
		want  string // error of the last path; "" for none
	}{
		{[]string{"a.html", "b.html", "c/d.html", "c/e.html", "C2/x.html"}, ""},
		{[]string{"patent/X/index.html", "patent/X/index.json", "patent/Y/index.html"}, ""},
		{[]string{"a.html", "A.HTML"}, "a.html and A.HTML differ only in case"},
		{[]string{"a.html", "a.html"}, "a.html: two files have this path"},
		{[]string{"x/y/z.html", "x/Y"}, "x/Y is a file and the directory of x/y/z.html"},
		{[]string{"x/Y", "b.html", "x/y/z.html"}, "x/Y is a file and the directory of x/y/z.html"},
		{[]string{"Ä/b.html", "ä/c.html"}, ""},
		{[]string{"Ä/b.html", "ä"}, "ä is a file and the directory of Ä/b.html"},
	} {
		for _, collide := range []bool{false, true} {
			var es entries
			s := newPathSet(&es)
			if collide {
				s.hash = func([]byte) uint64 { return 42 }
			}
			var err error
			for _, p := range tc.paths {
				if _, err = s.add(p, int32(es.n)); err != nil {
					break
				}
				es.add(p, "")
			}
			got := ""
			if err != nil {
				got = strings.TrimPrefix(err.Error(), "output: ")
			}
			if got != tc.want {
				t.Errorf("%q (collide %v): got %q, want %q", tc.paths, collide, got, tc.want)
			}
		}
	}
}

// TestPathSetNewDir checks which files are the first of their directory.
func TestPathSetNewDir(t *testing.T) {
	var es entries
	s := newPathSet(&es)
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"a/b.html", true},
		{"a/c.html", false},
		{"a/d/e/f.html", true},
		{"a/d/g.html", false}, // a/d was made with a/d/e
		{"A/h.html", false},   // a, folded
		{"i.html", false},     // the root is always there
	} {
		got, err := s.add(tc.path, int32(es.n))
		if err != nil {
			t.Fatal(err)
		}
		es.add(tc.path, "")
		if got != tc.want {
			t.Errorf("%s: newDir %v, want %v", tc.path, got, tc.want)
		}
	}
}
