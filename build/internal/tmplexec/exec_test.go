package tmplexec

import (
	"bytes"
	"encoding/json"
	"errors"
	"html/template"
	"strings"
	"testing"
)

// contexts puts {{.S}} (and friends) in every context the escapers here
// serve, so that one string is checked against html/template in all.
const contexts = `{{define "page"}}<!doctype html><html><head><title>{{.S}}</title>
<meta name="description" content="{{.S}}">
<script type="application/ld+json">{{.J}}</script>
<script type="application/ld+json">{{.S}}</script>
</head><body><p title="{{.S}}">{{.S}}</p><p title={{.S}}>x</p>
<a href="{{.S}}">{{.S}}</a><a href="/q?x={{.S}}&y={{.N}}">q</a><a href="{{.U}}">u</a>
<div>{{.H}}</div><textarea>{{.S}}{{.H}}</textarea><p>{{.N}} {{.B}} {{.Named}}</p>
</body></html>{{end}}`

type data struct {
	S     string
	H     template.HTML
	U     template.URL
	J     json.RawMessage
	N     int
	B     bool
	Named kind
}

type kind string

func mustParse(t testing.TB, src string) *template.Template {
	t.Helper()
	tm, err := template.New("").Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// same executes name both ways and wants the same bytes, or ErrFallback
// from the compiled template when fallback is true.
func same(t testing.TB, tm *template.Template, p *Program, name string, d any, fallback bool) {
	t.Helper()
	var want, got bytes.Buffer
	werr := tm.ExecuteTemplate(&want, name, d)
	gerr := p.Execute(&got, d)
	if fallback {
		if !errors.Is(gerr, ErrFallback) {
			t.Errorf("%s with %#v: err %v, want ErrFallback", name, d, gerr)
		}
		return
	}
	if werr != nil {
		if gerr == nil {
			t.Errorf("%s with %#v: html/template fails (%v), compiled does not", name, d, werr)
		}
		return
	}
	if gerr != nil {
		t.Errorf("%s with %#v: %v", name, d, gerr)
		return
	}
	if !bytes.Equal(want.Bytes(), got.Bytes()) {
		t.Errorf("%s with %#v:\n got  %q\n want %q", name, d, got.Bytes(), want.Bytes())
	}
}

var hostileStrings = []string{
	"", "plain", `<script>alert("x")</script>`, `"quoted" & 'single' + plus`,
	"javascript:alert(1)", "JavaScript:x", "http://example.com/a b?c=d&e=f#g", "mailto:a@b",
	"/rel/path?x=%41%zz", "a\x00b", "\u2028\u2029", "tab\tnew\nline", "ünïcödé 区块链",
	"\xff\xfe broken utf-8", "\ufdd0\ufffe", "=`x`", "</script><!--", "*/ /*",
}

func TestContexts(t *testing.T) {
	tm := mustParse(t, contexts)
	p, err := Compile(tm, "page")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range hostileStrings {
		j, _ := json.Marshal(map[string]string{"s": s})
		d := data{S: s, H: template.HTML("<b>" + s + "</b>"), U: template.URL(s), J: j, N: -len(s), B: s == "", Named: kind(s)}
		same(t, tm, p, "page", d, false)
		same(t, tm, p, "page", &d, false)
	}
}

func FuzzContexts(f *testing.F) {
	for _, s := range hostileStrings {
		f.Add(s)
	}
	tm := mustParse(f, contexts)
	p, err := Compile(tm, "page")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		same(t, tm, p, "page", data{S: s, U: template.URL(s), N: len(s), Named: kind(s)}, false)
	})
}

type tnode struct {
	Name     string
	Kids     []*tnode
	Tags     []string
	Next     *tnode
	Any      any
	private  string
	Stringer stringer
}

func (n *tnode) Upper() string { return strings.ToUpper(n.Name) }
func (n tnode) Count() int     { return len(n.Kids) }
func (n *tnode) Fails() (string, error) {
	return "", errors.New("no")
}

type stringer struct{}

func (stringer) String() string { return "from String" }

func TestConstructs(t *testing.T) {
	src := `{{define "tree"}}<li>{{.Name}}{{with .Kids}}<ul>{{range $i, $k := .}}{{if $i}}, {{end}}{{template "tree" $k}}{{end}}</ul>{{else}}(leaf){{end}}</li>{{end}}
{{define "page"}}<ul>{{template "tree" .}}</ul>{{$n := .Name}}{{range .Tags}}<b>{{$n}}:{{.}}</b>{{else}}no tags{{end}}
{{if and .Name (not .Kids)}}A{{end}}{{if or .Next .Tags}}B{{end}}{{len .Tags}}{{with $x := .Next}}{{$x.Name}}{{.Name}}{{end}}
{{.Upper}} {{.Count}} {{.Next.Name}} {{$.Name}}{{end}}
{{define "any"}}{{.Any}}{{end}}
{{define "stringer"}}{{.Stringer}}{{end}}
{{define "fails"}}{{.Fails}}{{end}}
{{define "nilnext"}}{{.Next.Name}}{{end}}
{{define "private"}}{{.private}}{{end}}`
	tm := mustParse(t, src)
	leaf := &tnode{Name: "leaf <1>"}
	tree := &tnode{Name: "root & co", Kids: []*tnode{leaf, {Name: "b", Kids: []*tnode{{Name: "c"}}}}, Tags: []string{"x", "<y>"}, Next: leaf}
	for _, tc := range []struct {
		name     string
		d        any
		fallback bool
	}{
		{"page", tree, false},
		{"page", &tnode{Name: "solo", Next: &tnode{}}, false},
		{"any", &tnode{Any: "str"}, false},
		{"any", &tnode{Any: 42}, false},
		{"any", &tnode{Any: template.HTML("<i>x</i>")}, false},
		{"any", &tnode{Any: 1.5}, true},
		{"any", &tnode{}, true},
		{"stringer", &tnode{}, true},
		{"fails", &tnode{}, true},
		{"nilnext", &tnode{}, true},
		{"private", &tnode{}, true},
	} {
		p, err := Compile(tm, tc.name)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		same(t, tm, p, tc.name, tc.d, tc.fallback)
	}
}

func TestCompileRefuses(t *testing.T) {
	for _, src := range []string{
		`{{define "x"}}{{printf "%d" 1}}{{end}}`,
		`{{define "x"}}{{range .}}{{break}}{{end}}{{end}}`,
		`{{define "x"}}{{(.A).B}}{{end}}`,
		`{{define "x"}}{{.Method 1}}{{end}}`,
	} {
		if _, err := Compile(mustParse(t, src), "x"); err == nil {
			t.Errorf("%s compiled", src)
		}
	}
	// An escaping error is reported, not compiled around.
	if _, err := Compile(mustParse(t, `{{define "x"}}<a href="{{.}}{{end}}`), "x"); err == nil {
		t.Error("a template html/template cannot escape compiled")
	}
}
