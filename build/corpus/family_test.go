package corpus

import (
	"strings"
	"testing"
)

func TestUnlink(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Family[CN111880746](#)", "Family CN111880746 "},
		{" [US20200349142](#) A1 2020-11-05", "  US20200349142  A1 2020-11-05"},
		{"[A](#) [B](#)", " A   B "},
		{"no link", "no link"},
		{"odd ]( text", "odd ]( text"},
	} {
		if got := unlink(tt.in); got != tt.want {
			t.Errorf("unlink(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// A long line of links is read in one pass, not one copy per link.
	long := strings.Repeat("[US1234567](#) ", 200_000)
	if got := unlink(long); strings.Count(got, "US1234567") != 200_000 {
		t.Errorf("unlink of 200,000 links lost some")
	}
}
