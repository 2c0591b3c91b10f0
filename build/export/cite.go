package export

import (
	"bytes"
	"strings"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/urls"
)

// Citation files: patent/<ID>/cite.ris and patent/<ID>/cite.bib. At
// 100,000 records there are 100,000 of each, so they hold the fields a
// reference manager uses and nothing else: no classification codes, no
// family, no priorities (index.json has those).
//
// Both name the inventors as authors, one value per inventor as printed;
// where the export gives several names without separators
// (InventorsCertain false) the whole string stays one author value, since
// any split would be a guess (see risName and bibName for how each format
// keeps it whole). Assignees are the names as printed, split as
// the catalog split them.

// CiteURL returns the address a citation gives for p: its permalink under
// base when the site has a base URL, else its Google Patents page, because
// a citation needs an absolute address and a site without a base URL does
// not know its own. (Not Espacenet: its address carries "%3D", which some
// BibTeX readers encode a second time, as Citation.js does.)
func CiteURL(base string, p *catalog.Patent) string {
	if u := urls.Abs(base, urls.Patent(p.ID)); u != "" {
		return u
	}
	return urls.GooglePatents(p.ID)
}

// RIS returns p as a RIS record (TY  - PAT), with the tags the RIS
// specification defines for patents:
//
//	TI title        AU inventor (one line each)   PB assignee(s), "; "-joined
//	CY country      VL patent number (no kind)    IS kind code ("patent version")
//	M3 patent type  DA date, YYYY/MM/DD           PY year
//	LA language     UR url
//
// The abstract is left out: a citation names the patent, and at 100,000
// patents the abstracts would add 90 MB per format to the site; it is in
// patent/<ID>/index.json and on the page.
//
// Lines end in CRLF, as the specification asks; values are UTF-8 on one
// line each (line breaks inside a value become spaces). There is no byte
// order mark: several RIS readers fail to see the first tag behind one.
func RIS(p *catalog.Patent, url string) []byte {
	var b bytes.Buffer
	b.Grow(256 + len(p.Title))
	tag := func(t, v string) {
		v = oneLine(v)
		if v == "" {
			return
		}
		b.WriteString(t)
		b.WriteString("  - ")
		b.WriteString(v)
		b.WriteString("\r\n")
	}
	tag("TY", "PAT")
	tag("TI", p.Title)
	for _, n := range p.InventorNames {
		tag("AU", risName(n))
	}
	tag("PB", strings.Join(assigneeNames(p), "; "))
	tag("CY", p.Country)
	tag("VL", p.Number)
	tag("IS", p.Kind)
	tag("M3", patentType(p.Kind))
	if d := p.Published; d != "" {
		tag("DA", strings.ReplaceAll(d, "-", "/"))
		tag("PY", year(d))
	}
	tag("LA", p.Lang)
	tag("UR", url)
	b.WriteString("ER  - \r\n")
	return b.Bytes()
}

// BibTeX returns p as a biblatex @patent entry keyed by its id.
//
// @patent is biblatex's type for patents (biblatex manual §2.1.1; Zotero,
// JabRef and Citation.js read it). Classic BibTeX has no patent type, but
// its standard styles print an unknown type as @misc (default.type), so the
// entry still works there, without the holder. Fields:
//
//	author    inventors, "and"-joined; each name in braces unless printed
//	          "FAMILY, Given", so that "WANG XIAOMING" is not split into
//	          given and family names by guesswork
//	title     (no abstract: see RIS)
//	holder    assignees, each in braces (company names are not personal names)
//	number    the full id, "EP3628093A2"
//	type      patent, patentus, patenteu, patentde, patentfr, patentuk for a
//	          grant, patreq… for an application (kind code A…), the
//	          localisation keys biblatex defines
//	location  the country code, "EP"
//	date      ISO date; year alone when the month is unknown
//	langid    english or chinese
//	url       see CiteURL
//
// Every LaTeX special character in text fields is escaped (see texEscape);
// other characters stay UTF-8, which biber reads.
func BibTeX(p *catalog.Patent, url string) []byte {
	var b bytes.Buffer
	b.Grow(256 + len(p.Title))
	b.WriteString("@patent{")
	b.WriteString(p.ID)
	b.WriteString(",\n")
	field := func(name, v string) {
		if v == "" {
			return
		}
		b.WriteString("  ")
		b.WriteString(name)
		b.WriteString(" = {")
		b.WriteString(v)
		b.WriteString("},\n")
	}
	var authors []string
	for _, n := range p.InventorNames {
		if n = oneLine(n); n != "" {
			authors = append(authors, bibName(n))
		}
	}
	field("author", strings.Join(authors, " and "))
	field("title", texEscape(p.Title))
	var holders []string
	for _, n := range assigneeNames(p) {
		holders = append(holders, "{"+texEscape(n)+"}")
	}
	field("holder", strings.Join(holders, " and "))
	field("number", p.ID)
	field("type", bibType(p.Country, p.Kind))
	field("location", texEscape(p.Country))
	field("date", p.Published)
	field("langid", map[string]string{"en": "english", "zh": "chinese"}[p.Lang])
	field("url", urlField(url))
	b.WriteString("}\n")
	return b.Bytes()
}

// assigneeNames are the assignees as printed, or the index's primary
// assignee when the record names none.
func assigneeNames(p *catalog.Patent) []string {
	var out []string
	for _, n := range p.AssigneeNames {
		if n = oneLine(n); n != "" {
			out = append(out, n)
		}
	}
	if len(out) == 0 && p.PrimaryName != "" {
		out = append(out, oneLine(p.PrimaryName))
	}
	return out
}

// patentType says whether a kind code is an application or a grant. By
// WIPO ST.16 practice the A kinds are published applications in every
// office this catalog sees (US A1, EP A1/A2, WO A1, CN A, KR A, DE A1);
// B, C, U and Y are granted patents and utility models.
func patentType(kind string) string {
	if isApplication(kind) {
		return "Patent application"
	}
	return "Patent"
}

func isApplication(kind string) bool { return strings.HasPrefix(kind, "A") }

// bibType is biblatex's localisation key for the type of a patent.
func bibType(country, kind string) string {
	t := "patent"
	if isApplication(kind) {
		t = "patreq"
	}
	switch country {
	case "US":
		return t + "us"
	case "EP":
		return t + "eu"
	case "DE":
		return t + "de"
	case "FR":
		return t + "fr"
	case "GB":
		return t + "uk"
	}
	return t
}

// oneName reports whether n reads as one personal name that a citation
// reader may split at its comma: "SURNAME, Given". Anything else (no comma,
// or an unsplit string of several names with several commas) is kept whole.
func oneName(n string) bool {
	n = strings.TrimSpace(n)
	return strings.Count(n, ",") == 1 && !strings.HasPrefix(n, ",") && !strings.HasSuffix(n, ",") && !hasAnd(n)
}

// risName formats one inventor for an AU line. RIS reads "Last, First,
// Suffix", so a value that is not one name loses its commas and stays one
// author, read as a literal name: "JEON, JUNG A LEE, Young Sung" (two names
// the export did not separate) becomes "JEON JUNG A LEE Young Sung"
// rather than a person called Young Sung JEON.
func risName(n string) string {
	if strings.Contains(n, ",") && !oneName(n) {
		return strings.Join(strings.Fields(strings.ReplaceAll(n, ",", " ")), " ")
	}
	return n
}

// bibName formats one inventor for a biblatex name list. "SURNAME, Given"
// is left for biblatex to split at the comma; anything else is braced,
// which makes it one literal name.
func bibName(n string) string {
	e := texEscape(n)
	if oneName(n) {
		return e
	}
	return "{" + e + "}"
}

// hasAnd reports whether n holds the word "and", which biblatex would take
// as a name separator outside braces.
func hasAnd(n string) bool {
	for _, w := range strings.Fields(n) {
		if strings.EqualFold(w, "and") {
			return true
		}
	}
	return false
}

// texEscape makes s safe inside a braced BibTeX value: the ten LaTeX
// special characters become commands, so that braces always balance and
// nothing is read as markup. Everything else, including non-ASCII letters,
// is kept as UTF-8.
func texEscape(s string) string {
	s = oneLine(s)
	if !strings.ContainsAny(s, `\{}$&%#_^~`) {
		return s
	}
	return texReplacer.Replace(s)
}

var texReplacer = strings.NewReplacer(
	`\`, `\textbackslash{}`,
	`{`, `\{`,
	`}`, `\}`,
	`$`, `\$`,
	`&`, `\&`,
	`%`, `\%`,
	`#`, `\#`,
	`_`, `\_`,
	`^`, `\textasciicircum{}`,
	`~`, `\textasciitilde{}`,
)

// urlField keeps a URL verbatim, as biblatex reads url, but percent-encodes
// the characters that would end or unbalance the value.
func urlField(u string) string {
	return urlEscaper.Replace(u)
}

var urlEscaper = strings.NewReplacer("{", "%7B", "}", "%7D", `\`, "%5C", " ", "%20")

// oneLine collapses all white space, line breaks included, to single
// spaces.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n\t\v\f") && !strings.Contains(s, "  ") && strings.TrimSpace(s) == s {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

func year(date string) string {
	if len(date) >= 4 {
		return date[:4]
	}
	return ""
}
