package markdown

import (
	"strings"
	"testing"
)

func TestHTML(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"A **blockchain**-based ledger", "<p>A <strong>blockchain</strong>-based ledger</p>\n"},
		{"x <script>alert(1)</script> y", "<p>x <!-- raw HTML omitted -->alert(1)<!-- raw HTML omitted --> y</p>\n"},
		{"<div onclick=x>block</div>", "<!-- raw HTML omitted -->\n"},
		{"[a](javascript:alert(1))", `<p><a href="">a</a></p>` + "\n"},
		{"AT&T", "<p>AT&amp;T</p>\n"},
		{`\$\\sigma\(A\_m\)\$`, `<p>$\sigma(A_m)$</p>` + "\n"},
		{"# About\n\ntext", "<h1 id=\"about\">About</h1>\n<p>text</p>\n"},
	} {
		got, err := HTML(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tt.want {
			t.Errorf("HTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNoUnsafeOutput(t *testing.T) {
	for _, in := range []string{
		`"><img src=x onerror=alert(1)>`,
		"<iframe src=//evil>",
		"[x](vbscript:msgbox)",
		"![i](javascript:alert(1))",
	} {
		got, _ := HTML(in)
		for _, bad := range []string{"<img src=x", "<iframe", "vbscript:", "javascript:"} {
			if strings.Contains(string(got), bad) {
				t.Errorf("HTML(%q) = %q, contains %q", in, got, bad)
			}
		}
	}
}
