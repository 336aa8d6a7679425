package content

import (
	"strings"
	"testing"
)

// TestEveryBadFieldReported: decoding goes on after a bad field, in every
// format, and reports each at its line; the page is loaded as Invalid,
// its other fields and its body as written, so that the body can be
// checked too.
func TestEveryBadFieldReported(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string // line: message, in order
		bodyLine   int
		dropped    bool
	}{
		{"yaml", "---\ntitle: A\ndate: 2019-02-30\nweight: zwaar\ndraft: misschien\n---\nTekst\n",
			[]string{`3: date: "2019-02-30" is not a real date`, "4: weight: expected a whole number", "5: draft: expected true or false"}, 7, false},
		{"toml", "+++\ntitle = \"A\"\ndate = 2019-02-30\nweight = \"zwaar\"\nlastmod = 2020-13-01\n+++\nTekst\n",
			[]string{`3: front matter (TOML): invalid datetime: "2019-02-30"`, `5: front matter (TOML): invalid datetime: "2020-13-01"`, "4: weight: expected a whole number"}, 7, false},
		{"json", "{\n\"title\": \"A\",\n\"date\": \"2019-02-30\",\n\"weight\": \"zwaar\"\n}\n\nTekst\n",
			[]string{`3: date: "2019-02-30" is not a real date`, "4: weight: expected a whole number"}, 7, false},
		{"yaml syntax", "---\ntitle: [A\n---\nTekst\n", []string{"front matter"}, 4, false},
		{"toml in a table", "+++\n[params]\n  date = 2019-02-30\n+++\nTekst\n", []string{"3: front matter (TOML): invalid datetime"}, 5, false},
		{"unclosed", "---\ntitle: A\nTekst\n", []string{"never closed"}, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, diags := loadOne(t, tc.text)
			errs := diags.Errors()
			if len(errs) != len(tc.want) {
				t.Fatalf("%d errors, want %d:\n%v", len(errs), len(tc.want), errs)
			}
			for i, w := range tc.want {
				if !strings.Contains(errs[i].Error(), w) {
					t.Errorf("error %d: %q, want %q", i, errs[i].Error(), w)
				}
			}
			if tc.dropped {
				if p != nil {
					t.Errorf("loaded %+v", p)
				}
				return
			}
			if p == nil || !p.Invalid || p.BodyLine != tc.bodyLine {
				t.Fatalf("page %+v, want an Invalid page with its body at line %d", p, tc.bodyLine)
			}
			if tc.name != "yaml syntax" && tc.name != "toml in a table" && p.Meta.Title != "A" {
				t.Errorf("title %q: the good fields are kept", p.Meta.Title)
			}
		})
	}
}
