package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const seedPath = "../../content/000_04432fcfb20ee3f1.txt"

func parseSeed(t testing.TB) ([]Record, ErrorList) {
	t.Helper()
	data, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	return Parse(filepath.Base(seedPath), data)
}

// TestSeedFacts checks the parse of the seed export against the counts that
// ../shared/CORPUS.md gives, each verified by hand on the whole file.
func TestSeedFacts(t *testing.T) {
	recs, errs := parseSeed(t)
	if errs.Fatal() {
		for _, e := range errs {
			if e.Severity == Fatal {
				t.Error(e)
			}
		}
	}
	count := func(name string, got, want int) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %d, want %d", name, got, want)
		}
	}
	count("records", len(recs), 267)
	ids := map[string]bool{}
	var family, ipc, cpc, prio, prioOdd, mermaid, zhTitle, zhAbs, noAbstract, withCPC, noAssignee, waived, pcl int
	ipcSet, cpcSet := map[string]bool{}, map[string]bool{}
	countries := map[string]int{}
	years := map[string]int{}
	for _, r := range recs {
		if ids[r.ID] {
			t.Errorf("duplicate id %s", r.ID)
		}
		ids[r.ID] = true
		countries[r.Country]++
		family += len(r.Family)
		ipc += len(r.IPC)
		cpc += len(r.CPC)
		if len(r.CPC) > 0 {
			withCPC++
		}
		pcl += len(r.PCL)
		for _, c := range r.IPC {
			ipcSet[c.Code] = true
		}
		for _, c := range r.CPC {
			cpcSet[c.Code] = true
		}
		for _, p := range r.Priorities {
			if p.Date != "" {
				prio++
			}
			if !strings.Contains(p.Number, "-") {
				prioOdd++
			}
		}
		for _, d := range r.Drawings {
			if d.Kind == "mermaid" {
				mermaid++
			}
		}
		if hasHan(r.Title.Text) {
			zhTitle++
		}
		if hanShare(r.Abstract.Text) > 0.3 {
			zhAbs++
		}
		if r.Abstract.Text == "" {
			noAbstract++
		}
		if r.Assignees.Raw.Text == "" {
			noAssignee++
		}
		if r.Inventors.Waived {
			waived++
		}
		pub := ""
		for _, m := range r.Family {
			if m.ID == r.ID {
				pub = m.Date
			}
		}
		if pub == "" {
			t.Errorf("%s: no publication date", r.ID)
		} else {
			years[pub[:4]]++
		}
		if len(r.Unclaimed) > 0 {
			for _, u := range r.Unclaimed {
				t.Errorf("%s: unclaimed %s %q", r.ID, u.Pos, truncate(u.Text, 80))
			}
		}
	}
	count("family members", family, 889)
	count("IPC occurrences", ipc, 1281)
	count("CPC occurrences", cpc, 1469)
	count("distinct IPC", len(ipcSet), 291)
	count("distinct CPC", len(cpcSet), 581)
	count("records with CPC", withCPC, 166)
	count("dated priorities", prio, 520)
	count("odd priority tokens", prioOdd, 1)
	count("mermaid drawings", mermaid, 52)
	count("Chinese titles", zhTitle, 88)
	count("Chinese abstracts", zhAbs, 87)
	count("records without abstract", noAbstract, 1)
	count("records without assignee", noAssignee, 8)
	count("waived inventors", waived, 6)
	count("PCL values", pcl, 5)
	for c, n := range map[string]int{"CN": 121, "WO": 47, "US": 45, "EP": 43, "KR": 10, "DE": 1} {
		count("country "+c, countries[c], n)
	}
	for y, n := range map[string]int{"2020": 217, "2019": 37, "2018": 8, "2017": 4, "2014": 1} {
		count("year "+y, years[y], n)
	}
}
