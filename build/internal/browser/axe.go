package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// AxeOptions change how Axe runs.
type AxeOptions struct {
	// Dark runs axe with prefers-color-scheme: dark emulated, so that
	// color-contrast checks the dark theme; the page goes back to its own
	// setting afterwards.
	Dark bool

	// Tags, when not empty, runs only the rules with one of these tags,
	// such as "wcag2a", "wcag2aa", "wcag21aa", "best-practice". By
	// default every rule that axe enables runs.
	Tags []string
}

// A Violation is one axe rule that failed on the page.
type Violation struct {
	ID      string   `json:"id"`      // the rule, such as "image-alt" or "color-contrast"
	Impact  string   `json:"impact"`  // "minor", "moderate", "serious" or "critical"
	Help    string   `json:"help"`    // what the rule asks for
	HelpURL string   `json:"helpUrl"` // where axe explains it
	Nodes   []string `json:"nodes"`   // CSS selectors of the failing elements
}

func (v Violation) String() string {
	return fmt.Sprintf("%s (%s): %s: %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, ", "))
}

// Axe runs the axe-core accessibility checker on the page as it is now and
// returns its violations. It reads axe.min.js from the test tools (see
// scripts/install-tools), skipping the test, or failing it on CI, when it
// is missing.
//
// axe is evaluated through the DevTools protocol (Runtime.evaluate), not
// added as a <script>, so a Content-Security-Policy such as
// script-src 'self' does not block it.
func Axe(p *Page, opts AxeOptions) []Violation {
	p.t.Helper()
	src, err := os.ReadFile(toolFile(p.t, "axe-core/axe.min.js"))
	if err != nil {
		p.t.Fatal(err)
	}
	ctx, cancel := p.timeout()
	defer cancel()
	if opts.Dark && !p.dark {
		if err := p.tab.setDark(ctx, true); err != nil {
			p.t.Fatalf("emulating dark mode: %v", err)
		}
		defer p.tab.setDark(ctx, false)
	}
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.axe === "object"`))
	if err != nil {
		p.t.Fatalf("axe: %v", err)
	}
	if !loaded {
		if err := evaluate(ctx, string(src)); err != nil {
			p.t.Fatalf("loading axe-core: %v", err)
		}
	}
	runOptions := map[string]any{"resultTypes": []string{"violations"}}
	if len(opts.Tags) > 0 {
		runOptions["runOnly"] = map[string]any{"type": "tag", "values": opts.Tags}
	}
	js, err := json.Marshal(runOptions)
	if err != nil {
		p.t.Fatal(err)
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]Violation](`axe.run(document, `+string(js)+`).then(r => r.violations.map(v => ({
		id: v.id,
		impact: v.impact || "",
		help: v.help,
		helpUrl: v.helpUrl,
		nodes: v.nodes.map(n => n.target.map(t => Array.isArray(t) ? t.join(" >>> ") : t).join(" | ")),
	})))`, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("running axe on %s: %v", p.tab.rec.page, err)
	}
	return vs
}

// evaluate runs a script through Runtime.evaluate, which the page's
// Content-Security-Policy does not govern.
func evaluate(ctx context.Context, src string) error {
	res, err := chromedp.Call(ctx, runtime.Evaluate, runtime.EvaluateParams{Expression: src})
	if err != nil {
		return err
	}
	if res.ExceptionDetails != nil {
		return &chromedp.ExceptionError{ExceptionDetails: res.ExceptionDetails}
	}
	return nil
}
