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
//	api/patents.json, api/assignees.json, api/classifications.json, api/patents.csv
//
// A list that is split into pages puts page n (n ≥ 2) at "<dir>/page/<n>/index.html".
package urls

import (
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
// both relative to the site root.
func Rel(from, to string) string {
	return strings.Repeat("../", strings.Count(from, "/")) + to
}
