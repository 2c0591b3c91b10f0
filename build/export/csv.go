package export

import (
	"bytes"
	"encoding/csv"
	"io"
	"strings"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/urls"
)

// csvHeader names the columns of api/patents.csv. Lists are joined by "; ".
var csvHeader = []string{"id", "country", "number", "kind", "title", "lang", "publication_date", "earliest_priority",
	"primary_assignee", "assignees", "inventors", "ipc", "cpc", "family", "url"}

// PatentsCSV returns api/patents.csv, one row per patent in corpus order,
// for spreadsheets. It has no abstracts (api/patents.json has them): at
// 100,000 patents they would be 90 MB of a 120 MB file. A cell that a spreadsheet would run as a formula
// (starting with = + - @) gets a leading apostrophe.
func PatentsCSV(c *catalog.Catalog) ([]byte, error) {
	var buf bytes.Buffer
	err := WritePatentsCSV(&buf, c)
	return buf.Bytes(), err
}

// WritePatentsCSV writes api/patents.csv to w as PatentsCSV makes it, a row
// at a time.
func WritePatentsCSV(out io.Writer, c *catalog.Catalog) error {
	if _, err := io.WriteString(out, "\ufeff"); err != nil { // lets spreadsheet programs see UTF-8
		return err
	}
	w := csv.NewWriter(out)
	if err := w.Write(csvHeader); err != nil {
		return err
	}
	for _, p := range c.Patents {
		if err := w.Write(CSVRow(p)); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

// CSVRow gives the cells of p's row, in csvHeader order.
func CSVRow(p *catalog.Patent) []string {
	var ipc, cpc, fam []string
	for _, c := range p.IPC {
		ipc = append(ipc, c.Node.Code)
	}
	for _, c := range p.CPC {
		cpc = append(cpc, c.Node.Code)
	}
	for _, m := range p.Family {
		fam = append(fam, m.ID)
	}
	row := []string{p.ID, p.Country, p.Number, p.Kind, p.Title, p.Lang, p.Published, p.EarliestPriority,
		p.PrimaryName, strings.Join(p.AssigneeNames, "; "), strings.Join(p.InventorNames, "; "),
		strings.Join(ipc, "; "), strings.Join(cpc, "; "), strings.Join(fam, "; "), urls.Dir(urls.Patent(p.ID))}
	for i, cell := range row {
		row[i] = defuse(cell)
	}
	return row
}

// defuse keeps a spreadsheet from running a cell as a formula (CSV injection).
func defuse(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}
