package output

import (
	"context"
	"fmt"
	"io/fs"
	"iter"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// files yields fs in order.
func files(fs ...File) iter.Seq2[File, error] {
	return func(yield func(File, error) bool) {
		for _, f := range fs {
			if !yield(f, nil) {
				return
			}
		}
	}
}

// page returns an HTML page at p linking to links, with the given ids.
func page(p string, links []string, ids ...string) File {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n  <title>" + p + "</title>\n</head>\n<body>\n")
	for _, id := range ids {
		fmt.Fprintf(&b, "  <h2 id=\"%s\">Section %s</h2>\n", id, id)
	}
	b.WriteString("  <ul>\n")
	for _, l := range links {
		fmt.Fprintf(&b, "    <li><a href=\"%s\">%s</a></li>\n", l, l)
	}
	b.WriteString("  </ul>\n</body>\n</html>\n")
	return File{Path: p, Kind: "page", Data: []byte(b.String())}
}

// smallSite is a site of n patent pages, an index, a style sheet and a feed,
// all linked together.
func smallSite(n int) []File {
	var fs []File
	var index []string
	for i := range n {
		id := fmt.Sprintf("EP%07dA1", i)
		index = append(index, "patent/"+id+"/index.html")
		next := fmt.Sprintf("../EP%07dA1/index.html#claims", (i+1)%n)
		f := page("patent/"+id+"/index.html", []string{"../../index.html", next, "#claims", "../../style.css"}, "claims", "family")
		f.Kind = "patent"
		fs = append(fs, f)
	}
	fs = append(fs,
		page("index.html", index, "top-list"),
		File{Path: "style.css", Kind: "asset", Data: []byte("body {\n  color: #000000;\n  background: url(\"img/bg.svg\");\n}\n")},
		File{Path: "img/bg.svg", Kind: "asset", Data: []byte("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">\n  <rect id=\"r\" width=\"10\" height=\"10\" fill=\"#ffffff\"/>\n</svg>\n")},
		File{Path: "feed.atom", Kind: "feed", Data: []byte("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>Patents</title>\n  <link href=\"https://example.com/\"/>\n</feed>\n")},
		File{Path: "robots.txt", Kind: "asset", Data: []byte("User-agent: *\n")},
	)
	return fs
}

// tree reads the directory dir: each file's path and content, each
// directory's path with a trailing slash and its permissions.
func tree(t testing.TB, dir string) map[string]string {
	t.Helper()
	m := make(map[string]string)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel == "." {
			rel = ""
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() {
			m[rel+"/"] = info.Mode().String()
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		m[rel] = info.Mode().String() + " " + string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// diffTrees reports the differences of two trees, or "".
func diffTrees(a, b map[string]string) string {
	var d []string
	for _, k := range slices.Sorted(maps.Keys(a)) {
		if v, ok := b[k]; !ok {
			d = append(d, "only in first: "+k)
		} else if v != a[k] {
			d = append(d, "differs: "+k)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(b)) {
		if _, ok := a[k]; !ok {
			d = append(d, "only in second: "+k)
		}
	}
	if len(d) > 10 {
		d = append(d[:10], fmt.Sprintf("... %d more", len(d)-10))
	}
	return strings.Join(d, "\n")
}

// mustWrite writes files into out and fails the test on an error.
func mustWrite(t testing.TB, out string, fs []File, opt Options) Stats {
	t.Helper()
	st, err := Write(context.Background(), out, files(fs...), opt)
	if err != nil {
		t.Fatalf("Write(%s) = %v", out, err)
	}
	return st
}

// ls lists the names in dir.
func ls(t testing.TB, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, de := range des {
		names = append(names, de.Name())
	}
	return names
}

// modified returns fs with the file at p given new data, or removed when
// data is nil, or added when absent.
func modified(fs []File, p string, data []byte) []File {
	var out []File
	found := false
	for _, f := range fs {
		if f.Path == p {
			found = true
			if data == nil {
				continue
			}
			f.Data = data
		}
		out = append(out, f)
	}
	if !found && data != nil {
		out = append(out, File{Path: p, Kind: "page", Data: data})
	}
	return out
}

func init() {
	// Test binaries carry no module versions (go.dev/issue/33976), so the
	// minifier's version is unknown and input hashes would never be
	// trusted. Tests run the version go.mod pins: trust it.
	if !knownMinifier {
		fingerprint, knownMinifier = "minify@test+"+settings, true
	}
}
