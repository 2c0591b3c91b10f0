package corpus

import (
	"strconv"
	"strings"
)

// An indexRow is one row of the index table, wrapped rows merged.
type indexRow struct {
	printed  string // "EP3628093 A2"
	id       string // canonical id
	title    string
	assignee string // ", ..." removed
	more     bool   // the assignee cell ended in ", ...": several assignees, one shown
	pos      Pos
}

const indexHeader = "Publication numbers\tTitle\tCurrent assignees"

// maxIndexCell bounds a wrapped index cell.
const maxIndexCell = 64 << 10

// parseIndex reads the index table at the top of the file. It returns the
// rows and the number of lines the table takes (the record section starts
// there). A file without an index table gives no rows and 0.
func parseIndex(file string, lines []string) (rows []indexRow, end int, errs []*Error) {
	declared := -1
	declaredLine := 0
	i := 0
	for ; i < len(lines); i++ {
		line := lines[i]
		switch {
		case blank(line):
			continue
		case line == indexHeader || strings.TrimRight(line, " \t") == strings.TrimRight(indexHeader, "\t"):
			end = i + 1
			continue
		case declared < 0 && len(rows) == 0 && strings.HasSuffix(line, " Documents"):
			if n, err := strconv.Atoi(strings.TrimSuffix(line, " Documents")); err == nil {
				declared, declaredLine = n, i+1
				end = i + 1
				if n > 0 {
					rows = make([]indexRow, 0, min(n, len(lines)))
				}
				continue
			}
		}
		// Three cells at least; a fourth and more belong to the assignee.
		cell0, rest, ok := strings.Cut(line, "\t")
		cell1, cell2, ok2 := strings.Cut(rest, "\t")
		if !ok || !ok2 {
			break
		}
		cells := [3]string{cell0, cell1, cell2}
		if strings.IndexByte(cell2, '\t') >= 0 {
			cells[2] = strings.ReplaceAll(cell2, "\t", " ")
		}
		pos := Pos{File: file, Line: i + 1}
		if strings.TrimSpace(cells[0]) == "" {
			// The rest of the last row of a page, printed after the next
			// page's header with an empty first column.
			if len(rows) == 0 {
				errs = append(errs, errorf(pos, 0, "index", Warning, "continuation line before any index row"))
				end = i + 1
				continue
			}
			r := &rows[len(rows)-1]
			t := strings.TrimSpace(cells[1])
			a := strings.TrimSpace(cells[2])
			if len(r.title)+len(t) > maxIndexCell || len(r.assignee)+len(a) > maxIndexCell {
				// A real row wraps once; thousands of continuation lines
				// would make this quadratic.
				errs = append(errs, errorf(pos, 0, "index", Warning, "row %s continues beyond %d KB; the rest is left out", r.printed, maxIndexCell>>10))
				end = i + 1
				continue
			}
			if t != "" {
				r.title += " " + t
			}
			if a != "" {
				r.assignee = strings.TrimSpace(r.assignee + " " + a)
			}
			end = i + 1
			continue
		}
		num, kind, ok := splitNumberKind(strings.TrimSpace(cells[0]))
		if !ok {
			if end == 0 {
				break // no header seen: this is not an index table
			}
			errs = append(errs, errorf(pos, 0, "index", Fatal, "cannot read the publication number %q of this index row", truncate(cells[0], 80)))
			end = i + 1
			continue
		}
		n, k := Canonical(num, kind)
		rows = append(rows, indexRow{
			printed:  strings.TrimSpace(cells[0]),
			id:       n + k,
			title:    strings.TrimSpace(cells[1]),
			assignee: strings.TrimSpace(cells[2]),
			pos:      pos,
		})
		end = i + 1
	}
	for i := range rows {
		r := &rows[i]
		if a, ok := strings.CutSuffix(r.assignee, ", ..."); ok {
			r.assignee, r.more = strings.TrimSpace(a), true
		}
		r.title = squeeze(r.title)
		r.assignee = squeeze(r.assignee)
	}
	if declared >= 0 && declared != len(rows) {
		errs = append(errs, errorf(Pos{File: file, Line: declaredLine}, 0, "index", Warning,
			"the export says %d documents but the index table has %d rows", declared, len(rows)))
	}
	return rows, end, errs
}

// splitNumberKind splits "EP3628093 A2" into number and kind. A Chinese
// utility model may be printed without a kind ("CN211845931U").
func splitNumberKind(s string) (num, kind string, ok bool) {
	s = strings.TrimSpace(stripStars(s))
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		num, kind = strings.TrimSpace(s[:i]), s[i+1:]
		if !isKind(kind) {
			return "", "", false
		}
	} else {
		num = s
	}
	if len(num) < 3 || !upper(num[0]) || !upper(num[1]) || !strings.ContainsAny(num, "0123456789") {
		return "", "", false
	}
	if kind == "" && !strings.HasSuffix(num, "U") {
		return "", "", false
	}
	return num, kind, true
}

// cleanIndexTitle removes the index's spacing artefacts: the export puts a
// space before a hyphen or comma that follows a highlighted word.
func cleanIndexTitle(s string) string { return indexSpacing.Replace(s) }

var indexSpacing = strings.NewReplacer(" -", "-", " ,", ",")
