package output

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A recorder keeps the calls a visitor gets, in order.
type recorder struct{ calls []string }

func (r *recorder) ref(raw []byte) { r.calls = append(r.calls, "ref "+string(raw)) }
func (r *recorder) id(raw []byte)  { r.calls = append(r.calls, "id "+string(raw)) }

// lexed returns the calls extractHTML makes for data.
func lexed(data []byte) []string {
	var r recorder
	cp := append(bytes.Clone(data), 0)[:len(data)]
	extractHTML(cp, &r)
	return r.calls
}

// scanned returns the calls scanHTML makes for data, and checks that data
// is left as it was.
func scanned(t testing.TB, data []byte) []string {
	var r recorder
	before := bytes.Clone(data)
	scanHTML(data, &r)
	if !bytes.Equal(before, data) {
		t.Fatalf("scanHTML modified its input %q", before)
	}
	return r.calls
}

// scanCases are HTML that the renderer makes, and the corners of the
// tokenizer that it does not make.
var scanCases = []string{
	`<a href="x.html">x</a><a id=top name=t>y</a><A HREF='../y.html#f'>z</A>`,
	`<p>text with < and <3 and </> and a > b</p><a href="after.html">`,
	`<!-- <a href="commented.html"> --><a href="live.html"><!--x--!><a href="2.html">`,
	`<!doctype html><!DOCTYPE html><![CDATA[<a href="cdata.html">]]><?xml <a href="pi.html"?><a href="3.html">`,
	`<title><a href="in-title.html"></title><textarea><a href="t.html"></TEXTAREA ><a href="4.html">`,
	`<script type="application/ld+json">{"url":"<a href=\"s.html\">"}</script><a href="5.html">`,
	`<script><!-- <script> </script> <a href="x"> --></script><a href="6.html">`,
	`<script><!-- </script><a href="7.html">`,
	`<style>a{background:url(bg.png)}</style><style/>p{background:url(void.png)}<a href="8.html">`,
	`<p style="background:url('s.png')">x</p>`,
	`<meta http-equiv="refresh" content="0; url=../r.html"><meta content="5;URL='q.html'" http-equiv=Refresh>`,
	`<img srcset="a.png 1x, b.png 2x" src=c.png><source srcset="d.png,e.png 2x">`,
	`<svg viewBox="0 0 1 1"><a xlink:href="#g"/><g id="g"><svg><a href="in.svg"/></svg></g><use href="u.svg#i"/></svg><a href="9.html">`,
	`<math><a href="m.html"></math><a href="10.html">`,
	`<a / href=x.html><a href = "spaced.html" ><a href=unq.html/><a href><a href="">`,
	`<div><a href="unterminated.html`,
	`<a href="x.html"`,
	"<a\thref='tab.html'\nid=\"n\"\fclass=c>",
	`</ 3><a href="11.html"></a b="<a href=no.html>"><a href="12.html">`,
	`<iframe src="f.html"><a href="inside.html"></iframe><xmp><a href="x.html"></xmp><plaintext><a href="p.html">`,
	`<a href="&amp;x.html" id="a&amp;b" name="&#34;">`,
	`<form action="s.html"><input id="q"><button formaction="b.html">`,
	`<td background="bg.png"><video poster="p.png" src="v.mp4">`,
}

func TestScanHTML(t *testing.T) {
	var inputs []string
	inputs = append(inputs, scanCases...)
	golden, _ := filepath.Glob("../render/testdata/golden/*.html")
	if len(golden) == 0 {
		t.Fatal("no pages in ../render/testdata/golden")
	}
	for _, name := range golden {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, string(data))
		var min bytes.Buffer
		if err := minifier.Minify("text/html", &min, bytes.NewReader(data)); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, min.String())
	}
	for _, in := range inputs {
		want := lexed([]byte(in))
		got := scanned(t, []byte(in))
		if !slices.Equal(got, want) {
			t.Errorf("scanHTML(%.200q):\n got %q\nwant %q", in, got, want)
		}
	}
	// Every prefix of every case: a page cut anywhere.
	for _, in := range scanCases {
		for i := range len(in) {
			if got, want := scanned(t, []byte(in[:i])), lexed([]byte(in[:i])); !slices.Equal(got, want) {
				t.Errorf("scanHTML(%q):\n got %q\nwant %q", in[:i], got, want)
			}
		}
	}
}

// FuzzScanHTML checks that scanHTML and extractHTML agree on any input.
func FuzzScanHTML(f *testing.F) {
	for _, c := range scanCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if strings.IndexByte(in, 0) >= 0 {
			return // the renderer's pages hold no NUL: html/template replaces it
		}
		if got, want := scanned(t, []byte(in)), lexed([]byte(in)); !slices.Equal(got, want) {
			t.Errorf("scanHTML(%q):\n got %q\nwant %q", in, got, want)
		}
	})
}
