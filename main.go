// Command ezine builds the Leerwerkakkoord e-zine, or any site laid out the
// same way, from Markdown into a minified static site.
//
//	go run . build  [-source DIR] [-destination DIR] [-drafts] [-baseURL URL] [-imageCache DIR] [-cache=false]
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
	"strings"
	"syscall"

	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

func main() {
	// Under ulimit -v, keep the heap within what the limit leaves.
	fitHeapToAddressSpace()
	// Ctrl-C and SIGTERM (a container or service manager stopping the dev
	// server) end the program cleanly through the context.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.LookupEnv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// call is one run of a command: where it writes and in which language.
type call struct {
	ctx            context.Context
	stdout, stderr io.Writer
	// lang is the language of the terminal: the locale's, or -lang.
	lang i18n.Lang
	// getenv reads the environment run was given ("" for unset).
	getenv func(string) string
}

// printf writes the catalogue's message for format to w in c's language.
func (c *call) printf(w io.Writer, format string, args ...any) {
	io.WriteString(w, i18n.Sprintf(c.lang, format, args...))
}

type command struct {
	name, args, summary string
	run                 func(c *call, args []string) int
}

func commands() []command {
	return []command{
		{"build", "[-source DIR] [-destination DIR] [-drafts] [-baseURL URL] [-imageCache DIR] [-cache=false] [-lang nl|en]", "build the site into public/, minified", runBuild},
		{"serve", "[-source DIR] [-bind 127.0.0.1] [-port 1313] [-poll DURATION] [-lang nl|en]", "preview with live reload and drafts shown; nothing is written", runServe},
		{"check", "[-source DIR] [-format text|json] [-lang nl|en]", "check links, images, front matter and headings before publishing", runCheck},
		{"new", "[-source DIR] [-lang nl|en] TYPE PATH", "create a page from the theme's archetype for TYPE", runNew},
	}
}

// commandNamed returns the command called name. Every caller names one of
// commands(), so a name that is not there is a mistake in this program.
func commandNamed(name string) command {
	for _, cmd := range commands() {
		if cmd.name == name {
			return cmd
		}
	}
	panic("no command " + name)
}

func (c *call) usage(w io.Writer) {
	c.printf(w, "Usage: go run . COMMAND [flags]\n\nCommands:\n")
	for _, cmd := range commands() {
		fmt.Fprintf(w, "  %-6s %s\n         %s\n", cmd.name, i18n.Text(c.lang, cmd.summary), cmd.args)
	}
	c.printf(w, "\nRun 'go run . COMMAND -h' for the flags of a command.\n")
	c.printf(w, "Messages are in Dutch when LC_ALL, LC_MESSAGES or LANG starts with nl, or with -lang nl.\n")
}

// run is the whole program: it parses args and runs a command, writing to
// stdout and stderr, and returns the exit status. lookupEnv reads the
// environment (os.LookupEnv; nil is an empty one): the locale chooses the
// language of the messages unless -lang does.
func run(ctx context.Context, args []string, lookupEnv func(string) (string, bool), stdout, stderr io.Writer) int {
	if lookupEnv == nil {
		lookupEnv = func(string) (string, bool) { return "", false }
	}
	c := &call{ctx: ctx, stdout: stdout, stderr: stderr, lang: i18n.FromEnv(lookupEnv),
		getenv: func(k string) string { v, _ := lookupEnv(k); return v }}
	if l, ok := langArg(args); ok {
		c.lang = l
	}
	if len(args) == 0 {
		c.usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		c.usage(stdout)
		return exitOK
	}
	for _, cmd := range commands() {
		if cmd.name == args[0] {
			return cmd.run(c, args[1:])
		}
	}
	c.printf(stderr, "unknown command %q\n\n", args[0])
	c.usage(stderr)
	return exitUsage
}

// langArg finds a valid -lang among the flags before they are parsed, so
// that parse errors and -h come in that language too.
func langArg(args []string) (i18n.Lang, bool) {
	for i, a := range args {
		if a == "--" {
			break
		}
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "lang" {
			continue
		}
		if !hasVal && i+1 < len(args) {
			val = args[i+1]
		}
		if l, err := i18n.Parse(val); err == nil {
			return l, true
		}
	}
	return i18n.English, false
}

// newFlags returns a flag set for the command name that prints its usage
// (the command's line of commands(), then summary), in c's language, to
// stderr and reports errors instead of exiting. Every command has -lang.
func (c *call) newFlags(name, summary string) *flag.FlagSet {
	args := commandNamed(name).args
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Func("lang", "language of the messages: `nl` or en (default: from LC_ALL, LC_MESSAGES or LANG)", func(s string) error {
		l, err := i18n.Parse(s)
		c.lang = l
		return err
	})
	fs.Usage = func() {
		c.printf(c.stderr, "Usage: go run . %s %s\n\n%s\n\nFlags:\n", name, args, i18n.New(summary))
		fs.VisitAll(func(f *flag.Flag) { f.Usage = i18n.Text(c.lang, f.Usage) })
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags and returns the exit status to use, or -1 to go on.
// An argument after the flags is a usage error.
func (c *call) parse(fs *flag.FlagSet, args []string) int {
	if code := c.parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		c.printf(fs.Output(), "unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return exitUsage
	}
	return -1
}

// parseFlags parses flags, leaving the arguments after them in fs.Args(),
// and returns the exit status to use, or -1 to go on.
func (c *call) parseFlags(fs *flag.FlagSet, args []string) int {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	return -1
}

// printDiags prints the problems one a line in c's language.
func (c *call) printDiags(w io.Writer, diags diag.List) {
	for _, d := range diags {
		fmt.Fprintln(w, d.Text(c.lang))
	}
}
