package search

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/patentsite/patentsite/build/corpus"
)

// A Number is a publication number split the way the number shards key
// it: "US10637644B1" is {"US", "10637644", "B1"}.
type Number struct {
	Prefix string // the leading letters: "US", "WO", "JPWO"
	Key    string // the rest, without the kind: "10637644"; the shard key
	Kind   string // "B1", or "" when not given
}

var (
	kindSuffix = regexp.MustCompile(`(\d)([A-Z]\d?)$`)
	numberRe   = regexp.MustCompile(`^([A-Z]{2,5})?([0-9][0-9A-Z]*)$`)
	separators = strings.NewReplacer(" ", "", ",", "", ".", "", "\u00a0", "", "\t", "")
)

// ParseNumber reads a publication number in any of the spellings a person
// may type or paste: "US10637644B1", "US 10,637,644", "us10637644",
// "WO2020/253126", "WO202014512" (serial not padded), "KR10-2172903",
// "KR10-2020-0123976", "CN211857397U", or bare digits "10637644". It
// normalizes as corpus.Canonical does: spaces, commas and dots go, a kind
// after the last digit is split off, a WO serial is padded to six digits,
// KR "10-" numbers lose their dashes, then every "/" and "-". It reports
// false for text that is not shaped like a number or has fewer than five
// digits. The engine's parseNumber does the same.
func ParseNumber(s string) (Number, bool) {
	s = separators.Replace(strings.ToUpper(s))
	kind := ""
	if m := kindSuffix.FindStringSubmatchIndex(s); m != nil {
		kind = s[m[4]:m[5]]
		s = s[:m[4]]
	}
	switch {
	case strings.HasPrefix(s, "WO"):
		s = padWO(s)
	case strings.HasPrefix(s, "KR10-"):
		s, _ = corpus.Canonical(s, "")
	}
	s = strings.NewReplacer("/", "", "-", "").Replace(s)
	m := numberRe.FindStringSubmatch(s)
	if m == nil {
		return Number{}, false
	}
	digits := 0
	for _, c := range m[2] {
		if c >= '0' && c <= '9' {
			digits++
		}
	}
	if digits < 5 {
		return Number{}, false
	}
	return Number{Prefix: m[1], Key: m[2], Kind: kind}, true
}

// padWO pads the serial of "WO" + year + serial ("WO2020/14512",
// "WO202014512") to six digits.
func padWO(s string) string {
	rest := strings.TrimPrefix(s, "WO")
	year, serial, slash := strings.Cut(rest, "/")
	if !slash {
		if len(rest) < 9 || len(rest) > 10 {
			return s
		}
		year, serial = rest[:4], rest[4:]
	}
	if len(year) != 4 || serial == "" || len(serial) > 6 || strings.Trim(year+serial, "0123456789") != "" {
		return s
	}
	return "WO" + year + strings.Repeat("0", 6-len(serial)) + serial
}

// numberKey returns the Number of a canonical number (as in the catalog)
// and kind: the leading letters are the prefix, and a letter after the
// last digit ("SG11201910069Y") is left out of the key, as ParseNumber
// does.
func numberKey(canonical, kind string) Number {
	i := 0
	for i < len(canonical) && canonical[i] >= 'A' && canonical[i] <= 'Z' {
		i++
	}
	key := canonical[i:]
	if m := kindSuffix.FindStringSubmatchIndex(key); m != nil {
		key = key[:m[4]]
	}
	return Number{Prefix: canonical[:i], Key: key, Kind: kind}
}

// A numberHit is one entry of a number shard: [prefix, kind, doc, own],
// own being 1 for the patent's own number and 0 for a family member's.
type numberHit struct {
	prefix, kind string
	doc          int32
	own          bool
}

// numberFiles writes the number shards: every publication number that
// leads to a patent (its own and its family members', see
// catalog.Resolve), keyed by Number.Key and spread over the shards by its
// hash. A shard is a JSON object: key → list of [prefix, kind, doc, own].
func (ix *index) numberFiles(put func(part, path string, data []byte) bool) bool {
	byKey := map[string][]numberHit{}
	size := 0
	add := func(canonical, kind string, d int, own bool) {
		n := numberKey(canonical, kind)
		if n.Key == "" {
			return
		}
		for _, h := range byKey[n.Key] {
			if h.prefix == n.Prefix && h.kind == n.Kind && h.doc == int32(d) {
				return
			}
		}
		if len(byKey[n.Key]) == 0 {
			size += len(n.Key) + 4
		}
		byKey[n.Key] = append(byKey[n.Key], numberHit{n.Prefix, n.Kind, int32(d), own})
		size += len(n.Prefix) + len(n.Kind) + 16
	}
	for d, p := range ix.order {
		add(p.Number, p.Kind, d, true)
		for _, m := range p.Family {
			if m.Number == "" || m.ID == p.ID {
				continue
			}
			if ix.c.Resolve(m.ID) == p || ix.c.Resolve(m.Number) == p {
				add(m.Number, m.Kind, d, false)
			}
		}
	}
	shards := shardCount(size, ix.p.NumberBytes)
	keys := make([][]string, shards)
	for k := range byKey {
		s := hash32(k) % uint32(shards)
		keys[s] = append(keys[s], k)
	}
	ix.numberShards = shards
	for s := range keys {
		slices.Sort(keys[s])
		id := "n" + strconv.Itoa(s)
		b := []byte("patentsiteIndex(\"" + id + "\",'{")
		for i, k := range keys[s] {
			hits := byKey[k]
			slices.SortFunc(hits, func(a, b numberHit) int {
				if a.own != b.own {
					if a.own {
						return -1
					}
					return 1
				}
				return int(a.doc - b.doc)
			})
			if i > 0 {
				b = append(b, ',')
			}
			b = appendKey(b, k)
			b = append(b, ':', '[')
			for j, h := range hits {
				if j > 0 {
					b = append(b, ',')
				}
				b = append(b, '[')
				b = appendKey(b, h.prefix)
				b = append(b, ',')
				b = appendKey(b, h.kind)
				b = append(b, ',')
				b = strconv.AppendInt(b, int64(h.doc), 10)
				if h.own {
					b = append(b, ",1]"...)
				} else {
					b = append(b, ",0]"...)
				}
			}
			b = append(b, ']')
		}
		b = append(b, "}');\n"...)
		if !put("numbers", Dir+id+".js", b) {
			return false
		}
	}
	return true
}
