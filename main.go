// Command ezine builds the Leerwerkakkoord e-zine, or any site laid out the
// same way, from Markdown into a minified static site.
//
//	go run . build  [-source DIR] [-destination DIR] [-drafts] [-baseURL URL] [-imageCache DIR]
//	go run . serve  [-source DIR] [-bind 127.0.0.1] [-port 1313] [-poll DURATION]
//	go run . check  [-source DIR] [-format text|json]
//	go run . new    [-source DIR] TYPE PATH
//
// Exit status: 0 on success, 1 on content or build errors, 2 on usage errors.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/lwa-rotterdam/ezine/generator/diag"
)

func main() {
	// Under ulimit -v, keep the heap within what the limit leaves.
	fitHeapToAddressSpace()
	// Ctrl-C and SIGTERM (a container or service manager stopping the dev
	// server) end the program cleanly through the context.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

type command struct {
	name, args, summary string
	run                 func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"build", "[-source DIR] [-destination DIR] [-drafts] [-baseURL URL] [-imageCache DIR]", "build the site into public/, minified", runBuild},
		{"serve", "[-source DIR] [-bind 127.0.0.1] [-port 1313] [-poll DURATION]", "preview with live reload and drafts shown; nothing is written", runServe},
		{"check", "[-source DIR] [-format text|json]", "check links, images, front matter and headings before publishing", runCheck},
		{"new", "[-source DIR] TYPE PATH", "create a page from the theme's archetype for TYPE", runNew},
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: go run . COMMAND [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-6s %s\n         %s\n", c.name, c.summary, c.args)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'go run . COMMAND -h' for the flags of a command.")
}

// run is the whole program: it parses args and runs a command, writing to
// stdout and stderr, and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

// newFlags returns a flag set that prints its usage to stderr and reports
// errors instead of exiting.
func newFlags(name, args, summary string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: go run . %s %s\n\n%s\n\nFlags:\n", name, args, summary)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags and returns the exit status to use, or -1 to go on.
func parse(fs *flag.FlagSet, args []string) int {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitUsage
	}
	return -1
}

func printDiags(w io.Writer, diags diag.List) {
	for _, d := range diags {
		fmt.Fprintln(w, d.Error())
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
