package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/internal/golden"
)

// TestCiteGolden keeps the RIS and BibTeX of a few seed patents that cover
// the cases: many assignees and a split inventor (EP3628093A2), an unsplit
// inventor string (EP3688620A2), a Chinese record, a KR application and a
// WO publication, with and without a base URL. Every file of the seed is
// imported with real parsers in build/publish.
func TestCiteGolden(t *testing.T) {
	c := seed(t)
	var ris, bib bytes.Buffer
	ids := []string{"EP3628093A2", "EP3688620A2", "KR20200123976A", "WO2020014512A1"}
	for _, p := range c.Patents {
		if p.Lang == "zh" {
			ids = append(ids, p.ID)
			break
		}
	}
	for i, id := range ids {
		p := c.Patent(id)
		if p == nil {
			t.Fatalf("no patent %s in the seed", id)
		}
		base := ""
		if i%2 == 0 {
			base = "https://example.github.io/catalog/"
		}
		ris.Write(RIS(p, CiteURL(base, p)))
		bib.Write(BibTeX(p, CiteURL(base, p)))
	}
	golden.Check(t, "cite.ris.golden", ris.Bytes())
	golden.Check(t, "cite.bib.golden", bib.Bytes())
}

func TestCiteURL(t *testing.T) {
	p := &catalog.Patent{ID: "EP3628093A2"}
	for _, tt := range []struct{ base, want string }{
		{"https://x.github.io/repo/", "https://x.github.io/repo/patent/EP3628093A2/"},
		{"https://x.github.io/repo", "https://x.github.io/repo/patent/EP3628093A2/"},
		{"", "https://patents.google.com/patent/EP3628093A2/en"},
	} {
		if got := CiteURL(tt.base, p); got != tt.want {
			t.Errorf("CiteURL(%q) = %q, want %q", tt.base, got, tt.want)
		}
	}
}

func TestTexEscape(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"plain", "plain"},
		{"A & B 50% #1 $5 a_b", `A \& B 50\% \#1 \$5 a\_b`},
		{"{x}", `\{x\}`},
		{"}{", `\}\{`},
		{`C:\path`, `C:\textbackslash{}path`},
		{"a^b~c", `a\textasciicircum{}b\textasciitilde{}c`},
		{"Zürich 区块链", "Zürich 区块链"},
		{"two\nlines\t and  gaps ", "two lines and gaps"},
	} {
		if got := texEscape(tt.in); got != tt.want {
			t.Errorf("texEscape(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := texEscape(tt.in); !balanced(got) {
			t.Errorf("texEscape(%q) = %q: braces do not balance", tt.in, got)
		}
	}
}

// balanced reports whether the unescaped braces of s balance, as BibTeX
// counts them.
func balanced(s string) bool {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '{':
			depth++
		case '}':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}

func TestBibName(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"SMITH, John", "SMITH, John"},
		{"WANG XIAOMING", "{WANG XIAOMING}"},
		{"GUAN YAYANG SHI RUBING", "{GUAN YAYANG SHI RUBING}"}, // unsplit: one name
		{"A, B, C", "{A, B, C}"},
		{"SANDERS AND CO, Ann", "{SANDERS AND CO, Ann}"},
		{"O'BRIEN & SONS", `{O'BRIEN \& SONS}`},
	} {
		if got := bibName(tt.in); got != tt.want {
			t.Errorf("bibName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRISName(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"SMITH, John", "SMITH, John"},
		{"WANG XIAOMING", "WANG XIAOMING"},
		{"JEON, JUNG A LEE, Young Sung", "JEON JUNG A LEE Young Sung"},
	} {
		if got := risName(tt.in); got != tt.want {
			t.Errorf("risName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBibType(t *testing.T) {
	for _, tt := range []struct{ country, kind, want string }{
		{"US", "B1", "patentus"},
		{"US", "A1", "patrequs"},
		{"EP", "A2", "patreqeu"},
		{"EP", "B1", "patenteu"},
		{"DE", "A1", "patreqde"},
		{"WO", "A1", "patreq"},
		{"CN", "U", "patent"},
		{"KR", "B1", "patent"},
	} {
		if got := bibType(tt.country, tt.kind); got != tt.want {
			t.Errorf("bibType(%q, %q) = %q, want %q", tt.country, tt.kind, got, tt.want)
		}
	}
}

// TestCiteHostile checks that markup, braces and line breaks in the data
// cannot break out of a RIS line or a BibTeX value.
func TestCiteHostile(t *testing.T) {
	p := &catalog.Patent{
		ID: "US1234567B1", Country: "US", Number: "US1234567", Kind: "B1", Lang: "en",
		Title:         "Evil } title @misc{x,\r\nTY  - JOUR",
		InventorNames: []string{"DOE, }Jane{", "ROE\nER  - "},
		AssigneeNames: []string{`ACME \ {CORP`},
		Abstract:      "line one\nER  - \nline two 100% {",
		Published:     "2020-04-01",
	}
	ris := string(RIS(p, "https://x.test/patent/US1234567B1/"))
	lines := strings.Split(strings.TrimSuffix(ris, "\r\n"), "\r\n")
	for i, l := range lines {
		if len(l) < 6 || l[2:6] != "  - " {
			t.Errorf("RIS line %d %q is not a tag line", i+1, l)
		}
		if i < len(lines)-1 && strings.HasPrefix(l, "ER") {
			t.Errorf("RIS line %d ends the record early: %q", i+1, l)
		}
	}
	bib := string(BibTeX(p, "https://x.test/patent/US1234567B1/"))
	body := strings.TrimSuffix(strings.TrimPrefix(bib, "@patent{US1234567B1,\n"), "}\n")
	for _, l := range strings.Split(strings.TrimSuffix(body, "\n"), "\n") {
		_, v, ok := strings.Cut(l, " = {")
		if !ok || !strings.HasSuffix(v, "},") {
			t.Errorf("BibTeX line %q is not one field", l)
			continue
		}
		if v := strings.TrimSuffix(v, "},"); !balanced(v) {
			t.Errorf("BibTeX value %q: braces do not balance", v)
		}
	}
}
