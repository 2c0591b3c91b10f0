package output

import (
	"fmt"
	"hash/maphash"
	"strings"
	"unicode/utf8"
)

// stateDir holds the manifest, journal, stage and backup inside out.
const stateDir = ".patentsite"

// checkPath reports why p cannot be a site path, or nil. See the package
// documentation for the rules; they keep every file inside out and make the
// site unzip on Windows and macOS.
func checkPath(p string) error {
	bad := func(why string) error {
		return fmt.Errorf("output: bad file path %q: %s", p, why)
	}
	switch {
	case p == "":
		return bad("empty")
	case p[0] == '/':
		return bad("absolute")
	case !utf8.ValidString(p):
		return bad("not UTF-8")
	}
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == 0:
			return bad("NUL byte")
		case c < 0x20 || c == 0x7f:
			return bad("control character")
		case c == '\\':
			return bad("backslash")
		case strings.IndexByte(`<>:"|?*`, c) >= 0:
			return bad(fmt.Sprintf("%q is not allowed in file names on Windows", c))
		}
	}
	for i, seg := range strings.Split(p, "/") {
		switch {
		case seg == "":
			return bad("empty segment")
		case seg == "." || seg == "..":
			return bad(fmt.Sprintf("%q segment", seg))
		case i == 0 && seg == stateDir:
			return bad(stateDir + " is reserved for the build state")
		case strings.HasSuffix(seg, ".") || strings.HasSuffix(seg, " "):
			return bad(fmt.Sprintf("segment %q ends in a dot or space", seg))
		case reserved(seg):
			return bad(fmt.Sprintf("%q is a reserved device name on Windows", seg))
		}
	}
	return nil
}

// reserved reports whether seg is a Windows device name, which Windows
// refuses as a file name with any extension: "CON", "nul.txt", "Com1.html".
func reserved(seg string) bool {
	base, _, _ := strings.Cut(seg, ".")
	base = strings.TrimRight(base, " ")
	switch len(base) {
	case 3:
		switch strings.ToUpper(base) {
		case "CON", "PRN", "AUX", "NUL":
			return true
		}
	case 4:
		switch strings.ToUpper(base[:3]) {
		case "COM", "LPT":
			return '1' <= base[3] && base[3] <= '9'
		}
	case 5: // COM¹, COM², COM³ and LPT¹…³ in UTF-8
		switch strings.ToUpper(base[:3]) {
		case "COM", "LPT":
			return base[3:] == "¹" || base[3:] == "²" || base[3:] == "³"
		}
	}
	return false
}

// A pathSet holds every path and directory the producer has seen, folded
// to lower case: no two files may differ only in case, and no file may also
// be a directory. It keeps 64-bit hashes and entry numbers rather than the
// strings, 16 bytes a path and nothing for the collector to scan (it was
// 57 MB of strings at 100,000 patents); a hash that matches is confirmed
// on the paths, and the rare key whose hash another key holds is kept by
// its string in spill.
type pathSet struct {
	es     *entries
	hash   func([]byte) uint64 // a test makes every key collide
	m      map[uint64]seenPath
	spill  map[string]seenPath
	fp, fq []byte // scratch: the folded path being added, and one it is compared with
	adding int32  // the entry of fp, not yet in es
}

// A seenPath is a folded path and what brought it: the file of entry seq
// itself (dir 0), or the directory that is the first dir bytes of its
// folded path.
type seenPath struct {
	seq int32
	dir int32
}

func newPathSet(es *entries) *pathSet {
	seed := maphash.MakeSeed()
	return &pathSet{
		es:    es,
		hash:  func(b []byte) uint64 { return maphash.Bytes(seed, b) },
		m:     make(map[uint64]seenPath),
		spill: make(map[string]seenPath),
	}
}

// add adds the file p, entry seq, and its directories, or reports a clash.
// newDir reports whether p's directory was not seen before.
func (s *pathSet) add(p string, seq int32) (newDir bool, err error) {
	s.fp, s.adding = appendFold(s.fp[:0], p), seq
	fp := s.fp
	if prev, ok := s.get(fp); ok {
		prevPath := s.es.at(prev.seq).path
		switch {
		case prev.dir > 0:
			return false, fmt.Errorf("output: %s is a file and the directory of %s", p, prevPath)
		case prevPath == p:
			return false, fmt.Errorf("output: %s: two files have this path", p)
		default:
			return false, fmt.Errorf("output: %s and %s differ only in case", prevPath, p)
		}
	}
	s.put(fp, seenPath{seq: seq})
	// '/' is ASCII, so fp's prefixes are the folded directories of p. The
	// first one put, if any, is p's own directory.
	for i := len(fp) - 1; i > 0; i-- {
		if fp[i] != '/' {
			continue
		}
		prev, ok := s.get(fp[:i])
		if ok && prev.dir > 0 {
			break // and so are its parents
		}
		if ok {
			return false, fmt.Errorf("output: %s is a file and the directory of %s", s.es.at(prev.seq).path, p)
		}
		s.put(fp[:i], seenPath{seq: seq, dir: int32(i)})
		newDir = true
	}
	return newDir, nil
}

// get returns what brought the folded path k, if anything did.
func (s *pathSet) get(k []byte) (seenPath, bool) {
	sp, ok := s.m[s.hash(k)]
	if !ok {
		return sp, false
	}
	if string(s.folded(sp)) == string(k) {
		return sp, true
	}
	sp, ok = s.spill[string(k)]
	return sp, ok
}

// put adds the folded path k, which get did not find.
func (s *pathSet) put(k []byte, sp seenPath) {
	h := s.hash(k)
	if _, taken := s.m[h]; taken {
		s.spill[string(k)] = sp
		return
	}
	s.m[h] = sp
}

// folded returns the folded path sp stands for.
func (s *pathSet) folded(sp seenPath) []byte {
	f := s.fp
	if sp.seq != s.adding {
		s.fq = appendFold(s.fq[:0], s.es.at(sp.seq).path)
		f = s.fq
	}
	if sp.dir > 0 {
		return f[:sp.dir]
	}
	return f
}

// appendFold appends p in lower case, as strings.ToLower gives it: paths
// that differ only in case fold to one key.
func appendFold(b []byte, p string) []byte {
	for i := 0; i < len(p); i++ {
		if p[i] >= utf8.RuneSelf {
			return append(b, strings.ToLower(p)...)
		}
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}
