package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/patentsite/patentsite/build/corpus"
	"github.com/patentsite/patentsite/build/site"
)

func runCheck(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("check", "check [-corpus FILE]... [-aliases FILE] [-json]", stdout)
	var in inputs
	in.register(fs)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if done, err := parseFlags(fs, args); done {
		return err
	}
	cfg, err := in.config()
	if err != nil {
		return err
	}
	c, problems, err := site.Load(cfg)
	if err != nil {
		return err
	}
	errs, warns, unclaimed := 0, 0, 0
	for _, p := range problems {
		switch {
		case p.Severity == corpus.Fatal:
			errs++
		case p.Field == "unclaimed":
			unclaimed++
		default:
			warns++
		}
	}
	if *asJSON {
		type item struct {
			File     string `json:"file"`
			Line     int    `json:"line"`
			Record   int    `json:"record,omitempty"`
			Field    string `json:"field"`
			Severity string `json:"severity"`
			Message  string `json:"message"`
		}
		rep := struct {
			Patents   int    `json:"patents"`
			Errors    int    `json:"errors"`
			Warnings  int    `json:"warnings"`
			Unclaimed int    `json:"unclaimed"`
			Problems  []item `json:"problems"`
		}{len(c.Patents), errs, warns, unclaimed, []item{}}
		for _, p := range problems {
			rep.Problems = append(rep.Problems, item{p.Pos.File, p.Pos.Line, p.Record, p.Field, p.Severity.String(), p.Err.Error()})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		for _, p := range problems {
			fmt.Fprintln(stdout, p)
		}
		fmt.Fprintf(stdout, "%d patents; %d errors, %d warnings, %d unclaimed lines\n", len(c.Patents), errs, warns, unclaimed)
	}
	if errs > 0 {
		return exitError{code: 1}
	}
	return nil
}
