package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/check"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/pipeline"
)

func runCheck(c *call, args []string) int {
	stdout, stderr := c.stdout, c.stderr
	fs := c.newFlags("check",
		"Check the site before publishing: links and anchors, images and their alt text,\n"+
			"front matter per content type (themes/ezine/archetypes), unknown front matter keys,\n"+
			"heading levels; drafts, future and expired pages are listed. Exit status 1 on any error.")
	source := fs.String("source", ".", "site `folder`")
	format := fs.String("format", "text", "output `format`: text (path:line:col: message) or json")
	if code := c.parse(fs, args); code >= 0 {
		return code
	}
	if *format != "text" && *format != "json" {
		c.printf(stderr, "-format %q: use text or json\n", *format)
		return exitUsage
	}
	findings := pipeline.Check(c.ctx, pipeline.Config{Source: *source})
	failed := findings.HasErrors()
	if *format == "json" {
		if err := writeJSON(stdout, findings, c.lang); err != nil {
			fmt.Fprintln(stderr, err)
			return exitError
		}
	} else {
		c.printDiags(stdout, findings)
		counts := map[diag.Severity]int{}
		for _, f := range findings {
			counts[f.Severity]++
		}
		c.printf(stdout, "check: %s, %s, %s\n",
			i18n.New("%d errors", counts[diag.SevError]),
			i18n.New("%d warnings", counts[diag.SevWarning]),
			i18n.New("%d notes", counts[diag.SevNote]))
	}
	if failed {
		return exitError
	}
	return exitOK
}

// finding is one problem as -format json writes it. Code and Severity
// are the same in every language; Message and Hint follow -lang or the
// locale.
type finding struct {
	Path     string `json:"path"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
	// Time is the moment of a next-scheduled-change finding, RFC 3339.
	Time string `json:"time,omitempty"`
}

func writeJSON(w io.Writer, findings diag.List, lang i18n.Lang) error {
	out := make([]finding, 0, len(findings))
	for _, f := range findings {
		fd := finding{Path: f.Path, Line: f.Line, Col: f.Col, Severity: f.Severity.String(),
			Code: f.Kind(), Message: f.MessageIn(lang), Hint: f.HintIn(lang)}
		if sc := (*check.Scheduled)(nil); errors.As(f.Err, &sc) {
			fd.Time = sc.Time.Format(time.RFC3339)
		}
		out = append(out, fd)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
