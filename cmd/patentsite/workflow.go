package main

import (
	"context"
	_ "embed"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// pagesWorkflow is the GitHub Actions workflow that builds the site and
// deploys it to GitHub Pages. .github/workflows/pages.yml at the root of
// this repository is the same file (TestWorkflowCopy keeps them equal): it
// publishes the sample catalog, and it is what init-workflow writes.
//
//go:embed pages.yml
var pagesWorkflow []byte

// runInitWorkflow writes the workflow to -o FILE, or prints it with "-o -".
func runInitWorkflow(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fset := newFlagSet("init-workflow", "init-workflow [-o FILE] [-force]", stdout)
	out := fset.String("o", ".github/workflows/pages.yml", "write the workflow to `file` (\"-\" for standard output)")
	force := fset.Bool("force", false, "replace the file when it exists")
	if done, err := parseFlags(fset, args); done {
		return err
	}
	if *out == "-" {
		_, err := stdout.Write(pagesWorkflow)
		return err
	}
	if _, err := os.Stat(*out); err == nil && !*force {
		return exitError{code: 1, msg: fmt.Sprintf("init-workflow: %s exists; use -force to replace it", *out)}
	}
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(*out, pagesWorkflow, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\n", *out)
	fmt.Fprintln(stdout, `Next: set CORPUS in it to your export file(s), commit it, and in the repository's
Settings → Pages set "Build and deployment → Source" to "GitHub Actions".`)
	return nil
}
