package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/patentsite/patentsite/build/site"
)

// listFlag collects a flag given several times.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// newFlagSet makes a flag set that prints its usage to stdout on -h and
// reports parse errors as usage errors.
func newFlagSet(name, synopsis string, stdout io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(stdout, "usage: patentsite %s\n\n", synopsis)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parseFlags parses args; -h prints the usage and ends the command with
// status 0, a bad flag is a usage error.
func parseFlags(fs *flag.FlagSet, args []string) (done bool, err error) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.Usage()
			return true, nil
		}
		return true, usageError("%s: %v", fs.Name(), err)
	}
	if fs.NArg() > 0 {
		return true, usageError("%s: unexpected argument %q", fs.Name(), fs.Arg(0))
	}
	return false, nil
}

// inputs are the flags that name what to read, shared by build and check.
type inputs struct {
	corpora listFlag
	aliases string
}

func (in *inputs) register(fs *flag.FlagSet) {
	fs.Var(&in.corpora, "corpus", "export `file` to read (repeat to merge several; later files win); default: the embedded export")
	fs.StringVar(&in.aliases, "aliases", "", "assignee alias `file`; default: the embedded content/aliases.txt")
}

// config reads the named files into a site.Config.
func (in *inputs) config() (site.Config, error) {
	var cfg site.Config
	for _, path := range in.corpora {
		src, err := site.ReadSource(path)
		if err != nil {
			return cfg, exitError{code: 1, msg: readError(err)}
		}
		cfg.Corpora = append(cfg.Corpora, src)
	}
	if in.aliases != "" {
		src, err := site.ReadSource(in.aliases)
		if err != nil {
			return cfg, exitError{code: 1, msg: readError(err)}
		}
		cfg.Aliases = &src
	}
	return cfg, nil
}

func readError(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Sprintf("cannot read %s: %v", pe.Path, pe.Err)
	}
	return err.Error()
}
