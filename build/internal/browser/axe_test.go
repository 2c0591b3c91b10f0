package browser

import (
	"slices"
	"testing"
)

func ids(vs []Violation) []string {
	var s []string
	for _, v := range vs {
		s = append(s, v.ID)
	}
	return s
}

// TestAxe runs axe on a page whose Content-Security-Policy blocks every
// script but its own (script-src 'self'): axe still runs and finds the image
// without alt text, while the page's inline script stays blocked.
func TestAxe(t *testing.T) {
	b := Start(t)
	base := Serve(t, "testdata", "/repo/")

	p := b.Open(t, base+"csp.html")
	vs := Axe(p, AxeOptions{})
	i := slices.IndexFunc(vs, func(v Violation) bool { return v.ID == "image-alt" })
	if i < 0 {
		t.Fatalf("Axe(csp.html) = %v, want image-alt", ids(vs))
	}
	if v := vs[i]; v.Impact != "critical" || !slices.Equal(v.Nodes, []string{"img"}) || v.Help == "" || v.HelpURL == "" {
		t.Errorf("image-alt violation = %+v, want critical, on img, with help", v)
	}
	if got := Eval[string](p, "document.title"); got != "Strict CSP" {
		t.Errorf("document.title = %q: the CSP did not hold, so the test proves nothing", got)
	}

	// Tags narrow the rules: image-alt is wcag2a, not best-practice only.
	if vs := Axe(p, AxeOptions{Tags: []string{"wcag2a"}}); !slices.Contains(ids(vs), "image-alt") {
		t.Errorf("Axe(wcag2a) = %v, want image-alt", ids(vs))
	}

	// The dark theme of contrast.html fails color-contrast; the light one passes.
	p = b.Open(t, base+"contrast.html")
	if vs := Axe(p, AxeOptions{}); len(vs) != 0 {
		t.Errorf("Axe(contrast.html, light) = %v, want none", vs)
	}
	if vs := Axe(p, AxeOptions{Dark: true}); !slices.Contains(ids(vs), "color-contrast") {
		t.Errorf("Axe(contrast.html, Dark) = %v, want color-contrast", ids(vs))
	}
	// The page goes back to its own color scheme.
	if vs := Axe(p, AxeOptions{}); len(vs) != 0 {
		t.Errorf("Axe(contrast.html) after a dark run = %v, want none", vs)
	}
	if probs := p.Problems(); len(probs) > 0 {
		t.Errorf("running axe caused problems: %v", probs)
	}
}
