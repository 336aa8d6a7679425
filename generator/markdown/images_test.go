package markdown

import (
	"errors"
	"strings"
	"testing"
)

// imageForTest offers a set for "kranen.png" (three copies), a size only
// for "kaart.svg", nothing for other images, and an error for "kapot.png".
func imageForTest(dest string) (*ImageSet, error) {
	switch dest {
	case "kranen.png":
		return &ImageSet{Src: "/res/kranen-800w.png", Width: 1200, Height: 600, Candidates: []ImageCandidate{
			{"/res/kranen-480w.png", 480}, {"/res/kranen-800w.png", 800}, {"/res/kranen-1200w.png", 1200}}}, nil
	case "kaart.svg":
		return &ImageSet{Src: "/res/kaart.svg", Width: 400, Height: 200}, nil
	case "kapot.png":
		return nil, errors.New("cannot read the image")
	}
	return nil, nil
}

func TestImageAttributes(t *testing.T) {
	c := New(Options{})
	tests := []struct{ md, want string }{
		{"![Drie havenkranen aan de Maas](kranen.png)",
			`<img src="/res/kranen-800w.png" alt="Drie havenkranen aan de Maas" srcset="/res/kranen-480w.png 480w, /res/kranen-800w.png 800w, /res/kranen-1200w.png 1200w" sizes="` + ProseSizes + `" width="1200" height="600" loading="lazy" decoding="async">`},
		{"![Kaart van de regio](kaart.svg)",
			`<img src="/res/kaart.svg" alt="Kaart van de regio" width="400" height="200" loading="lazy" decoding="async">`},
		{"![Tekening van een schip](schip.gif)",
			`<img src="/res/schip.gif" alt="Tekening van een schip" loading="lazy" decoding="async">`},
	}
	for _, tt := range tests {
		res, problems := c.Convert(Input{Source: []byte(tt.md), Resolve: resolveForTest, Image: imageForTest})
		if len(problems) > 0 || res == nil {
			t.Fatalf("%s: %v", tt.md, problems)
		}
		if got := strings.TrimSpace(string(res.HTML)); got != "<p>"+tt.want+"</p>" {
			t.Errorf("%s:\n got %s\nwant <p>%s</p>", tt.md, got, tt.want)
		}
	}

	// Another sizes attribute for the whole converter.
	c2 := New(Options{ImageSizes: "100vw"})
	res, _ := c2.Convert(Input{Source: []byte("![Drie havenkranen](kranen.png)"), Resolve: resolveForTest, Image: imageForTest})
	if !strings.Contains(string(res.HTML), `sizes="100vw"`) {
		t.Errorf("ImageSizes not used: %s", res.HTML)
	}
}

func TestImageProblem(t *testing.T) {
	c := New(Options{})
	_, problems := c.Convert(Input{Source: []byte("Tekst.\n\n![Een kapotte tekening](kapot.png)\n"), Resolve: resolveForTest, Image: imageForTest})
	if len(problems) != 1 || problems[0].Line != 3 || !strings.Contains(problems[0].Error(), `image "kapot.png": cannot read the image`) {
		t.Errorf("problems %v, want one at line 3", problems)
	}
}

func TestEmbed(t *testing.T) {
	src := "Zie [de doelen](#doelen), [zorg](zorg.md) en [de site](https://example.org/).\n\n" +
		"## Doelen\n\n### Details\n\n#### Dieper\n\n##### Nog dieper\n\n![Drie havenkranen](kranen.png)\n\n" +
		"Een bron.[^1]\n\n[^1]: Het verslag.\n"
	c := New(Options{})
	res, problems := c.Convert(Input{Source: []byte(src), Resolve: resolveForTest, Image: imageForTest,
		Embed: Embed{Shift: 1, IDPrefix: "haven-", BaseURL: "https://lwa.example/"}})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	html := string(res.HTML)
	for _, want := range []string{
		`<a href="#haven-doelen">de doelen</a>`,
		`<a href="https://lwa.example/zorg/">zorg</a>`,
		`<a href="https://example.org/">de site</a>`,
		`<h3 id="haven-doelen">Doelen</h3>`,
		`<h4 id="haven-details">Details</h4>`,
		`<h6 id="haven-nog-dieper">Nog dieper</h6>`,
		`src="/res/kranen-800w.png"`, // images stay root-relative
		`<sup id="haven-fnref:1"><a href="#haven-fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>`,
		`<li id="haven-fn:1">`,
		`<a href="#haven-fnref:1" class="footnote-backref" role="doc-backlink">`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
	if strings.Contains(html, "data-footnote-prefix") {
		t.Errorf("the document's prefix attribute leaked into the HTML:\n%s", html)
	}
	// Links are recorded as on the page itself, for the link checks.
	if res.Links[1].Dest != "/zorg/" {
		t.Errorf("recorded link %q, want /zorg/", res.Links[1].Dest)
	}
	// Without Embed, nothing changes.
	plain, _ := c.Convert(Input{Source: []byte(src), Resolve: resolveForTest})
	if !strings.Contains(plain.HTML, `<h2 id="doelen">Doelen</h2>`) || !strings.Contains(plain.HTML, `href="#doelen"`) ||
		!strings.Contains(plain.HTML, `<li id="fn:1">`) || strings.Contains(plain.HTML, "data-footnote-prefix") {
		t.Errorf("plain conversion changed:\n%s", plain.HTML)
	}
}

func TestWidest(t *testing.T) {
	tests := []struct {
		name string
		set  ImageSet
		want SizedImage
	}{
		{"copies", ImageSet{Src: "/a-800w.png", Width: 1600, Height: 900, Candidates: []ImageCandidate{{"/a-480w.png", 480}, {"/a-800w.png", 800}, {"/a-1200w.png", 1200}}},
			SizedImage{"/a-1200w.png", 1200, 675}},
		{"no copies", ImageSet{Src: "/a.svg", Width: 300, Height: 200}, SizedImage{"/a.svg", 300, 200}},
		{"size unknown", ImageSet{Src: "/a.gif", Candidates: []ImageCandidate{{"/a-480w.gif", 480}}}, SizedImage{"/a-480w.gif", 480, 0}},
		{"rounding", ImageSet{Width: 1000, Height: 333, Candidates: []ImageCandidate{{"/b-480w.png", 480}}}, SizedImage{"/b-480w.png", 480, 160}},
	}
	for _, tt := range tests {
		if got := tt.set.Widest(); got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
	}
}
