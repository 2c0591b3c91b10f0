package output

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// patentPage is a page like the renderer's: html/template escapes "<" in
// JSON-LD as \u003c, the title holds an ampersand, ids mark the sections.
const patentPage = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>EP3628093A2 – Method &amp; system for a &lt;distributed&gt; ledger</title>
  <link rel="stylesheet" href="../../assets/site.css">
  <link rel="canonical" href="https://patents.example.org/patent/EP3628093A2/index.html">
  <script type="application/ld+json">
  {
    "@context": "https://schema.org",
    "@type": "CreativeWork",
    "name": "Method \u0026 system for a \u003cdistributed\u003e ledger",
    "identifier": "EP3628093A2",
    "dateCreated": "2020-04-01",
    "author": [ { "@type": "Organization", "name": "Acme \u0022Ledger\u0022 GmbH" } ],
    "about": "\u003c/script\u003e is escaped",
    "position": 1.50
  }
  </script>
</head>
<body>
  <header id="top">
    <nav aria-label="Breadcrumb">
      <ol>
        <li><a href="../../index.html">Home</a></li>
        <li><a href="../index.html">Patents</a></li>
      </ol>
    </nav>
  </header>
  <main id="main">
    <h1 id="title">Method &amp; system for a &lt;distributed&gt; ledger</h1>
    <dl id="facts">
      <dt>Published</dt>
      <dd><time datetime="2020-04-01">1 April 2020</time></dd>
      <dt>Assignee</dt>
      <dd><a href="../../assignee/acme/index.html">Acme "Ledger" GmbH</a></dd>
    </dl>
    <section id="claims" aria-labelledby="claims-h">
      <h2 id="claims-h">Claims</h2>
      <p>1. A method comprising:   hashing   a block;
         and <em>signing</em> it.</p>
      <p>2. The method of <a href="#claims">claim 1</a>.</p>
      <pre id="code">  keep   this
    exactly</pre>
    </section>
    <table id="family">
      <caption>Family</caption>
      <thead><tr><th scope="col">Number</th><th scope="col">Date</th></tr></thead>
      <tbody>
        <tr><td><a href="../EP3628093A3/index.html">EP3628093A3</a></td><td>2020-05-01</td></tr>
        <tr><td>US2020012345A1</td><td></td></tr>
      </tbody>
    </table>
    <svg id="chart" viewBox="0 0 10 10" role="img" aria-label="chart"><title>chart</title><rect id="bar" x="0.000" y="0" width="10.0" height="5"/></svg>
    <form action="../../search/index.html" role="search"><label for="q">Search</label> <input id="q" name="q" type="search" value=""> <button type="submit">Go</button></form>
    <p><a id="old"></a><img src="../../assets/logo.svg" alt="" width="16" height="16"></p>
  </main>
  <footer><p>Data: <a href="https://example.com/export">export</a> &copy; 2024</p></footer>
  <script src="../../assets/site.js"></script>
</body>
</html>
`

var (
	idAttr = regexp.MustCompile(`\sid="?([^"\s>]+)`)
	ldJSON = regexp.MustCompile(`(?s)<script type="?application/ld\+json"?>(.*?)</script>`)
)

func TestMinifyHTML(t *testing.T) {
	var got bytes.Buffer
	if err := minifier.Minify("text/html", &got, strings.NewReader(patentPage)); err != nil {
		t.Fatal(err)
	}
	min := got.String()
	t.Logf("%d bytes → %d bytes:\n%s", len(patentPage), len(min), min)

	for _, want := range []string{
		"<!doctype html>", `<html lang="en">`, "<head>", "</head>", "<body>", "</body>", "</html>",
		"</li>", "</p>", "</td>", `charset="utf-8"`, `<pre id="code">  keep   this
    exactly</pre>`,
	} {
		if !strings.Contains(min, want) {
			t.Errorf("minified page lacks %q", want)
		}
	}
	if ids := func(s string) (ids []string) {
		for _, m := range idAttr.FindAllStringSubmatch(s, -1) {
			ids = append(ids, m[1])
		}
		return ids
	}; !slices.Equal(ids(patentPage), ids(min)) {
		t.Errorf("ids = %q, want %q", ids(min), ids(patentPage))
	}

	ld := func(s string) any {
		m := ldJSON.FindStringSubmatch(s)
		if m == nil {
			t.Fatalf("no JSON-LD in %q", s)
		}
		var v any
		if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
			t.Fatalf("JSON-LD %q: %v", m[1], err)
		}
		return v
	}
	if in, out := ld(patentPage), ld(min); !reflect.DeepEqual(in, out) {
		t.Errorf("JSON-LD = %v, want %v", out, in)
	}
	if strings.Contains(strings.ToLower(ldJSON.FindString(min)[len("<script"):]), "</script>\"") {
		t.Errorf("JSON-LD lost an escape: %s", ldJSON.FindString(min))
	}
}

func TestMinifyTypes(t *testing.T) {
	for _, tt := range []struct {
		path, in, want string
	}{
		{"a.css", "body {\n  color: #ff0000;\n}\n", "body{color:red}"},
		{"a.js", "function f(a) {\n  return a + 1;\n}\n", "function f(e){return e+1}"},
		{"a.mjs", "export const x = 1;\n", "export const x=1"},
		{"a.json", "{ \"a\": [1, 2] }\n", `{"a":[1,2]}`},
		{"a.webmanifest", "{ \"name\": \"x\" }", `{"name":"x"}`},
		{"a.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <rect id=\"r\" width=\"10\" height=\"10\"/>\n</svg>", `<svg xmlns="http://www.w3.org/2000/svg"><rect id="r" width="10" height="10"/></svg>`},
		{"sitemap.xml", "<urlset>\n  <url> <loc>https://x/</loc> </url>\n</urlset>\n", "<urlset><url><loc>https://x/</loc></url></urlset>"},
		{"feed.atom", "<feed>\n  <title>t</title>\n</feed>", "<feed><title>t</title></feed>"},
		{"A.HTML", "<p>  x  </p>", "<p>x</p>"},
		{"robots.txt", "User-agent: *  \n", "User-agent: *  \n"},
		{"a.png", "\x89PNG  \n", "\x89PNG  \n"},
		{"noext", "  x  ", "  x  "},
	} {
		dir := t.TempDir()
		mustWrite(t, dir, []File{{Path: tt.path, Data: []byte(tt.in)}}, Options{})
		got, err := os.ReadFile(filepath.Join(dir, tt.path))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tt.want {
			t.Errorf("%s: %q → %q, want %q", tt.path, tt.in, got, tt.want)
		}
	}
}

// TestWriteDoesNotModify checks that Write leaves File.Data alone, though
// the minifier and the lexers write into their input.
func TestWriteDoesNotModify(t *testing.T) {
	data := []byte(strings.ToUpper(patentPage[:200]) + patentPage[200:])
	orig := bytes.Clone(data)
	shared := []File{{Path: "a.html", Data: data}, {Path: "b.html", Data: data}, {Path: "c.svg", Data: data}}
	mustWrite(t, t.TempDir(), shared, Options{CheckLinks: false})
	if !bytes.Equal(data, orig) {
		t.Errorf("Write modified File.Data")
	}
}
