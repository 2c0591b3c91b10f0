// Command patentsite turns a patent-search export into a static, searchable
// patent catalog.
//
//	patentsite build [-corpus FILE]... [-out DIR] [flags]
//	patentsite check [-corpus FILE]... [-json]
//	patentsite serve [-addr localhost:8080] [build flags]
//	patentsite init-workflow [-o FILE]
//	patentsite version
//
// Run "patentsite <command> -h" for a command's flags.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	if err != nil {
		var ex exitError
		if !errors.As(err, &ex) || ex.msg != "" {
			fmt.Fprintln(os.Stderr, "patentsite:", err)
		}
		os.Exit(exitCode(err))
	}
}

// version is set at link time with -ldflags "-X main.version=…".
var version = "devel"

const usage = `patentsite turns a patent-search export into a static, searchable patent catalog.

Usage:

	patentsite <command> [flags]

Commands:

	build          build the site into public/ (or -out DIR)
	check          parse the exports and report problems, writing nothing
	serve          build, serve on localhost, rebuild and reload on changes
	init-workflow  write the GitHub Actions workflow that publishes to Pages
	version        print the version

Run "patentsite <command> -h" for the flags of a command.
`

// An exitError carries an exit status: 1 for failures, 2 for usage errors.
type exitError struct {
	code int
	msg  string
}

func (e exitError) Error() string { return e.msg }

func exitCode(err error) int {
	var ex exitError
	if errors.As(err, &ex) {
		return ex.code
	}
	return 1
}

func usageError(format string, args ...any) error {
	return exitError{code: 2, msg: fmt.Sprintf(format, args...)}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitError{code: 2}
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "build":
		return runBuild(ctx, rest, stdout, stderr)
	case "check":
		return runCheck(rest, stdout, stderr)
	case "serve":
		return runServe(ctx, rest, stdout, stderr)
	case "init-workflow":
		return runInitWorkflow(ctx, rest, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "patentsite", version)
		return nil
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return usageError("unknown command %q", cmd)
	}
}
