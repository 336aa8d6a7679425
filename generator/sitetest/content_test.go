package sitetest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// seedCopyRun is the number of consecutive words that a content page may not
// share with a seed text: the e-zine carries the seeds' facts over, never
// their sentences (see ../shared/CONTENT.md).
const seedCopyRun = 10

// seedNameItemMaxWords is the longest list item, in words, that the copy check
// skips. The rules allow lists of names (the signatories of an agreement)
// to be reproduced as lists; such an item is a single organisation name
// ("Installatiewerk Zuid-Holland", "Havenbedrijf Rotterdam"), and a list of
// them repeats the seed's run of names word for word. The exemption is kept
// narrow on purpose: only list items of at most this many words are
// skipped, so a seedCopy sentence cannot hide in a list, and a skipped item
// also ends the run of words around it, so text before and after the list
// is never glued together into a run that exists in neither.
const seedNameItemMaxWords = 6

// TestContentDoesNotCopySeeds fails when a page under content/ holds
// seedCopyRun or more words of a seed text in ../shared/seeds/ in the
// seed's order, exactly or with at most seedCopyGap words inserted or left
// out between any two of them (see seedRunIndex). Words are compared after removing front
// matter and Markdown syntax, lower-casing, and splitting on everything that
// is not a letter or a digit, so changed punctuation or capitals do not
// hide a seedCopy sentence.
func TestContentDoesNotCopySeeds(t *testing.T) {
	seedDir := filepath.Join(root, "..", "shared", "seeds")
	entries, err := os.ReadDir(seedDir)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("no seed texts at %s (the shared source documents are not checked out here); skipping the copy check", seedDir)
	}
	if err != nil {
		t.Fatalf("reading seeds: %v", err)
	}
	idx := newSeedRunIndex(seedCopyRun)
	seeds := 0
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(seedDir, e.Name()))
		if err != nil {
			t.Fatalf("reading seed: %v", err)
		}
		idx.add(e.Name(), seedCheckWords(string(b)))
		seeds++
	}
	if seeds == 0 {
		t.Skipf("the seed folder %s holds no texts; skipping the copy check", seedDir)
	}

	pages := 0
	repo := os.DirFS(root) // paths relative to the repository, as messages name them
	err = fs.WalkDir(repo, "content", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.EqualFold(filepath.Ext(path), ".md") {
			return nil
		}
		b, err := fs.ReadFile(repo, path)
		if err != nil {
			return err
		}
		pages++
		for _, c := range idx.copies(seedCheckSegments(string(b))) {
			t.Errorf("%s: %d or more words of seed %s, in its order: %q (write the sentence in your own words)",
				filepath.ToSlash(path), seedCopyRun, c.seed, c.run)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walking content/: %v", err)
	}
	if pages == 0 {
		t.Fatal("no Markdown pages under content/; the copy check would pass vacuously")
	}
}

// TestCopyMatcher checks the matcher itself on a small seed and pages that
// copy from it, so that TestContentDoesNotCopySeeds cannot pass because the
// matcher is blind.
func TestCopyMatcher(t *testing.T) {
	seed := `Zorg

De zorg is een prachtige sector. Maar ook complex. Het is belangrijk dat
beoogde studenten goed weten wat hun beroep inhoudt voordat ze aan hun
opleiding beginnen.

Elk deel is vormgegeven aan de hand van de drie pijlers: van school naar
werk, van werk naar werk; en (weer) aan het werk.

Deze organisaties ondertekenden het Leerwerkakkoord Energietransitie:
 • gemeente Rotterdam
 • Bouwend Nederland
 • Techniek College Rotterdam
 • Vattenfall
 • Engie Services West
 • Hogeschool Rotterdam
`
	idx := newSeedRunIndex(seedCopyRun)
	idx.add("seed.txt", seedCheckWords(seed))

	tests := []struct {
		name string
		page string
		want string // the first reported run, "" for none
	}{
		{
			name: "seedCopy sentence with other capitals and punctuation",
			page: "---\ntitle: Zorg\n---\n\nEen inleiding.\n\nHET is belangrijk, dat beoogde studenten goed weten wat hun beroep inhoudt!\n",
			want: "het is belangrijk dat beoogde studenten goed weten wat hun",
		},
		{
			name: "seedCopy sentence split by a link and emphasis",
			page: "Het is *belangrijk* dat [beoogde studenten](../verhalen/zorg.md) goed weten wat hun beroep inhoudt.\n",
			want: "het is belangrijk dat beoogde studenten goed weten wat hun",
		},
		{
			name: "seedCopy run across two sentences and inside a block",
			page: "::: citaat\nDe zorg is een prachtige sector. Maar ook complex. Het is zo.\n:::\n",
			want: "de zorg is een prachtige sector maar ook complex het",
		},
		{
			name: "seedCopy sentence in a Q&A answer",
			page: "::: qa\nV: Waarom?\nA: Het is belangrijk dat beoogde studenten goed weten wat hun beroep inhoudt.\n:::\n",
			want: "het is belangrijk dat beoogde studenten goed weten wat hun",
		},
		{
			name: "seedCopy sentence hidden in a long list item",
			page: "- Het is belangrijk dat beoogde studenten goed weten wat hun beroep inhoudt.\n",
			want: "het is belangrijk dat beoogde studenten goed weten wat hun",
		},
		{
			name: "own words",
			page: "Wie in de zorg begint, moet vooraf weten wat het werk vraagt. Daarom is er een oriëntatie.\n",
		},
		{
			name: "a list of signatories is a list of names, and exempt",
			page: "Deze partijen tekenden:\n\n- gemeente Rotterdam\n- Bouwend Nederland\n- Techniek College Rotterdam\n- Vattenfall\n- Engie Services West\n- Hogeschool Rotterdam\n",
		},
		{
			name: "seedCopy words in front matter are not page text",
			page: "---\ndescription: Het is belangrijk dat beoogde studenten goed weten wat hun beroep inhoudt.\n---\nEigen tekst.\n",
		},
		{
			name: "a near-copy with one word inserted",
			page: "Het is heel belangrijk dat beoogde studenten goed weten wat hun beroep inhoudt.\n",
			want: "het is heel belangrijk dat beoogde studenten goed weten wat hun",
		},
		{
			name: "a near-copy with two words left out and one changed",
			page: "Het is belangrijk dat studenten goed weten wat hun vak inhoudt voordat ze aan hun opleiding beginnen.\n",
			want: "het is belangrijk dat studenten goed weten wat hun vak inhoudt",
		},
		{
			name: "the seed's words with three inserted between two of them are not a near-copy",
			page: "Het is belangrijk dat beoogde studenten, zo vinden wij, goed weten wat hun beroep inhoudt.\n",
		},
		{
			name: "names of several words count as one word",
			page: "Alles gebeurde langs de drie pijlers: van school naar werk, van werk naar werk en (weer) aan het werk.\n",
		},
		{
			name: "nine words is not yet a copy",
			page: "Het is belangrijk dat beoogde studenten goed weten wat, zegt de bron.\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := idx.copies(seedCheckSegments(tt.page))
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("reported %q from %s, want no copy", got[0].run, got[0].seed)
			case tt.want != "" && len(got) == 0:
				t.Errorf("no copy reported, want %q", tt.want)
			case tt.want != "" && got[0].run != tt.want:
				t.Errorf("reported %q, want %q", got[0].run, tt.want)
			}
		})
	}
}

// seedCopyGap is the most words that a near-copy may insert or leave out
// between two of the seed's words: "Ondernemers willen allemaal een gezonde
// regio" against the seed's "Ondernemers willen een gezonde regio" is the
// seed's sentence with one word inserted, and as much a copy.
const seedCopyGap = 2

// seedRunIndex finds near-copies of the seed texts: seedCopyRun or more of
// a seed's words, in the seed's order, on the page, where between two of
// them the page inserts at most seedCopyGap words and leaves out at most
// seedCopyGap of the seed's. An exact run of seedCopyRun words is the case
// with no gaps.
type seedRunIndex struct {
	n     int
	names []string           // seed file names, by seed number
	words [][]string         // each seed's words
	at    map[string][]place // word -> where it occurs in the seeds
}

// place is a word's position in a seed.
type place struct{ seed, pos int }

func newSeedRunIndex(n int) *seedRunIndex { return &seedRunIndex{n: n, at: map[string][]place{}} }

func (x *seedRunIndex) add(name string, ws []string) {
	seed := len(x.names)
	x.names = append(x.names, name)
	x.words = append(x.words, ws)
	for i, w := range ws {
		x.at[w] = append(x.at[w], place{seed, i})
	}
}

type seedCopy struct{ seed, run string }

// chain is a near-copy found so far, ending at a page word matched to a
// seed word.
type chain struct {
	matched int // seed words matched
	start   int // the page word it starts at
}

// copies returns the near-copies in the segments, one per stretch of page
// text (a copied sentence is reported once, as the page's words from its
// first matched word to its last).
func (x *seedRunIndex) copies(segments [][]string) []seedCopy {
	var out []seedCopy
	for _, ws := range segments {
		// rows[i] maps a seed place matched by page word i to the best
		// chain ending there.
		rows := make([]map[place]chain, len(ws))
		reported := -1 // the page word up to which the last report reaches
		for i, w := range ws {
			rows[i] = map[place]chain{}
			for _, pl := range x.at[w] {
				c := chain{matched: 1, start: i}
				for di := 1; di <= seedCopyGap+1 && i-di >= 0; di++ {
					for dj := 1; dj <= seedCopyGap+1 && pl.pos-dj >= 0; dj++ {
						if prev, ok := rows[i-di][place{pl.seed, pl.pos - dj}]; ok && prev.matched+1 > c.matched {
							c = chain{matched: prev.matched + 1, start: prev.start}
						}
					}
				}
				rows[i][pl] = c
				if c.matched >= x.n && c.start > reported {
					out = append(out, seedCopy{seed: x.names[pl.seed], run: strings.Join(ws[c.start:i+1], " ")})
					reported = i
				} else if c.matched >= x.n {
					reported = i
				}
			}
		}
	}
	return out
}

var (
	seedCheckListItem = regexp.MustCompile(`^\s*(?:[-*+•]|\d+[.)])\s+(.*)$`)
	seedCheckFence    = regexp.MustCompile(`^\s*(?::::|` + "```" + `|~~~)`)
	seedCheckQA       = regexp.MustCompile(`^\s*[VA]:\s*`)
	seedCheckLink     = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	seedCheckRefDef   = regexp.MustCompile(`^\s*\[[^\]]+\]:\s*\S+.*$`)
	seedCheckHTML     = regexp.MustCompile(`<[^>\n]*>`)
	seedCheckURL      = regexp.MustCompile(`(?:https?://|mailto:)\S+`)
	seedCheckHeading  = regexp.MustCompile(`^\s*#{1,6}\s+`)
)

// seedCheckSegments strips the front matter and Markdown syntax from a page and
// returns its words as segments: runs of words that are read as one text.
// A list item of at most seedNameItemMaxWords words (a name in a list of names)
// is left out and ends the segment it interrupts.
func seedCheckSegments(src string) [][]string {
	body := seedCheckStripFrontMatter(src)
	var segs [][]string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			segs = append(segs, cur)
		}
		cur = nil
	}
	for _, line := range strings.Split(body, "\n") {
		line = strings.TrimRight(line, "\r")
		if seedCheckFence.MatchString(line) || seedCheckRefDef.MatchString(line) {
			continue
		}
		line = seedCheckHeading.ReplaceAllString(line, "")
		line = seedCheckQA.ReplaceAllString(line, "")
		line = seedCheckLink.ReplaceAllString(line, "$1")
		line = seedCheckHTML.ReplaceAllString(line, " ")
		line = seedCheckURL.ReplaceAllString(line, " ")
		if m := seedCheckListItem.FindStringSubmatch(line); m != nil {
			if item := seedCheckWords(m[1]); len(item) <= seedNameItemMaxWords {
				flush()
				continue
			}
		}
		cur = append(cur, seedCheckWords(line)...)
	}
	flush()
	return segs
}

// seedCheckStripFrontMatter removes a leading YAML (---), TOML (+++) or JSON ({ })
// front matter block.
func seedCheckStripFrontMatter(src string) string {
	src = strings.TrimPrefix(src, "\ufeff")
	src = strings.ReplaceAll(src, "\r\n", "\n")
	for _, delim := range []string{"---", "+++"} {
		if strings.HasPrefix(src, delim+"\n") {
			rest := src[len(delim)+1:]
			if i := strings.Index(rest, "\n"+delim); i >= 0 {
				rest = rest[i+1+len(delim):]
				if j := strings.IndexByte(rest, '\n'); j >= 0 {
					return rest[j+1:]
				}
				return ""
			}
			if strings.HasPrefix(rest, delim+"\n") {
				return rest[len(delim)+1:]
			}
		}
	}
	if strings.HasPrefix(src, "{") {
		if i := strings.Index(src, "\n}"); i >= 0 {
			return src[i+2:]
		}
	}
	return src
}

// seedNamePhrases are names of several words that the seeds and the pages
// share by necessity: the pillars, the sector agreements, a congress. Each
// counts as one word in the copy check, on both sides, so that a sentence
// that names the three pillars is not a copy for their names alone, while
// the words around them still count.
var seedNamePhrases = []string{
	"van school naar werk",
	"van werk naar werk",
	"weer aan het werk",
	"transport logistiek personenvervoer en binnenvaart",
	"leven lang ontwikkelen en sociale innovatie",
	"energietransitie in de gebouwde omgeving",
	"facilitaire dienstverlening",
	"bouw en techniek",
	"regionaal werk centrum",
}

// seedCheckWords normalises text (Unicode NFC, lower case) and returns its words:
// maximal runs of letters and digits (with their combining marks).
func seedCheckWords(s string) []string {
	s = strings.ToLower(norm.NFC.String(s))
	ws := strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	})
	return joinNamePhrases(ws)
}

// joinNamePhrases replaces every seedNamePhrases name in ws by one word.
func joinNamePhrases(ws []string) []string {
	out := ws[:0:0]
	for i := 0; i < len(ws); {
		joined := false
		for _, name := range seedNamePhrases {
			parts := strings.Fields(name)
			if i+len(parts) <= len(ws) && slices.Equal(ws[i:i+len(parts)], parts) {
				out = append(out, strings.Join(parts, "_"))
				i += len(parts)
				joined = true
				break
			}
		}
		if !joined {
			out = append(out, ws[i])
			i++
		}
	}
	return out
}
