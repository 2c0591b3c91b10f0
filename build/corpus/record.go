package corpus

import (
	"fmt"
	"strconv"
)

// A Pos is a place in an export file.
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line"` // 1-based
}

func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return p.File + ":" + strconv.Itoa(p.Line)
}

// A Value is one string read from the export and the line it starts on.
type Value struct {
	Text string
	Pos  Pos
}

// A Record is one patent of the export, as printed, with every field
// normalized only as far as the text itself allows (ids, dates, codes).
// Cross-referencing, alias merging and slugs belong to package catalog.
type Record struct {
	Index int // 1-based position in its file's index table (or record order without one)
	Pos   Pos // the title line

	// ID is the canonical publication id, number + kind without spaces,
	// slashes or dashes: "EP3628093A2", "WO2020014512A1", "CN211857397U".
	// It comes from the index row; the record line is checked against it.
	ID      string
	Country string // "EP"
	Number  string // canonical number without kind: "EP3628093", "WO2020014512"
	Kind    string // "A2"; "U" for Chinese utility models

	// Printed is the number line as printed in the record ("EP3628093 A2").
	Printed Value

	// Title has search highlights and index spacing artefacts removed.
	Title Value
	// IndexTitle is the title column of the index row, as printed.
	IndexTitle Value
	Lang       string // "zh" when the title or abstract is Chinese, else "en"

	Assignees Assignees
	Inventors Inventors

	Priorities []Priority
	IPC        []Code
	CPC        []Code
	// PCL holds US patent classification values ("PCLO: 707687000*"),
	// kept apart from CPC.
	PCL []Value

	Family []Member

	// Marker is the "(EP3628093)" line that precedes the abstract, as printed
	// without parentheses; empty when the record has none.
	Marker Value
	// Abstract is the abstract text with the export's "**" highlights kept
	// (they are markdown emphasis); a split abstract is joined into one.
	Abstract Value
	// Provenance is the family member the abstract was taken from, from a
	// "(From WO2019161958 A1)" note; empty when there is none.
	Provenance Value
	Drawings   []Drawing

	// Unclaimed lists the non-empty, non-noise lines of the record that no
	// field took, so that a new layout is seen rather than lost.
	Unclaimed []Value
}

// Assignees is the "Current assignees" field.
type Assignees struct {
	// Primary is the index row's "current assignee", with a wrapped row
	// merged and a trailing ", ..." removed; empty when the index has none.
	Primary Value
	// Raw is the record's whole assignee text with the "*" marks removed
	// and chunks joined by a space.
	Raw Value
	// Names lists the single names. When Certain is false the text had no
	// delimiters and Names is a best effort (see the package doc).
	Names   []Value
	Certain bool
}

// Inventors is the "Inventors" field.
type Inventors struct {
	Raw     Value
	Names   []Value
	Certain bool
	// Waived is set when the export says the inventor waived the right to be
	// mentioned; Names is then empty.
	Waived bool
}

// A Priority is one priority claim.
type Priority struct {
	Number string // as printed: "2019WO-CN85212"
	Date   string // ISO "2019-04-30"; empty when the token has none
	Pos    Pos
}

// A Code is one IPC or CPC classification.
type Code struct {
	Raw  string // as printed: "H04L-009/32/39*"
	Code string // compact: "H04L9/3239"
	Main bool   // marked with "*" in the export
	Pos  Pos
}

// A Member is one row of a record's family table.
type Member struct {
	Printed string // number as printed: "WO2019/137567"
	ID      string // canonical number + kind: "WO2019137567A2"
	Number  string // canonical number without kind: "WO2019137567"
	Kind    string
	Date    string // ISO publication date
	Pos     Pos
}

// A Drawing is figure material that follows the abstract.
type Drawing struct {
	Kind   string // "mermaid" or "text"
	Source string
	Pos    Pos
}

// Severity tells whether a problem stops a record from building.
type Severity int

const (
	Warning Severity = iota // recoverable; the record builds
	Fatal                   // the record, or the file, cannot be read
)

func (s Severity) String() string {
	if s == Fatal {
		return "error"
	}
	return "warning"
}

// An Error is a problem with one field of one record.
type Error struct {
	Pos      Pos
	Record   int    // 1-based, in index order; 0 when not tied to a record
	Field    string // "number", "cpc", "family", ...
	Severity Severity
	Err      error
}

func (e *Error) Error() string {
	s := e.Pos.String() + ": "
	if e.Severity == Warning {
		s += "warning: "
	}
	if e.Record > 0 {
		s += fmt.Sprintf("record %d: ", e.Record)
	}
	if e.Field != "" {
		s += e.Field + ": "
	}
	return s + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }
