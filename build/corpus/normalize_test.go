package corpus

import (
	"slices"
	"testing"
)

func TestCanonical(t *testing.T) {
	for _, tt := range []struct{ num, kind, want string }{
		{"EP3628093", "A2", "EP3628093A2"},
		{"WO202014512", "A1", "WO2020014512A1"},   // serial padded to 6 digits
		{"WO2019/147069", "A1", "WO2019147069A1"}, // marker and family form
		{"WO2020/14512", "A1", "WO2020014512A1"},
		{"WO20222205", "A1", "WO2022002205A1"}, // the typo on line 4147 normalizes to a wrong id: the index wins there
		{"KR10-2172903", "B1", "KR102172903B1"},
		{"KR10-2020-0123976", "A", "KR20200123976A"},
		{"KR102172903", "B1", "KR102172903B1"},
		{"KR101849917", "B1", "KR101849917B1"},
		{"CN211857397U", "U", "CN211857397U"},
		{"CN211853220", "U", "CN211853220U"},
		{"CN211845931U", "", "CN211845931U"},
		{"CN108596548", "A", "CN108596548A"},
		{"**WO2019172905", "A1**", "WO2019172905A1"},
		{"US20170046652", "A1", "US20170046652A1"},
		{"DE102019111331", "A1", "DE102019111331A1"},
		{"IN8383/DELNP/2009", "A", "IN8383DELNP2009A"},
		{"TWI706647", "B", "TWI706647B"},
		{"JPWO2019198131", "A1", "JPWO2019198131A1"},
	} {
		n, k := Canonical(tt.num, tt.kind)
		if got := n + k; got != tt.want {
			t.Errorf("Canonical(%q, %q) = %q, want %q", tt.num, tt.kind, got, tt.want)
		}
	}
}

func TestValidID(t *testing.T) {
	for _, tt := range []struct {
		id   string
		want bool
	}{
		{"EP3628093A2", true},
		{"CN211857397U", true},
		{"../../etc", false},
		{"a/b", false},
		{"CON", false},
		{"EP", false},
		{"EPABC", false},
		{"ep3628093a2", false},
		{"EP3628093A2<script>", false},
		{"EP" + string(make([]byte, 50)), false},
	} {
		if got := ValidID(tt.id); got != tt.want {
			t.Errorf("ValidID(%q) = %v, want %v", tt.id, got, tt.want)
		}
	}
}

func TestCompactCode(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string
		main bool
		ok   bool
	}{
		{"H04L-009/32/39", "H04L9/3239", false, true},
		{"G06F-016/2365", "G06F16/2365", false, true},
		{"H04L-2209/38", "H04L2209/38", false, true},
		{"G06Q-020/06*/5", "G06Q20/065", true, true},
		{"H04W-012/00524", "H04W12/00524", false, true},
		{"G06Q-010/08*/32", "G06Q10/0832", true, true},
		{"G06Q-040/02*5", "G06Q40/025", true, true},
		{"H04L-009/32/97*", "H04L9/3297", true, true},
		{"G06Q-020/38/2*1", "G06Q20/3821", true, true},
		{"H04W-004/02*/1", "H04W4/021", true, true},
		{"G01S-013/931", "G01S13/931", false, true},
		{"G01S-013/93/1", "G01S13/931", false, true},
		{"Y10S-707/99952", "Y10S707/99952", false, true},
		{"G06F-016/182*", "G06F16/182", true, true},
		{"PCLO:", "", false, false},
		{"707687000*", "", true, false},
		{"../../etc", "", false, false},
		{"Z99Z-001/00", "", false, false},
		{"H04L-009", "", false, false},
		{"H04L-00000/12", "", false, false},
	} {
		got, main, ok := CompactCode(tt.in)
		if got != tt.want || main != tt.main || ok != tt.ok {
			t.Errorf("CompactCode(%q) = %q, %v, %v; want %q, %v, %v", tt.in, got, main, ok, tt.want, tt.main, tt.ok)
		}
		if ok && !ValidCode(got) {
			t.Errorf("ValidCode(%q) = false for a CompactCode result", got)
		}
	}
}

func TestJoinSpaced(t *testing.T) {
	toks := func(ss ...string) []token {
		var out []token
		for _, s := range ss {
			out = append(out, token{text: s})
		}
		return out
	}
	texts := func(ts []token) []string {
		var out []string
		for _, t := range ts {
			out = append(out, t.text)
		}
		return out
	}
	for _, tt := range []struct {
		in, want []string
	}{
		// Line 3395: the prefix waits across two whole codes.
		{[]string{"G", "0", "6", "Q", "-", "G06Q-010/06/393*", "G06Q-010/06/398", "0", "1", "0", "/", "0", "6", "/", "3", "1", "1", "2", "*", "G06Q-010/10/53"},
			[]string{"G06Q-010/06/393*", "G06Q-010/06/398", "G06Q-010/06/3112*", "G06Q-010/10/53"}},
		{[]string{"H04L-009/32", "G06F-016/27"}, []string{"H04L-009/32", "G06F-016/27"}},
		{[]string{"G", "0", "6", "Q", "-"}, []string{"G06Q-"}},
	} {
		if got := texts(joinSpaced(toks(tt.in...))); !slices.Equal(got, tt.want) {
			t.Errorf("joinSpaced(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitInventors(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
		ok   bool
	}{
		{"FENG ZHIYUAN", []string{"FENG ZHIYUAN"}, true},
		{"Wood Matthew D.", []string{"Wood Matthew D."}, true},
		{"WILSON KELCE S", []string{"WILSON KELCE S"}, true},
		{"LEE, SU BOK", []string{"LEE, SU BOK"}, true},
		{"KIM, KI-BUM", []string{"KIM, KI-BUM"}, true},
		{"LIU, Zheng LI, Lichun YIN, Shan", []string{"LIU, Zheng", "LI, Lichun", "YIN, Shan"}, true},
		{"KUCHKOVSKY JIMENEZ, Carlos SANCHEZ MARTINEZ, Escolástico", []string{"KUCHKOVSKY JIMENEZ, Carlos", "SANCHEZ MARTINEZ, Escolástico"}, true},
		{"GUAN YAYANG SHI RUBING", []string{"GUAN YAYANG SHI RUBING"}, false},
		{"Saket Rishi Pandit Vinayaka Dayama Pankaj S. Singh Nitin", []string{"Saket Rishi Pandit Vinayaka Dayama Pankaj S. Singh Nitin"}, false},
		{"PARK, MIN JEONG CHAE SangMi", []string{"PARK, MIN JEONG CHAE SangMi"}, false},
		{"JEON, JUNG A LEE, Young Sung", []string{"JEON, JUNG A LEE, Young Sung"}, false},
		{"XU GAOFENG PEI WEIBIN YUAN, Xiaoyi GUAN SHUJU", []string{"XU GAOFENG PEI WEIBIN YUAN, Xiaoyi GUAN SHUJU"}, false},
		{"Cannon, JR. Thomas A. O'Hern William", []string{"Cannon, JR. Thomas A. O'Hern William"}, false},
		{"ZHANG, Kaixiang FAN, Ruibin", []string{"ZHANG, Kaixiang", "FAN, Ruibin"}, true},
	} {
		got, ok := SplitInventors(tt.in)
		if !slices.Equal(got, tt.want) || ok != tt.ok {
			t.Errorf("SplitInventors(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestNumberLine(t *testing.T) {
	for _, tt := range []struct {
		line             string
		title, num, kind string
		ok               bool
	}{
		{"EP3628093 A2", "", "EP3628093", "A2", true},
		{"Title text EP3688620 A2", "Title text", "EP3688620", "A2", true},
		{"… vehicle rider **WO2019172905 A1**", "… vehicle rider", "WO2019172905", "A1", true},
		{"via a **blockchain** WO2020222170 A1", "via a **blockchain**", "WO2020222170", "A1", true},
		{"CN211845931U", "", "CN211845931U", "", true},
		{"CN211857397U U", "", "CN211857397U", "U", true},
		{"CN108596548 B 2020-11-03", "", "", "", false}, // a family row: ends in a date
		{"US20200082433", "", "", "", false},            // a family number without kind
		{"EP3628093\tA2\t2020-04-01", "", "", "", false},
		{"<p>Family KR10-2172903 B1 2020-11-02 </p>", "", "", "", false},
		{"FIG. 12", "", "", "", false},
		{"S104", "", "", "", false},
	} {
		title, num, kind, ok := numberLine(tt.line)
		if title != tt.title || num != tt.num || kind != tt.kind || ok != tt.ok {
			t.Errorf("numberLine(%q) = %q, %q, %q, %v; want %q, %q, %q, %v", tt.line, title, num, kind, ok, tt.title, tt.num, tt.kind, tt.ok)
		}
	}
}

func TestFamilyTokens(t *testing.T) {
	for _, tt := range []struct {
		line   string
		header bool
		want   []string
	}{
		{"Family[CN111880746](#)", true, []string{"CN111880746"}},
		{"<p><u>Family</u> US20200349561</p>\t<p>A1 2020-11-05 </p>", true, []string{"US20200349561", "A1", "2020-11-05"}},
		{"US20200349568\tA1\t2020-11-05\t📄 🔗 🏛️ 📄", false, []string{"US20200349568", "A1", "2020-11-05"}},
		{"<td style=\"width: 30%;\">US20200349568</td> <td>A1</td>", false, []string{"US20200349568", "A1"}},
		{" [US20200349142](#) A1 2020-11-05", false, []string{"US20200349142", "A1", "2020-11-05"}},
		{"---------------\t---\t---", false, nil},
	} {
		if got := familyTokens(tt.line, tt.header); !slices.Equal(got, tt.want) {
			t.Errorf("familyTokens(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}
