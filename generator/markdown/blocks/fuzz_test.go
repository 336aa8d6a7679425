package blocks

import (
	"strings"
	"testing"
)

// FuzzBlocks converts any input with the blocks on: no panic, and the same
// output twice. Seeded from the case files and a few shapes that stress
// the block parser (deep nesting in containers, fences in code, unclosed
// blocks, odd attributes).
func FuzzBlocks(f *testing.F) {
	for _, file := range caseFiles(f) {
		for _, c := range readCases(f, file) {
			f.Add(c.input)
		}
	}
	for _, s := range []string{
		"::: qa\nV:\nA:\n:::\n",
		"::: qa\nV: a\n> A: b\n:::\n",
		"- ::: qa\n  V: a\n  A: b\n- :::\n",
		"> > > ::: citaat\n> > > x\n:::\n",
		"::: citaat\n```\n:::\n",
		"::: citaat\n~~~\n:::\n~~~\n:::\n",
		"::: kerncijfer cijfer=\"1\"\n[x]: /y\n:::\n",
		"::: figuur src=\"\\\" alt=\"\\\\\"\n:::\n",
		"::: video src=\"https://youtu.be/dQw4w9WgXcQ?t=99999999999999999999\" titel=\"x\"\n:::\n",
		":::\n:::\n:::\n",
		"::: qa\nV: a\nA: b\n::: qa\n::: qa\n:::\n",
		"::: citaat\n| a | b |\n|---|---|\n| c | d |\n:::\n",
		"::: citaat\nx[^1]\n:::\n[^1]: ::: citaat\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		first := render(src)
		if second := render(src); first != second {
			t.Fatalf("two conversions differ:\n%s\n----\n%s", first, second)
		}
		res, _ := convert(src)
		if res != nil && strings.Contains(res.HTML, "<script") {
			t.Fatalf("script element in output:\n%s", res.HTML)
		}
	})
}
