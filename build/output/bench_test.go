//go:build unix

package output

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// benchSite returns n patent pages of about 4 KB (3.6 KB minified), each linking to its
// neighbours and an index, and the index.
func benchSite(n int) ([]File, int64) {
	var fs []File
	var size int64
	id := func(i int) string { return fmt.Sprintf("EP%07dA1", (i+n)%n) }
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>%[1]s – Method and system for processing patent number %[2]d</title>
  <link rel="stylesheet" href="../../style.css">
  <script type="application/ld+json">
  {"@context": "https://schema.org", "@type": "CreativeWork", "name": "Method and system %[2]d", "identifier": "%[1]s", "dateCreated": "2020-04-01"}
  </script>
</head>
<body>
  <header id="top"><nav><a href="../../index.html">Home</a></nav></header>
  <main id="main">
    <h1 id="title">Method and system for processing patent number %[2]d</h1>
    <dl id="facts">
      <dt>Published</dt><dd><time datetime="2020-04-01">1 April 2020</time></dd>
      <dt>Assignee</dt><dd>Acme Corporation</dd>
    </dl>
    <section id="claims">
      <h2>Claims</h2>
`, id(i), i)
		for c := range 9 {
			fmt.Fprintf(&b, "      <p id=\"claim-%d\">%d. A method comprising receiving a request, hashing the request with a key, and storing the result in a ledger of the system, wherein the ledger is distributed.</p>\n", c+1, c+1)
		}
		b.WriteString("    </section>\n    <section id=\"related\">\n      <h2>Related</h2>\n      <ul>\n")
		for d := -8; d <= 8; d++ {
			if d != 0 {
				fmt.Fprintf(&b, "        <li><a href=\"../%s/index.html#claims\">%s</a></li>\n", id(i+d), id(i+d))
			}
		}
		b.WriteString("      </ul>\n    </section>\n  </main>\n  <footer><p><a href=\"#top\">Top</a></p></footer>\n</body>\n</html>\n")
		f := File{Path: "patent/" + id(i) + "/index.html", Kind: "patent", Data: []byte(b.String())}
		size += int64(len(f.Data))
		fs = append(fs, f)
	}
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html lang=\"en\"><head><title>Patents</title></head><body><ul>\n")
	for i := range n {
		fmt.Fprintf(&b, "<li><a href=\"patent/%s/index.html\">%s</a></li>\n", id(i), id(i))
	}
	b.WriteString("</ul></body></html>\n")
	fs = append(fs, File{Path: "index.html", Kind: "index", Data: []byte(b.String())},
		File{Path: "style.css", Kind: "asset", Data: []byte("body { font-family: sans-serif; color: #222222; }\n")})
	for _, f := range fs[n:] {
		size += int64(len(f.Data))
	}
	return fs, size
}

// benchDir returns a directory on /dev/shm when there is one, so that the
// benchmark measures this package more than the disk.
func benchDir(b *testing.B) string {
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		dir, err := os.MkdirTemp("/dev/shm", "output-bench-")
		if err == nil {
			b.Cleanup(func() { os.RemoveAll(dir) })
			return dir
		}
	}
	return b.TempDir()
}

func BenchmarkWrite(b *testing.B) {
	const n = 20_000
	site, size := benchSite(n)
	for _, bb := range []struct {
		name string
		opt  Options
		full bool
	}{
		{"full", Options{Full: true}, true},
		{"full+links", Options{Full: true, CheckLinks: true}, true},
		{"full+zip", Options{Full: true, Zip: "site.zip"}, true},
		{"nochange", Options{}, false},
		{"nochange+links", Options{CheckLinks: true}, false},
	} {
		b.Run(bb.name, func(b *testing.B) {
			dir := benchDir(b)
			out := filepath.Join(dir, "public")
			opt := bb.opt
			if opt.Zip != "" {
				opt.Zip = filepath.Join(dir, opt.Zip)
			}
			mustWrite(b, out, site, Options{})
			b.SetBytes(size)
			cpu0 := cpuTime()
			b.ResetTimer()
			for b.Loop() {
				st, err := Write(context.Background(), out, files(site...), opt)
				if err != nil {
					b.Fatal(err)
				}
				if !bb.full && st.Written != 0 {
					b.Fatalf("a no-change build wrote %d files", st.Written)
				}
			}
			b.ReportMetric(float64(len(site))*float64(b.N)/b.Elapsed().Seconds(), "files/s")
			// CPU time is a steadier figure than wall time on a shared machine.
			b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

// cpuTime returns the process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
