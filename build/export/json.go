package export

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/urls"
)

// Patent is one entry of api/patents.json and the content of
// patent/<ID>/index.json.
type Patent struct {
	ID                 string     `json:"id"`
	Country            string     `json:"country"`
	Number             string     `json:"number"`
	Kind               string     `json:"kind"`
	Title              string     `json:"title"`
	Lang               string     `json:"lang"`
	PrimaryAssignee    string     `json:"primary_assignee"`
	Assignees          []string   `json:"assignees"`
	AssigneesCertain   bool       `json:"assignees_certain"`
	AssigneesRaw       string     `json:"assignees_raw"`
	Inventors          []string   `json:"inventors"`
	InventorsCertain   bool       `json:"inventors_certain"`
	InventorsRaw       string     `json:"inventors_raw"`
	Priorities         []Priority `json:"priorities"`
	EarliestPriority   string     `json:"earliest_priority"`
	PublicationDate    string     `json:"publication_date"`
	IPC                []Code     `json:"ipc"`
	CPC                []Code     `json:"cpc"`
	PCL                []string   `json:"pcl"`
	Family             []Member   `json:"family"`
	Abstract           string     `json:"abstract"`
	AbstractProvenance string     `json:"abstract_provenance"`
	Drawings           []Drawing  `json:"drawings"`
	URL                string     `json:"url"`
	Source             Source     `json:"source"`
	// AssigneeSlugs name the merged assignees (entries of api/assignees.json)
	// that Assignees resolve to, primary first.
	AssigneeSlugs []string `json:"assignee_slugs"`
	InventorSlugs []string `json:"inventor_slugs"`
}

type Priority struct {
	Number string `json:"number"`
	Date   string `json:"date"`
}

type Code struct {
	Code string `json:"code"`
	Main bool   `json:"main"`
}

type Member struct {
	ID        string `json:"id"`
	Number    string `json:"number"`
	Kind      string `json:"kind"`
	Date      string `json:"date"`
	InCatalog bool   `json:"in_catalog"`
}

type Drawing struct {
	Kind   string `json:"kind"`
	Source string `json:"source"`
}

type Source struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

// NewPatent gives the JSON form of p.
func NewPatent(p *catalog.Patent) Patent {
	j := Patent{
		ID:                 p.ID,
		Country:            p.Country,
		Number:             p.Number,
		Kind:               p.Kind,
		Title:              p.Title,
		Lang:               p.Lang,
		PrimaryAssignee:    p.PrimaryName,
		Assignees:          nonNil(p.AssigneeNames),
		AssigneesCertain:   p.AssigneesCertain,
		AssigneesRaw:       p.AssigneesRaw,
		Inventors:          nonNil(p.InventorNames),
		InventorsCertain:   p.InventorsCertain,
		InventorsRaw:       p.InventorsRaw,
		Priorities:         []Priority{},
		EarliestPriority:   p.EarliestPriority,
		PublicationDate:    p.Published,
		IPC:                codes(p.IPC),
		CPC:                codes(p.CPC),
		PCL:                nonNil(p.PCL),
		Family:             []Member{},
		Abstract:           p.Abstract,
		AbstractProvenance: p.AbstractProvenance,
		Drawings:           []Drawing{},
		URL:                urls.Dir(urls.Patent(p.ID)),
		Source:             Source{File: p.Source.File, Line: p.Source.Line},
		AssigneeSlugs:      []string{},
		InventorSlugs:      []string{},
	}
	for _, pr := range p.Priorities {
		j.Priorities = append(j.Priorities, Priority(pr))
	}
	for _, m := range p.Family {
		j.Family = append(j.Family, Member{ID: m.ID, Number: m.Printed, Kind: m.Kind, Date: m.Date, InCatalog: m.Patent != nil})
	}
	for _, d := range p.Drawings {
		j.Drawings = append(j.Drawings, Drawing{Kind: d.Kind, Source: d.Source})
	}
	for _, a := range p.Assignees {
		j.AssigneeSlugs = append(j.AssigneeSlugs, a.Slug)
	}
	for _, in := range p.Inventors {
		j.InventorSlugs = append(j.InventorSlugs, in.Slug)
	}
	return j
}

func codes(cs []catalog.Class) []Code {
	out := make([]Code, len(cs))
	for i, c := range cs {
		out[i] = Code{Code: c.Node.Code, Main: c.Main}
	}
	return out
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// PatentsJSON returns api/patents.json: {"patents": [ … ]} in corpus order,
// one patent per line so that diffs between builds stay readable.
func PatentsJSON(c *catalog.Catalog) ([]byte, error) {
	var buf bytes.Buffer
	err := WritePatentsJSON(&buf, c)
	return buf.Bytes(), err
}

// WritePatentsJSON writes api/patents.json to w as PatentsJSON makes it,
// a patent at a time, so that a big catalog's file is never held whole.
func WritePatentsJSON(w io.Writer, c *catalog.Catalog) error {
	if _, err := io.WriteString(w, "{\"patents\":[\n"); err != nil {
		return err
	}
	var buf []byte
	for i, p := range c.Patents {
		buf = buf[:0]
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = AppendPatent(buf, p)
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "]}\n")
	return err
}

// Assignee is one entry of api/assignees.json.
type Assignee struct {
	Name         string   `json:"name"`
	Slug         string   `json:"slug"`
	URL          string   `json:"url"`
	Aliases      []string `json:"aliases"`
	Count        int      `json:"count"`
	PrimaryCount int      `json:"primary_count"`
	Patents      []string `json:"patents"`
}

// AssigneesJSON returns api/assignees.json: {"assignees": [ … ]} by name.
func AssigneesJSON(c *catalog.Catalog) ([]byte, error) {
	out := struct {
		Assignees []Assignee `json:"assignees"`
	}{Assignees: []Assignee{}}
	for _, a := range c.Assignees {
		out.Assignees = append(out.Assignees, Assignee{
			Name: a.Name, Slug: a.Slug, URL: urls.Dir(urls.Assignee(a.Slug)),
			Aliases: nonNil(a.Aliases), Count: len(a.Patents), PrimaryCount: a.Primary, Patents: ids(a.Patents),
		})
	}
	return marshal(out)
}

// Class is one entry of api/classifications.json.
type Class struct {
	Code    string   `json:"code"`
	Display string   `json:"display"`
	Level   string   `json:"level"`
	Parent  string   `json:"parent"`
	Count   int      `json:"count"`
	Twin    bool     `json:"in_other_scheme"`
	URL     string   `json:"url"`
	Patents []string `json:"patents"`
}

// ClassificationsJSON returns api/classifications.json: {"cpc": [ … ],
// "ipc": [ … ]}, every node of each tree from sections down to subgroups,
// parents first, with the ids of all patents at or below it.
func ClassificationsJSON(c *catalog.Catalog) ([]byte, error) {
	var buf bytes.Buffer
	err := WriteClassificationsJSON(&buf, c)
	return buf.Bytes(), err
}

// WriteClassificationsJSON writes api/classifications.json to w as
// ClassificationsJSON makes it (the bytes encoding/json gives for []Class),
// a node at a time: at 100,000 patents the file is 47 MB, and building it
// whole took 0.35 GB of allocations.
func WriteClassificationsJSON(w io.Writer, c *catalog.Catalog) error {
	b := append(make([]byte, 0, 64<<10), `{"cpc":[`...)
	for i, s := range []*catalog.Scheme{c.CPC, c.IPC} {
		if i == 1 {
			b = append(b, `],"ipc":[`...)
		}
		for j, n := range s.Nodes() {
			if j > 0 {
				b = append(b, ',')
			}
			b = appendClass(b, s, n)
			if len(b) >= 48<<10 {
				if _, err := w.Write(b); err != nil {
					return err
				}
				b = b[:0]
			}
		}
	}
	b = append(b, "]}\n"...)
	_, err := w.Write(b)
	return err
}

// appendClass appends node n of scheme s as a Class.
func appendClass(b []byte, s *catalog.Scheme, n *catalog.Node) []byte {
	par := ""
	if n.Parent != nil {
		par = n.Parent.Code
	}
	b = append(b, `{"code":`...)
	b = appendString(b, n.Code)
	b = appendKeyString(b, "display", n.Display())
	b = appendKeyString(b, "level", n.Level.String())
	b = appendKeyString(b, "parent", par)
	b = strconv.AppendInt(appendKey(b, "count"), int64(len(n.Patents)), 10)
	b = appendKeyBool(b, "in_other_scheme", n.Twin != nil)
	b = appendKeyString(b, "url", urls.Dir(urls.Code(s.Name, n.Code)))
	b = appendArray(b, "patents", n.Patents, func(b []byte, p *catalog.Patent) []byte { return appendString(b, p.ID) })
	return append(b, '}')
}

func ids(ps []*catalog.Patent) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.ID
	}
	return out
}

func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
