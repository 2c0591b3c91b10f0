package publish

import (
	_ "embed"
	"fmt"
	"hash/fnv"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/patentsite/patentsite/build/catalog"
)

// The resolver: patent/resolve.html, patent/resolve.js and the lookup
// shards patent/resolve/<hex>.js. A shard is a classic script, so that it
// loads from file:// as well as from a server (fetch and modules do not
// work from file://):
//
//	patentsiteShard("0a", "EP3628093A2 EP3628093A2 EP3628093 CA3061810\n…");
//
// Each line is a patent id followed by every canonical spelling that leads
// to it and falls into this shard (its own id among them when the id does).
// A spelling falls into shard fnv1a32(spelling) mod n, n a power of two;
// resolve.js computes the same.

// resolveJS is the resolver script. It is the code of this stage, bound to
// the shard format above, so it is embedded here rather than in assets/,
// where a user's -assets could replace it with something that does not
// read these shards.
//
//go:embed resolve.js
var resolveJS []byte

// Paths of the resolver.
const (
	ResolverPage   = "patent/resolve.html"
	ResolverScript = "patent/resolve.js"
	shardDir       = "patent/resolve/"
)

// shardKeys is about how many spellings one shard holds: 10 to 15 KB.
const shardKeys = 1024

// shardCount returns the number of shards for n spellings: a power of two.
func shardCount(n int) int {
	s := 1
	for s*shardKeys < n {
		s *= 2
	}
	return s
}

// shardName is the file name of shard i of n: fixed-width hex.
func shardName(i, n int) string {
	width := len(strconv.FormatInt(int64(n-1), 16))
	s := strconv.FormatInt(int64(i), 16)
	return strings.Repeat("0", width-len(s)) + s
}

func shardOf(key string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(key))
	return int(h.Sum32() & uint32(n-1))
}

// lookupKeys returns, per patent in corpus order, the canonical spellings
// the resolver knows for it: its id, then catalog.Aliases. The JavaScript
// side brings every other spelling (lower case, spaces, slashes, dashes,
// unpadded WO serials) to one of these before looking it up, as
// corpus.Canonical does.
func lookupKeys(c *catalog.Catalog) (keys [][]string, total int) {
	keys = make([][]string, len(c.Patents))
	for i, p := range c.Patents {
		keys[i] = append([]string{p.ID}, c.Aliases(p)...)
		total += len(keys[i])
	}
	return keys, total
}

// shards builds the n shard scripts.
func shards(c *catalog.Catalog, keys [][]string, n int) [][]byte {
	lines := make([][]string, n) // per shard: "ID key key…"
	for i, p := range c.Patents {
		byShard := map[int][]string{}
		for _, k := range keys[i] {
			s := shardOf(k, n)
			byShard[s] = append(byShard[s], k)
		}
		for _, s := range slices.Sorted(maps.Keys(byShard)) {
			lines[s] = append(lines[s], p.ID+" "+strings.Join(byShard[s], " "))
		}
	}
	out := make([][]byte, n)
	for s := range out {
		slices.Sort(lines[s])
		out[s] = fmt.Appendf(nil, "patentsiteShard(%q,%q);\n", shardName(s, n), strings.Join(lines[s], "\n"))
	}
	return out
}
