// Package testdiff says where two outputs of a test first differ, for the
// tests that compare with a golden file or with another build: the first
// differing line, and within a long line (minified HTML is one line) the
// part around the first differing byte.
//
// In: what the test wanted and what it got. Out: a short text to print.
package testdiff

import (
	"fmt"
	"strings"
)

// context is how many bytes of a long line are shown before and after its
// first difference: enough to recognise the place in minified HTML.
const context = 60

// Line returns where got first differs from want: "line N:" (and
// "byte B" of a line longer than 2×context), then want's and got's line
// (or the part of it around the difference, marked with …). It returns
// "" when they are equal.
func Line[T ~string | ~[]byte](want, got T) string {
	if string(want) == string(got) {
		return ""
	}
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := range max(len(wl), len(gl)) {
		w, okW := at(wl, i)
		g, okG := at(gl, i)
		if w == g && okW == okG {
			continue
		}
		where := fmt.Sprintf("line %d", i+1)
		if len(w) > 2*context || len(g) > 2*context {
			b := commonPrefix(w, g)
			where += fmt.Sprintf(", byte %d", b+1)
			w, g = around(w, b), around(g, b)
		}
		if !okW {
			w = "(no such line)"
		}
		if !okG {
			g = "(no such line)"
		}
		return fmt.Sprintf("%s:\nwant: %s\ngot:  %s", where, w, g)
	}
	return "" // not reached: the texts differ
}

func at(lines []string, i int) (string, bool) {
	if i < len(lines) {
		return lines[i], true
	}
	return "", false
}

func commonPrefix(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

// around returns the part of s from context bytes before i to context
// bytes after it, with … where it is cut.
func around(s string, i int) string {
	lo, hi := max(0, i-context), min(len(s), i+context)
	out := s[lo:hi]
	if lo > 0 {
		out = "…" + out
	}
	if hi < len(s) {
		out += "…"
	}
	return out
}
