// Package urls owns every path of the generated site. It takes catalog keys
// (ids, slugs, codes) and gives slash-separated paths relative to the site
// root, always naming the file ("…/index.html") so that links open from
// file:// as well as from a server, plus Rel to link one page to another
// with a relative URL. It knows nothing of templates or the file system.
//
// The scheme:
//
//	index.html                          home
//	patent/EP3628093A2/index.html       a patent (its permalink is the directory)
//	patent/EP3628093A2/index.json       the patent as JSON
//	patent/EP3628093A2/cite.ris, cite.bib
//	assignee/<slug>/index.html          an assignee
//	inventor/<slug>/index.html          an inventor
//	cpc/index.html, cpc/H/index.html, cpc/H04L9-3239/index.html   CPC tree ("/" becomes "-")
//	ipc/…                               the same for IPC
//	country/CN/index.html, year/2020/index.html, priority-year/2019/index.html, kind/A1/index.html
//	search/index.html                   search
//	about/index.html                    a page from content/about.md
//	assignee/index.html, assignee/index-2.html, …       assignees by name (A–Z)
//	assignee/by-count.html, assignee/by-count-2.html, … assignees by number of patents
//	inventor/index.html, inventor/by-count.html, …      the same for inventors
//	assets/site.css, assets/…           CSS, JS, images, vendored libraries
//	api/patents.json, api/assignees.json, api/classifications.json, api/patents.csv
//
// A list that is split into pages puts page n (n ≥ 2) at "<dir>/page/<n>/index.html".
// The name and count indexes of assignees and inventors are files beside the
// slug directories ("assignee/by-count-2.html"): a slug never holds a dot, so
// no name can take their place.
//
// External links (Espacenet, Google Patents) are built here too, so that
// every address the site prints comes from this package.
package urls

import (
	"net/url"
	"strconv"
	"strings"
)

const index = "index.html"

// Home is the home page.
const Home = index

// Patent returns the page of a patent: "patent/EP3628093A2/index.html".
func Patent(id string) string { return "patent/" + id + "/" + index }

// PatentFile returns another file of a patent's directory: "patent/ID/cite.ris".
func PatentFile(id, name string) string { return "patent/" + id + "/" + name }

// Assignee returns the page of an assignee.
func Assignee(slug string) string { return "assignee/" + slug + "/" + index }

// Inventor returns the page of an inventor.
func Inventor(slug string) string { return "inventor/" + slug + "/" + index }

// Code returns the page of a classification node in scheme "cpc" or "ipc";
// code "" is the scheme's root. A path segment cannot hold "/":
// "H04L9/3239" → "cpc/H04L9-3239/index.html".
func Code(scheme, code string) string {
	if code == "" {
		return scheme + "/" + index
	}
	return scheme + "/" + strings.ReplaceAll(code, "/", "-") + "/" + index
}

// Group returns the page of a country ("country"), publication year
// ("year"), earliest priority year ("priority-year") or kind ("kind");
// key "" is the list of all of them.
func Group(kind, key string) string {
	if key == "" {
		return kind + "/" + index
	}
	return kind + "/" + key + "/" + index
}

// Page returns page n of a list whose first page is first:
// Page("assignee/ibm/index.html", 2) = "assignee/ibm/page/2/index.html".
func Page(first string, n int) string {
	if n <= 1 {
		return first
	}
	return strings.TrimSuffix(first, index) + "page/" + strconv.Itoa(n) + "/" + index
}

// Dir returns the directory form of a page path, for permalinks and JSON:
// "patent/EP3628093A2/index.html" → "patent/EP3628093A2/"; the home page is "".
func Dir(path string) string { return strings.TrimSuffix(path, index) }

// Rel returns the relative URL from the page at from to the file at to,
// both relative to the site root, through their deepest common directory:
// Rel("patent/A/index.html", "patent/B/index.html") = "../B/index.html".
// A link to the page itself is its file name ("index.html"), never "".
func Rel(from, to string) string {
	// Skip the directories both paths share.
	for {
		i := strings.IndexByte(from, '/')
		if i < 0 || !strings.HasPrefix(to, from[:i+1]) {
			break
		}
		from, to = from[i+1:], to[i+1:]
	}
	return strings.Repeat("../", strings.Count(from, "/")) + to
}

// Search is the search page.
const Search = "search/" + index

// Content returns the page of a Markdown file from content/: "about" →
// "about/index.html".
func Content(name string) string { return name + "/" + index }

// Asset returns the path of a file of the assets folder: "assets/site.css".
func Asset(name string) string { return "assets/" + name }

// ByName returns page n of the name index of "assignee" or "inventor":
// "assignee/index.html", then "assignee/index-2.html".
func ByName(kind string, n int) string { return indexFile(kind, "index", n) }

// ByCount returns page n of the index of "assignee" or "inventor" sorted by
// number of patents: "assignee/by-count.html", then "assignee/by-count-2.html".
func ByCount(kind string, n int) string { return indexFile(kind, "by-count", n) }

func indexFile(kind, base string, n int) string {
	if n <= 1 {
		return kind + "/" + base + ".html"
	}
	return kind + "/" + base + "-" + strconv.Itoa(n) + ".html"
}

// Espacenet returns the Espacenet page of a publication, by canonical id or
// number: "https://worldwide.espacenet.com/patent/search?q=pn%3DEP3628093A2".
func Espacenet(id string) string {
	return "https://worldwide.espacenet.com/patent/search?q=" + url.QueryEscape("pn="+id)
}

// GooglePatents returns the Google Patents page of a publication:
// "https://patents.google.com/patent/EP3628093A2/en".
func GooglePatents(id string) string {
	return "https://patents.google.com/patent/" + url.PathEscape(id) + "/en"
}

// Abs returns the absolute URL of a site path under base ("https://x.github.io/repo"
// or with a trailing slash), naming the directory rather than its index.html
// so that permalinks look as people type them; "" when base is "".
func Abs(base, path string) string {
	if base == "" {
		return ""
	}
	return strings.TrimSuffix(base, "/") + "/" + Dir(path)
}
