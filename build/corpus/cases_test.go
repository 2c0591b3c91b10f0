package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/patentsite/patentsite/build/internal/golden"
)

// TestCases parses each testdata/cases/*.txt archive's "input" export and
// compares the records and problems with its "records.json" and "errors"
// sections. testdata/README.md explains the format; -update rewrites the
// two sections (review the diff by hand before committing it).
func TestCases(t *testing.T) {
	files, err := filepath.Glob("testdata/cases/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatal("no cases", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			sections := map[string][]byte{}
			for _, f := range ar.Files {
				sections[f.Name] = f.Data
			}
			input, ok := sections["input"]
			if !ok {
				t.Fatal("no input section")
			}
			recs, errs := Parse("input", input)
			got := map[string][]byte{
				"records.json": recordsJSON(t, recs),
				"errors":       errorsText(errs),
			}
			if *golden.Update {
				ar.Files = []txtar.File{{Name: "input", Data: input}}
				for _, name := range []string{"records.json", "errors"} {
					ar.Files = append(ar.Files, txtar.File{Name: name, Data: got[name]})
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, name := range []string{"records.json", "errors"} {
				if !bytes.Equal(got[name], sections[name]) {
					t.Errorf("%s differs (-want +got):\n%s", name, golden.Diff(string(sections[name]), string(got[name])))
				}
			}
		})
	}
}

// caseRecord is the reviewable view of a Record in the cases.
type caseRecord struct {
	ID         string         `json:"id"`
	Line       int            `json:"line"`
	Printed    string         `json:"printed"`
	Title      string         `json:"title"`
	Lang       string         `json:"lang"`
	Primary    string         `json:"primary_assignee"`
	Assignees  []string       `json:"assignees"`
	ACertain   bool           `json:"assignees_certain"`
	ARaw       string         `json:"assignees_raw"`
	Inventors  []string       `json:"inventors"`
	ICertain   bool           `json:"inventors_certain"`
	Waived     bool           `json:"waived,omitempty"`
	Priorities []string       `json:"priorities"`
	IPC        []string       `json:"ipc"`
	CPC        []string       `json:"cpc"`
	PCL        []string       `json:"pcl,omitempty"`
	Family     []string       `json:"family"`
	Marker     string         `json:"marker"`
	Abstract   string         `json:"abstract"`
	Provenance string         `json:"provenance,omitempty"`
	Drawings   []string       `json:"drawings,omitempty"`
	Unclaimed  []string       `json:"unclaimed,omitempty"`
	Lines      map[string]int `json:"lines"`
}

func recordsJSON(t *testing.T, recs []Record) []byte {
	var out []caseRecord
	for _, r := range recs {
		c := caseRecord{
			ID: r.ID, Line: r.Pos.Line, Printed: r.Printed.Text, Title: r.Title.Text, Lang: r.Lang,
			Primary: r.Assignees.Primary.Text, ACertain: r.Assignees.Certain, ARaw: r.Assignees.Raw.Text,
			ICertain: r.Inventors.Certain, Waived: r.Inventors.Waived,
			Marker: r.Marker.Text, Abstract: r.Abstract.Text, Provenance: r.Provenance.Text,
			Lines: map[string]int{"number": r.Printed.Pos.Line, "assignees": r.Assignees.Raw.Pos.Line,
				"inventors": r.Inventors.Raw.Pos.Line, "marker": r.Marker.Pos.Line, "abstract": r.Abstract.Pos.Line},
		}
		for _, v := range r.Assignees.Names {
			c.Assignees = append(c.Assignees, v.Text)
		}
		for _, v := range r.Inventors.Names {
			c.Inventors = append(c.Inventors, v.Text)
		}
		for _, p := range r.Priorities {
			c.Priorities = append(c.Priorities, fmt.Sprintf("%s %s @%d", p.Number, p.Date, p.Pos.Line))
		}
		code := func(cs []Code) []string {
			var out []string
			for _, x := range cs {
				s := x.Code
				if x.Main {
					s += " (main)"
				}
				out = append(out, fmt.Sprintf("%s ← %s @%d", s, x.Raw, x.Pos.Line))
			}
			return out
		}
		c.IPC, c.CPC = code(r.IPC), code(r.CPC)
		for _, v := range r.PCL {
			c.PCL = append(c.PCL, v.Text)
		}
		for _, m := range r.Family {
			c.Family = append(c.Family, fmt.Sprintf("%s %s %s ← %s @%d", m.ID, m.Kind, m.Date, m.Printed, m.Pos.Line))
		}
		for _, d := range r.Drawings {
			c.Drawings = append(c.Drawings, fmt.Sprintf("%s @%d: %s", d.Kind, d.Pos.Line, d.Source))
		}
		for _, u := range r.Unclaimed {
			c.Unclaimed = append(c.Unclaimed, fmt.Sprintf("@%d: %s", u.Pos.Line, u.Text))
		}
		out = append(out, c)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func errorsText(errs ErrorList) []byte {
	var b strings.Builder
	for _, e := range errs {
		b.WriteString(e.Error())
		b.WriteByte('\n')
	}
	return []byte(b.String())
}
