package corpus

import (
	"cmp"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// An ErrorList is a list of problems, sorted by Sort.
type ErrorList []*Error

// Sort orders the list by file, line, record and field.
func (l ErrorList) Sort() {
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(
			strings.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Record, b.Record),
			strings.Compare(a.Field, b.Field),
		)
	})
}

// Fatal reports whether the list holds an error, not only warnings.
func (l ErrorList) Fatal() bool {
	return slices.ContainsFunc(l, func(e *Error) bool { return e.Severity == Fatal })
}

// Parse reads one export. file names it in positions and messages. It gives
// the records in index order and every problem found; a record with problems
// is still returned with what could be read, unless it has no usable id.
//
// The records hold no reference to data (see detach): a caller that drops
// data after the call frees it.
func Parse(file string, data []byte) ([]Record, ErrorList) {
	var errs ErrorList
	if len(data) == 0 {
		return nil, ErrorList{errorf(Pos{File: file}, 0, "file", Fatal, "empty file")}
	}
	text, warns := decode(file, data)
	errs = append(errs, warns...)
	if errs.Fatal() {
		return nil, errs
	}
	lines := splitLines(text)
	if len(lines) == 0 || !slices.ContainsFunc(lines, func(l string) bool { return !blank(l) }) {
		return nil, append(errs, errorf(Pos{File: file, Line: 1}, 0, "file", Fatal, "the file holds no text"))
	}
	// The index table is read while the record lines are looked for: which
	// lines are record lines does not depend on the index.
	var (
		rows     []indexRow
		indexEnd int
		ierrs    []*Error
		wg       sync.WaitGroup
	)
	wg.Go(func() { rows, indexEnd, ierrs = parseIndex(file, lines) })
	hits := numberLines(lines)
	wg.Wait()
	errs = append(errs, ierrs...)
	spans, serrs := findRecords(file, lines, indexEnd, rows, hits)
	errs = append(errs, serrs...)
	if len(spans) == 0 {
		errs = append(errs, errorf(Pos{File: file, Line: indexEnd + 1}, 0, "record", Fatal,
			"no record found: no line holds a publication number such as \"EP3628093 A2\""))
		return nil, errs
	}

	recs := make([]Record, len(spans))
	recErrs := make([][]*Error, len(spans))
	next := make(chan int, len(spans))
	for i := range spans {
		next <- i
	}
	close(next)
	for range min(runtime.GOMAXPROCS(0), len(spans)) {
		wg.Go(func() {
			sc := newScratch()
			var dsc detachScratch
			for i := range next {
				p := recordParser{file: file, lines: lines, span: spans[i], seq: i + 1, sc: sc}
				recs[i] = p.parse()
				recs[i].detach(text, &dsc)
				recErrs[i] = p.errs
			}
		})
	}
	wg.Wait()
	// Records without an id are dropped; the others are moved only when
	// one before them was.
	n := 0
	for i := range recs {
		errs = append(errs, recErrs[i]...)
		if recs[i].ID != "" {
			if n != i {
				recs[n] = recs[i]
			}
			n++
		}
	}
	out := recs[:n]
	errs.Sort()
	return out, errs
}

// A span is where one record stands in the file (0-based line indexes).
type span struct {
	title, number, end int // end is exclusive
	titleText          string
	printedNum         string // "EP3628093 A2"
	num, kind          string // as printed
	row                *indexRow
}

// numberLine recognises a publication-number line: an optional title, then
// the number and kind ("EP3628093 A2"), possibly in bold; a Chinese utility
// model may lack the kind ("CN211845931U").
func numberLine(line string) (title, num, kind string, ok bool) {
	if line == "" || line[0] == '\t' || line[0] == '[' || strings.IndexByte(line, '\t') >= 0 ||
		line[0] == '<' && (tagLen(line, structuralTags) > 0 || tagLen(line, figureTags) > 0 || strings.HasPrefix(line, "<pre")) {
		return "", "", "", false
	}
	s := strings.TrimRight(line, " ")
	// Cheap rejection first: the line must end in a kind code or a "U".
	if n := len(s); n < 6 || !(s[n-1] >= '0' && s[n-1] <= '9' || upper(s[n-1]) || s[n-1] == '*') {
		return "", "", "", false
	}
	bold := strings.HasSuffix(s, "**")
	s = strings.TrimSuffix(s, "**")
	head, last := cutLast(s)
	if isKind(last) {
		kind = last
		head, last = cutLast(head)
	}
	boldNum := strings.HasPrefix(last, "**")
	num = strings.TrimPrefix(last, "**")
	if bold && !boldNum && kind == "" {
		return "", "", "", false
	}
	if !pubNumber(num) || kind == "" && !strings.HasSuffix(num, "U") {
		return "", "", "", false
	}
	return strings.TrimSpace(head), num, kind, true
}

// pubNumber reports whether s looks like a publication number on a record
// line: two capital letters, at least five digits, and an optional "U".
func pubNumber(s string) bool {
	s = strings.TrimSuffix(s, "U")
	return len(s) >= 7 && upper(s[0]) && upper(s[1]) && digits(s[2:])
}

func cutLast(s string) (head, last string) {
	i := strings.LastIndexByte(s, ' ')
	if i < 0 {
		return "", s
	}
	return s[:i], s[i+1:]
}

// numberLines gives the indexes of the publication-number lines in order,
// the lines cut in one part per core.
func numberLines(lines []string) []int {
	parts := make([][]int, min(runtime.GOMAXPROCS(0), max(1, len(lines)>>16)))
	var wg sync.WaitGroup
	for k := range parts {
		wg.Go(func() {
			for i := k * len(lines) / len(parts); i < (k+1)*len(lines)/len(parts); i++ {
				if _, _, _, ok := numberLine(lines[i]); ok {
					parts[k] = append(parts[k], i)
				}
			}
		})
	}
	wg.Wait()
	return slices.Concat(parts...)
}

// findRecords finds every record's title and number lines after the index
// table (the number lines are hits, from line from on) and pairs them with
// the index rows, in order.
func findRecords(file string, lines []string, from int, rows []indexRow, hits []int) ([]span, []*Error) {
	var errs []*Error
	cands := make([]span, 0, len(rows)+1)
	for _, i := range hits {
		if i < from {
			continue
		}
		title, num, kind, _ := numberLine(lines[i])
		sp := span{number: i, num: num, kind: kind, printedNum: strings.TrimSpace(num + " " + kind)}
		if title != "" {
			sp.title, sp.titleText = i, title
		} else {
			sp.title = -1
			lo := from
			if len(cands) > 0 {
				lo = cands[len(cands)-1].number + 1
			}
			for j := i - 1; j >= lo; j-- {
				if !blank(lines[j]) {
					sp.title, sp.titleText = j, strings.TrimSpace(lines[j])
					break
				}
			}
			if sp.title < 0 {
				sp.title = i
			}
		}
		cands = append(cands, sp)
	}
	if len(rows) == 0 {
		if len(cands) > 0 {
			errs = append(errs, errorf(Pos{File: file, Line: 1}, 0, "index", Warning,
				"no index table: records read from the record section alone (ids from the record lines, no primary assignees)"))
		}
	} else {
		cands, errs = alignIndex(file, cands, rows, errs)
	}
	for i := range cands {
		if i+1 < len(cands) {
			cands[i].end = cands[i+1].title
		} else {
			cands[i].end = len(lines)
		}
		if cands[i].end < cands[i].number+1 {
			cands[i].end = cands[i].number + 1
		}
	}
	return cands, errs
}

// alignIndex pairs record lines with index rows. Both are in the same order;
// a record line that disagrees with its row (a typo) takes the row's id, a
// row without a record and a record without a row are reported.
func alignIndex(file string, cands []span, rows []indexRow, errs []*Error) ([]span, []*Error) {
	// is reports whether a record line names the row id, without making
	// the record's id.
	is := func(sp span, id string) bool {
		n, k := Canonical(sp.num, sp.kind)
		return len(id) == len(n)+len(k) && id[:len(n)] == n && id[len(n):] == k
	}
	out := make([]span, 0, len(cands))
	k, j := 0, 0
	missing := func(k int) {
		errs = append(errs, errorf(rows[k].pos, 0, "index", Fatal,
			"index row %s has no record in the record section", rows[k].printed))
	}
	for k < len(rows) && j < len(cands) {
		switch {
		case is(cands[j], rows[k].id):
			cands[j].row = &rows[k]
			out = append(out, cands[j])
			k++
			j++
		case k+1 < len(rows) && is(cands[j], rows[k+1].id):
			missing(k)
			k++
		case j+1 < len(cands) && is(cands[j+1], rows[k].id):
			errs = append(errs, errorf(Pos{File: file, Line: cands[j].number + 1}, 0, "number", Warning,
				"%q is not in the index table; read as a record of its own", cands[j].printedNum))
			out = append(out, cands[j])
			j++
		default:
			// Same place in both lists but different ids: a typo on the
			// record line (CORPUS.md §3 case 1). The index row wins.
			cands[j].row = &rows[k]
			out = append(out, cands[j])
			k++
			j++
		}
	}
	for ; k < len(rows); k++ {
		missing(k)
	}
	for ; j < len(cands); j++ {
		errs = append(errs, errorf(Pos{File: file, Line: cands[j].number + 1}, 0, "number", Warning,
			"%q is not in the index table; read as a record of its own", cands[j].printedNum))
		out = append(out, cands[j])
	}
	return out, errs
}
