// Package patentsite holds the default corpus, alias file, content pages,
// templates and assets, embedded so the binary needs nothing beside it.
package patentsite

import (
	"embed"
	"io/fs"
)

//go:embed content templates assets
var files embed.FS

// DefaultCorpus is the name of the embedded default export inside Content.
const DefaultCorpus = "000_04432fcfb20ee3f1.txt"

// Content returns the default corpus, aliases and markdown pages, rooted at content/.
func Content() fs.FS { return sub("content") }

// Templates returns the page templates, rooted at templates/.
func Templates() fs.FS { return sub("templates") }

// Assets returns the CSS, JS and images, rooted at assets/.
func Assets() fs.FS { return sub("assets") }

func sub(dir string) fs.FS {
	f, err := fs.Sub(files, dir)
	if err != nil {
		panic(err) // dir is a constant above
	}
	return f
}
