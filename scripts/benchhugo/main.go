// Command benchhugo writes a Hugo site of a patent export, for comparing
// patentsite with Hugo + Pagefind on the same corpus (issue 9). It is
// benchmark tooling, not part of the product:
//
//	go run ./scripts/benchhugo -corpus /tmp/c10k.txt -out /tmp/hugo10k [-inventors]
//	hugo --source /tmp/hugo10k --minify --quiet
//	pagefind --site /tmp/hugo10k/public
//
// Each patent becomes content/patents/<id>.md with its title, publication
// date and the taxonomies assignee, ipc and cpc (and inventor with
// -inventors) in front matter, and its abstract as the body; the layouts are
// minimal (a patent page, list pages, taxonomy and term pages), with
// data-pagefind-body on patent pages.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/corpus"
)

func main() {
	corpusFile := flag.String("corpus", "", "export to read")
	out := flag.String("out", "", "Hugo site directory to write")
	inventors := flag.Bool("inventors", false, "add the inventor taxonomy")
	flag.Parse()
	if *corpusFile == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	data, err := os.ReadFile(*corpusFile)
	if err != nil {
		log.Fatal(err)
	}
	recs, _ := corpus.Parse(*corpusFile, data)
	c := catalog.Build(recs, nil)
	if err := os.RemoveAll(*out); err != nil {
		log.Fatal(err)
	}
	taxonomies := "assignee = 'assignees'\n  ipc = 'ipc'\n  cpc = 'cpc'\n"
	if *inventors {
		taxonomies += "  inventor = 'inventors'\n"
	}
	files := map[string]string{
		"hugo.toml":                    "baseURL = 'https://example.org/'\ntitle = 'Patent catalog'\ndisableKinds = ['RSS', 'sitemap']\n[taxonomies]\n  " + taxonomies,
		"layouts/_default/baseof.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><main>{{ block "main" . }}{{ end }}</main></body></html>`,
		"layouts/_default/single.html": `{{ define "main" }}<article data-pagefind-body><h1>{{ .Title }}</h1><p>{{ .Date.Format "2006-01-02" }}</p>` +
			`{{ range .GetTerms "assignee" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}` +
			`{{ range .GetTerms "inventor" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}` +
			`{{ range .GetTerms "ipc" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}` +
			`{{ range .GetTerms "cpc" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}` +
			`{{ .Content }}</article>{{ end }}`,
		"layouts/_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>` +
			`{{ with .Paginator.Next }}<a href="{{ .URL }}">next</a>{{ end }}{{ end }}`,
		"layouts/_default/terms.html": `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}`,
	}
	for name, text := range files {
		write(filepath.Join(*out, name), text)
	}
	dir := filepath.Join(*out, "content", "patents")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		log.Fatal(err)
	}
	for _, p := range c.Patents {
		f, err := os.Create(filepath.Join(dir, p.ID+".md"))
		if err != nil {
			log.Fatal(err)
		}
		w := bufio.NewWriter(f)
		fm := map[string]any{"title": p.Title, "slug": p.ID}
		if p.Published != "" {
			fm["date"] = p.Published
		}
		var as, ipc, cpc, inv []string
		for _, a := range p.Assignees {
			as = append(as, a.Name)
		}
		for _, cl := range p.IPC {
			ipc = append(ipc, cl.Node.Code)
		}
		for _, cl := range p.CPC {
			cpc = append(cpc, cl.Node.Code)
		}
		for _, in := range p.Inventors {
			inv = append(inv, in.Name)
		}
		fm["assignee"], fm["ipc"], fm["cpc"] = as, ipc, cpc
		if *inventors {
			fm["inventor"] = inv
		}
		head, err := json.Marshal(fm) // JSON front matter: Hugo reads it as is
		if err != nil {
			log.Fatal(err)
		}
		fmt.Fprintf(w, "%s\n\n%s\n", head, p.Abstract)
		if err := w.Flush(); err != nil {
			log.Fatal(err)
		}
		f.Close()
	}
}

func write(name, text string) {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		log.Fatal(err)
	}
}
