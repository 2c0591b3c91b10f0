package gates_test

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestCSP reads every page of the seed site as a browser parses it: each
// carries a Content-Security-Policy meta tag in its head, before any script
// or stylesheet (a policy applies only to what follows it), whose script
// policy (script-src, else default-src) allows the site's own files only:
// no 'unsafe-inline', 'unsafe-eval', 'unsafe-hashes', nonce or hash, no
// scheme or host, no wildcard. No page has an inline script but JSON-LD, an
// event handler attribute or a javascript: URL. The one compromise is
// style-src 'unsafe-inline' on the pages that draw a mermaid diagram:
// mermaid writes <style> into the SVG it draws.
//
// Redirect stubs (patent/<spelling>/index.html) carry no policy: they hold
// no script, stylesheet or style attribute at all, which this test checks;
// the missing meta tag is reported for templates/redirect.html.
func TestCSP(t *testing.T) {
	dir, rep := seedSite(t)
	policies := map[string]int{}
	stubs := 0
	pages := siteFiles(t, dir, ".html")
	for _, p := range pages {
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		policy, problems := readPolicy(doc)
		if isStub(rep.Catalog, p) && policy == "" {
			stubs++
			if len(problems) > 0 {
				t.Errorf("%s (redirect stub, no CSP): %s", p, strings.Join(problems, "; "))
			}
			continue
		}
		if policy == "" {
			problems = append(problems, "no Content-Security-Policy meta tag")
		} else {
			policies[policy]++
			problems = append(problems, checkPolicy(policy)...)
		}
		for _, pr := range problems {
			t.Errorf("%s: %s", p, pr)
		}
	}
	for _, pol := range slices.Sorted(maps.Keys(policies)) {
		t.Logf("%5d pages: %s", policies[pol], pol)
	}
	t.Logf("%d redirect stubs without a policy (no script, style or stylesheet in them)", stubs)
	t.Logf("%d pages read", len(pages))
}

// readPolicy returns the page's CSP meta tag and what is wrong around it:
// a policy after a script or stylesheet, inline scripts, event handlers,
// style attributes (on pages whose policy does not allow them) and
// javascript: URLs.
func readPolicy(doc *html.Node) (string, []string) {
	var policy string
	var problems []string
	before := 0 // scripts and stylesheets seen before the policy
	inlineStyle := 0
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Meta:
			if strings.EqualFold(attr(n, "http-equiv"), "Content-Security-Policy") {
				if policy != "" {
					problems = append(problems, "two CSP meta tags")
				}
				policy = attr(n, "content")
				if before > 0 {
					problems = append(problems, "the CSP meta tag comes after a script or stylesheet")
				}
				if n.Parent == nil || n.Parent.DataAtom != atom.Head {
					problems = append(problems, "the CSP meta tag is not in <head>")
				}
			}
		case atom.Script:
			if policy == "" {
				before++
			}
			if attr(n, "type") == "application/ld+json" {
				continue
			}
			if !hasAttr(n, "src") || n.FirstChild != nil {
				problems = append(problems, fmt.Sprintf("inline script %.60q", text(n)))
			}
		case atom.Link:
			if policy == "" && strings.Contains(attr(n, "rel"), "stylesheet") {
				before++
			}
		case atom.Style:
			inlineStyle++
		}
		for _, a := range n.Attr {
			v := strings.ToLower(strings.TrimSpace(a.Val))
			switch {
			case strings.HasPrefix(a.Key, "on"):
				problems = append(problems, fmt.Sprintf("<%s %s>", n.Data, a.Key))
			case a.Key == "style":
				inlineStyle++
			case (a.Key == "href" || a.Key == "src" || a.Key == "action" || a.Key == "formaction") && strings.HasPrefix(v, "javascript:"):
				problems = append(problems, fmt.Sprintf("<%s %s=%q>", n.Data, a.Key, a.Val))
			}
		}
	}
	if inlineStyle > 0 && !strings.Contains(directive(policy, "style-src"), "'unsafe-inline'") {
		problems = append(problems, fmt.Sprintf("%d inline styles (style element or attribute) that the policy blocks", inlineStyle))
	}
	return policy, problems
}

// checkPolicy returns what is wrong with a page's policy.
func checkPolicy(policy string) []string {
	var problems []string
	script := directive(policy, "script-src")
	if script == "" {
		problems = append(problems, "no script-src or default-src: any script may run")
	}
	for _, src := range strings.Fields(script) {
		switch {
		case src == "'self'", src == "'none'":
		default:
			problems = append(problems, fmt.Sprintf("scripts allowed from %s", src))
		}
	}
	if strings.Contains(policy, "'unsafe-eval'") || strings.Contains(policy, "'wasm-unsafe-eval'") {
		problems = append(problems, "unsafe-eval")
	}
	if obj := directive(policy, "object-src"); obj != "'none'" && obj != "'self'" {
		problems = append(problems, fmt.Sprintf("object-src %q", obj))
	}
	if base := directive(policy, "base-uri"); base != "'none'" && base != "'self'" {
		problems = append(problems, "no base-uri restriction")
	}
	if style := directive(policy, "style-src"); strings.Contains(style, "'unsafe-inline'") && !strings.Contains(policy, "style-src 'self' 'unsafe-inline'") {
		problems = append(problems, "style-src "+style)
	}
	return problems
}

// directive returns the sources of a fetch directive, falling back to
// default-src as browsers do; base-uri and form-action do not fall back.
func directive(policy, name string) string {
	var def string
	for _, d := range strings.Split(policy, ";") {
		f := strings.Fields(d)
		if len(f) == 0 {
			continue
		}
		switch strings.ToLower(f[0]) {
		case name:
			return strings.Join(f[1:], " ")
		case "default-src":
			def = strings.Join(f[1:], " ")
		}
	}
	if name == "base-uri" || name == "form-action" {
		return ""
	}
	return def
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	return slices.ContainsFunc(n.Attr, func(a html.Attribute) bool { return a.Key == key })
}

func text(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}
