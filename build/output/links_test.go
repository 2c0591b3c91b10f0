package output

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func doc(body string) []byte {
	return []byte("<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body>" + body + "</body></html>")
}

func TestLinks(t *testing.T) {
	// A small site every case starts from; all its links are good.
	base := []File{
		{Path: "index.html", Data: doc(`<a href="patent/A/index.html">A</a> <a href="patent/">list</a> <a href="#main">skip</a><main id="main"></main>`)},
		{Path: "patent/index.html", Data: doc(`<a href="../index.html">home</a>`)},
		{Path: "patent/A/index.html", Data: doc(`<h2 id="claims">Claims</h2><a name="old-anchor"></a>
			<a href="../../index.html#main">home</a> <a href="../B/index.html#family">B</a> <a href="./">self</a>
			<a href="#claims">claims</a> <a href="index.html#old-anchor">old</a> <a href="#">top</a> <a href="#top">top</a>
			<a href="https://example.com/x">ext</a> <a href="mailto:a@b.c">mail</a> <a href="data:text/plain,x">data</a>
			<a href="../B/index.html?q=1">query</a> <a href="%2e%2e/B/index.html">escaped</a> <a href=" ../B/index.html ">spaces</a>
			<img src="../../img/a%20b.svg#r" srcset="../../img/a%20b.svg 1x, ../../img/c.png 2x">
			<video poster="../../img/c.png"></video>
			<link rel="stylesheet" href="../../style.css">
			<div style="background: url('../../img/c.png')"></div>
			<svg><use href="#claims"/><use xlink:href="../../img/a%20b.svg#r"/><rect id="inline-svg-id"/></svg>
			<a href="#inline-svg-id">svg</a>
			<script type="application/ld+json">{"url":"/not/checked"}</script>`)},
		{Path: "patent/B/index.html", Data: doc(`<section id="family"></section>`)},
		{Path: "img/a b.svg", Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"><style>rect{fill:url(#g)}</style><linearGradient id="g"/><rect id="r" width="1" height="1"/></svg>`)},
		{Path: "img/c.png", Data: []byte("\x89PNG")},
		{Path: "style.css", Data: []byte(`@import "print.css"; body { background: url(img/c.png) } .x { background: url( "img/a%20b.svg" ) }`)},
		{Path: "print.css", Data: []byte(`body{color:black}`)},
		{Path: "old/index.html", Data: []byte(`<!DOCTYPE html><html><head><meta http-equiv="refresh" content="0; url=../patent/A/index.html"><title>moved</title></head><body></body></html>`)},
		{Path: "feed.atom", Data: []byte(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><link href="index.html"/><link rel="self" href="https://example.com/feed.atom"/></feed>`)},
	}
	with := func(p string, data []byte) []File { return modified(base, p, data) }

	for _, tt := range []struct {
		name string
		fs   []File
		skip []string
		want []string // broken links, as listed
	}{
		{"all good", base, nil, nil},
		{"missing file", with("x.html", doc(`<a href="patent/C/index.html">C</a>`)), nil,
			[]string{"x.html: patent/C/index.html (no file patent/C/index.html)"}},
		{"directory without index", with("x.html", doc(`<a href="img/">images</a>`)), nil,
			[]string{"x.html: img/ (no file img/index.html)"}},
		{"directory without slash", with("x.html", doc(`<a href="patent">list</a>`)), nil,
			[]string{"x.html: patent (no file patent)"}},
		{"missing fragment", with("x.html", doc(`<a href="patent/B/index.html#claims">B</a>`)), nil,
			[]string{`x.html: patent/B/index.html#claims (no id "claims" in patent/B/index.html)`}},
		{"missing fragment in the page", with("x.html", doc(`<a href="#nowhere">x</a><p id="somewhere">`)), nil,
			[]string{`x.html: #nowhere (no id "nowhere" in this page)`}},
		{"missing fragment in the page by name", with("x.html", doc(`<a href="x.html#nowhere">x</a>`)), nil,
			[]string{`x.html: x.html#nowhere (no id "nowhere" in this page)`}},
		{"name only counts on a", with("x.html", doc(`<a href="#n">x</a><input name="n">`)), nil,
			[]string{`x.html: #n (no id "n" in this page)`}},
		{"root-absolute", with("x.html", doc(`<a href="/patent/A/index.html">A</a>`)), nil,
			[]string{"x.html: /patent/A/index.html (root-absolute: links must be relative)"}},
		{"protocol-relative", with("x.html", doc(`<script src="//cdn.example.com/x.js"></script>`)), nil,
			[]string{"x.html: //cdn.example.com/x.js (protocol-relative: load nothing from another host)"}},
		{"above the root", with("patent/A/x.html", doc(`<a href="../../../index.html">up</a>`)), nil,
			[]string{"patent/A/x.html: ../../../index.html (leaves the site root)"}},
		{"srcset", with("x.html", doc(`<img src="img/c.png" srcset="img/c.png 1x,img/d.png 2x">`)), nil,
			[]string{"x.html: img/d.png (no file img/d.png)"}},
		{"poster", with("x.html", doc(`<video poster="img/p.png"></video>`)), nil,
			[]string{"x.html: img/p.png (no file img/p.png)"}},
		{"css url", with("x.css", []byte(`a{background:url(img/none.png)}`)), nil,
			[]string{"x.css: img/none.png (no file img/none.png)"}},
		{"css import", with("x.css", []byte(`@import 'none.css';`)), nil,
			[]string{"x.css: none.css (no file none.css)"}},
		{"style element", with("x.html", doc(`<style>p{background:url("img/none.png")}</style>`)), nil,
			[]string{"x.html: img/none.png (no file img/none.png)"}},
		{"style attribute", with("x.html", doc(`<p style="background:url(img/none.png)">`)), nil,
			[]string{"x.html: img/none.png (no file img/none.png)"}},
		{"inline svg", with("x.html", doc(`<svg><image href="img/none.png"/></svg>`)), nil,
			[]string{"x.html: img/none.png (no file img/none.png)"}},
		{"svg file", with("img/x.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><use href="a%20b.svg#nope"/></svg>`)), nil,
			[]string{`img/x.svg: a%20b.svg#nope (no id "nope" in img/a b.svg)`}},
		{"meta refresh", with("x.html", []byte(`<!DOCTYPE html><meta http-equiv="Refresh" content="0;URL='gone/index.html'"><title>x</title>`)), nil,
			[]string{"x.html: gone/index.html (no file gone/index.html)"}},
		{"atom", with("x.atom", []byte(`<feed xmlns="http://www.w3.org/2005/Atom"><link href="gone.html"/></feed>`)), nil,
			[]string{"x.atom: gone.html (no file gone.html)"}},
		{"entities", with("x.html", doc(`<a href="patent/A/index.html?a=1&amp;b=2">ok</a><a href="gone.html?a=1&amp;b=2">x</a>`)), nil,
			[]string{"x.html: gone.html?a=1&amp;b=2 (no file gone.html)"}},
		{"bad escape", with("x.html", doc(`<a href="a%zz.html">x</a>`)), nil,
			[]string{"x.html: a%zz.html (bad %-escape)"}},
		{"skipped", with("x.html", doc(`<a href="downloads/big.zip">x</a><a href="downloads2/big.zip">y</a>`)), []string{"downloads/"},
			[]string{"x.html: downloads2/big.zip (no file downloads2/big.zip)"}},
		{"fragment on a file without ids", with("x.html", doc(`<a href="img/c.png#x">x</a>`)), nil, nil},
		{"the same broken link in three pages", slices.Concat(base, []File{
			{Path: "x1.html", Data: doc(`<a href="gone.html">x</a><a href="gone.html">again</a>`)},
			{Path: "x2.html", Data: doc(`<a href="gone.html">x</a>`)},
			{Path: "x3.html", Data: doc(`<a href="./gone.html">x</a>`)},
		}), nil, []string{"x1.html: gone.html (no file gone.html), and in 2 other files"}},
	} {
		for _, full := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/full=%v", tt.name, full), func(t *testing.T) {
				out := filepath.Join(t.TempDir(), "public")
				if !full {
					mustWrite(t, out, base, Options{CheckLinks: true})
				}
				st, err := Write(context.Background(), out, files(tt.fs...), Options{Full: full, CheckLinks: true, SkipLinks: tt.skip})
				var le *LinkError
				if tt.want == nil {
					if err != nil {
						t.Fatalf("Write = %v, want no error", err)
					}
					if st.Links < 20 {
						t.Errorf("Stats.Links = %d, want more", st.Links)
					}
					return
				}
				if !errors.As(err, &le) {
					t.Fatalf("Write = %v, want a *LinkError", err)
				}
				var got []string
				for _, l := range le.Links {
					got = append(got, l.String())
				}
				if !slices.Equal(got, tt.want) {
					t.Errorf("broken links:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
				}
				if tt.skip != nil && st.LinksSkipped != 0 {
					t.Errorf("Stats.LinksSkipped = %d on failure", st.LinksSkipped)
				}
			})
		}
	}
}

// TestLinkErrorList checks the listing of many broken links: sorted, at
// most maxListed, and the total.
func TestLinkErrorList(t *testing.T) {
	var fs []File
	for i := range 30 {
		fs = append(fs, File{Path: fmt.Sprintf("p%02d.html", i), Data: doc(fmt.Sprintf(`<a href="gone%d.html">x</a><a href="/abs">y</a><a href="shared.html">z</a>`, i))})
	}
	out := filepath.Join(t.TempDir(), "public")
	_, err := Write(context.Background(), out, files(fs...), Options{CheckLinks: true})
	var le *LinkError
	if !errors.As(err, &le) {
		t.Fatalf("Write = %v, want a *LinkError", err)
	}
	if le.Total != 90 {
		t.Errorf("Total = %d, want 90", le.Total)
	}
	var got []string
	for _, l := range le.Links {
		got = append(got, l.String())
	}
	want := []string{
		"p00.html: /abs (root-absolute: links must be relative)",
		"p00.html: gone0.html (no file gone0.html)",
		"p00.html: shared.html (no file shared.html), and in 29 other files",
	}
	for i := 1; len(want) < maxListed; i++ {
		want = append(want, fmt.Sprintf("p%02d.html: /abs (root-absolute: links must be relative)", i), fmt.Sprintf("p%02d.html: gone%d.html (no file gone%d.html)", i, i, i))
	}
	want = want[:maxListed]
	if !slices.Equal(got, want) {
		t.Errorf("listed:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "output: 90 broken links:\n\tp00.html: /abs") || !strings.HasSuffix(msg, "\n\t... and 41 more") {
		t.Errorf("Error() = %q", msg)
	}
}

func TestSrcset(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"a.png", []string{"a.png"}},
		{"a.png 1x, b.png 2x", []string{"a.png", "b.png"}},
		{"a.png 100w,b.png 200w", []string{"a.png", "b.png"}},
		{" a.png, b.png 2x", []string{"a.png", "b.png"}},
		{"a.png,b.png 2x", []string{"a.png,b.png"}}, // a comma ends a URL only before a space
		{"a,b.png 1x", []string{"a,b.png"}},
		{"", nil},
	} {
		var c collect
		srcset([]byte(tt.in), &c)
		if !slices.Equal(c.refs, tt.want) {
			t.Errorf("srcset(%q) = %q, want %q", tt.in, c.refs, tt.want)
		}
	}
}

type collect struct{ refs, ids []string }

func (c *collect) ref(b []byte) { c.refs = append(c.refs, string(b)) }
func (c *collect) id(b []byte)  { c.ids = append(c.ids, string(b)) }
