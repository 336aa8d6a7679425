package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/build"
	"github.com/lwa-rotterdam/ezine/generator/check"
	"github.com/lwa-rotterdam/ezine/generator/diag"
)

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", "[-source DIR] [-format text|json]",
		"Check the site before publishing: links and anchors, images and their alt text,\n"+
			"front matter per content type (themes/ezine/archetypes), unknown front matter keys,\n"+
			"heading levels; drafts, future and expired pages are listed. Exit status 1 on any error.", stderr)
	source := fs.String("source", ".", "site `folder`")
	format := fs.String("format", "text", "output `format`: text (path:line:col: message) or json")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "-format %q: use text or json\n", *format)
		return exitUsage
	}
	findings := build.Check(ctx, build.Config{Source: *source})
	errors := len(findings.Errors())
	if *format == "json" {
		if err := writeJSON(stdout, findings); err != nil {
			fmt.Fprintln(stderr, err)
			return exitError
		}
	} else {
		printDiags(stdout, findings)
		counts := map[diag.Severity]int{}
		for _, f := range findings {
			counts[f.Severity]++
		}
		fmt.Fprintf(stdout, "check: %d %s, %d %s, %d %s\n",
			counts[diag.SevError], plural(counts[diag.SevError], "error", "errors"),
			counts[diag.SevWarning], plural(counts[diag.SevWarning], "warning", "warnings"),
			counts[diag.SevNote], plural(counts[diag.SevNote], "note", "notes"))
	}
	if errors > 0 {
		return exitError
	}
	return exitOK
}

// finding is one problem as -format json writes it.
type finding struct {
	Path     string `json:"path"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
	// Code names the kind of finding; only some have one (see
	// check.CodeScheduled).
	Code string `json:"code,omitempty"`
	// Time is the moment of a next-scheduled-change finding, RFC 3339.
	Time string `json:"time,omitempty"`
}

func writeJSON(w io.Writer, findings diag.List) error {
	out := make([]finding, 0, len(findings))
	for _, f := range findings {
		fd := finding{Path: f.Path, Line: f.Line, Col: f.Col, Severity: f.Severity.String(), Message: f.Message(), Hint: f.Hint, Code: f.Code}
		if sc := (*check.Scheduled)(nil); errors.As(f.Err, &sc) {
			fd.Time = sc.Time.Format(time.RFC3339)
		}
		out = append(out, fd)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
