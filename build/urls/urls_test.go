package urls

import "testing"

func TestRel(t *testing.T) {
	for _, tt := range []struct{ from, to, want string }{
		{"index.html", "patent/EP1A1/index.html", "patent/EP1A1/index.html"},
		{"patent/EP1A1/index.html", "index.html", "../../index.html"},
		{"patent/EP1A1/index.html", "patent/EP2A1/index.html", "../EP2A1/index.html"},
		{"patent/EP1A1/index.html", "patent/EP1A1/index.json", "index.json"},
		{"patent/EP1A1/index.html", "patent/EP1A1/index.html", "index.html"},
		{"patent/EP1A1/index.html", "cpc/H04L9-3239/index.html", "../../cpc/H04L9-3239/index.html"},
		{"assignee/ibm/page/2/index.html", "assignee/ibm/index.html", "../../index.html"},
		{"assignee/index.html", "assignee/ibm/index.html", "ibm/index.html"},
		{"assignee/by-count-2.html", "assignee/index.html", "index.html"},
		{"cpc/H/index.html", "cpc/H04/index.html", "../H04/index.html"},
		{"patent/A/index.html", "patentx/A/index.html", "../../patentx/A/index.html"},
	} {
		if got := Rel(tt.from, tt.to); got != tt.want {
			t.Errorf("Rel(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestPaths(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{Patent("EP3628093A2"), "patent/EP3628093A2/index.html"},
		{Code("cpc", "H04L9/3239"), "cpc/H04L9-3239/index.html"},
		{Code("ipc", ""), "ipc/index.html"},
		{Group("year", "2020"), "year/2020/index.html"},
		{Page("assignee/ibm/index.html", 1), "assignee/ibm/index.html"},
		{Page("assignee/ibm/index.html", 3), "assignee/ibm/page/3/index.html"},
		{ByName("assignee", 1), "assignee/index.html"},
		{ByName("inventor", 2), "inventor/index-2.html"},
		{ByCount("assignee", 1), "assignee/by-count.html"},
		{ByCount("assignee", 4), "assignee/by-count-4.html"},
		{Content("about"), "about/index.html"},
		{Abs("https://x.github.io/repo/", Patent("EP1A1")), "https://x.github.io/repo/patent/EP1A1/"},
		{Abs("https://x.github.io/repo", Home), "https://x.github.io/repo/"},
		{Abs("", Home), ""},
		{Espacenet("IN8383/DELNP/2009"), "https://worldwide.espacenet.com/patent/search?q=pn%3DIN8383%2FDELNP%2F2009"},
		{GooglePatents("EP3628093A2"), "https://patents.google.com/patent/EP3628093A2/en"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
