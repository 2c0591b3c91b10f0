package publish

import (
	"bytes"
	"cmp"
	"crypto/sha1"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/output"
	"github.com/patentsite/patentsite/build/urls"
)

// FeedPath is the Atom feed of the newest publications.
const FeedPath = "feed.atom"

// feedEntries is how many publications the feed lists.
const feedEntries = 50

// feed yields feed.atom: the feedEntries most recently published patents,
// newest first (ties in corpus order). Dates are publication dates at
// midnight UTC and <updated> is the newest of them, never the build time,
// so the same catalog gives the same bytes.
//
// Entry ids are urn:uuid: names derived from the patent id (UUID version 5),
// so they stay the same when the site moves or gains a base URL, as RFC 4287
// asks of ids. With a base URL the links are absolute; without one they are
// relative to the feed's own address, which RFC 4287 allows (§3.3, xml:base
// and the document's URI), and a feed reader resolves them when it fetches
// the feed from a server.
func (p *publisher) feed(yield func(output.File, error) bool) bool {
	var dated []*catalog.Patent
	for _, pt := range p.cat.Patents {
		if pt.Published != "" {
			dated = append(dated, pt)
		}
	}
	slices.SortStableFunc(dated, func(a, b *catalog.Patent) int {
		return cmp.Compare(b.Published, a.Published)
	})
	dated = dated[:min(len(dated), feedEntries)]

	link := func(path string) string {
		if p.cfg.BaseURL == "" {
			return urls.Dir(path)
		}
		return urls.Abs(p.cfg.BaseURL, path)
	}
	updated := "1970-01-01"
	if len(dated) > 0 {
		updated = dated[0].Published
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">` + "\n")
	elem(&b, "title", p.cfg.Title+": newest publications")
	elem(&b, "subtitle", fmt.Sprintf("The %d most recently published patents of the catalog.", len(dated)))
	b.WriteString(`<link rel="self" type="application/atom+xml" href="`)
	xml.EscapeText(&b, []byte(cmp.Or(absFile(p.cfg.BaseURL, FeedPath), FeedPath)))
	b.WriteString(`"/>` + "\n")
	b.WriteString(`<link rel="alternate" type="text/html" href="`)
	xml.EscapeText(&b, []byte(cmp.Or(link(urls.Home), "./")))
	b.WriteString(`"/>` + "\n")
	elem(&b, "id", uuidURN("patentsite:feed:"+p.cfg.Title))
	elem(&b, "updated", updated+"T00:00:00Z")
	b.WriteString("<author>")
	elem(&b, "name", p.cfg.Title)
	b.WriteString("</author>\n")
	elem(&b, "generator", "patentsite")
	for _, pt := range dated {
		b.WriteString("<entry>\n")
		elem(&b, "title", pt.ID+": "+pt.Title)
		b.WriteString(`<link rel="alternate" type="text/html" href="`)
		xml.EscapeText(&b, []byte(link(urls.Patent(pt.ID))))
		b.WriteString(`"/>` + "\n")
		elem(&b, "id", uuidURN("patentsite:patent:"+pt.ID))
		elem(&b, "published", pt.Published+"T00:00:00Z")
		elem(&b, "updated", pt.Published+"T00:00:00Z")
		for _, n := range pt.InventorNames {
			b.WriteString("<author>")
			elem(&b, "name", n)
			b.WriteString("</author>")
		}
		if pt.Primary != nil {
			b.WriteString("<contributor>")
			elem(&b, "name", pt.Primary.Name)
			b.WriteString("</contributor>")
		}
		for _, cl := range pt.CPC {
			if cl.Main {
				fmt.Fprintf(&b, `<category term="%s" label="CPC %s"/>`, xmlAttr(cl.Node.Code), xmlAttr(cl.Node.Code))
			}
		}
		if pt.Abstract != "" {
			elem(&b, "summary", clip(pt.Abstract, 600))
		}
		b.WriteString("</entry>\n")
	}
	b.WriteString("</feed>\n")
	return yield(output.File{Path: FeedPath, Kind: KindMeta, Data: b.Bytes()}, nil)
}

func elem(b *bytes.Buffer, name, text string) {
	b.WriteString("<" + name + ">")
	xml.EscapeText(b, []byte(text))
	b.WriteString("</" + name + ">\n")
}

func xmlAttr(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// clip shortens s to at most n runes, at a word boundary, with "…".
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	if i := strings.LastIndexByte(string(r), ' '); i > len(string(r))/2 {
		return string(r)[:i] + "…"
	}
	return string(r) + "…"
}

// uuidURN returns the RFC 9562 version 5 UUID of name in the URL
// namespace, as a URN.
func uuidURN(name string) string {
	ns := [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}
