package site

import (
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/lwa-rotterdam/ezine/generator/markdown"
)

// fakeFacts answers for every page with the page's title in each fact.
type fakeFacts struct{}

func (fakeFacts) Result(p *Page) *markdown.Result {
	return &markdown.Result{Words: 450, Text: "tekst " + p.Title, Features: []string{"video"},
		Headings: []markdown.Heading{{Level: 2, ID: "a"}, {Level: 4, ID: "b"}},
		Links:    []markdown.Link{{Dest: "/x/"}}}
}
func (fakeFacts) HTML(p *Page) string                { return "<p>" + p.Title + "</p>" }
func (fakeFacts) Embedded(p *Page, shift int) string { return strings.Repeat("+", shift) + p.Title }
func (fakeFacts) Summary(p *Page) string             { return "samenvatting " + p.Title }
func (fakeFacts) Lead(p *Page) string                { return "lead " + p.Title }
func (fakeFacts) ImageSet(p *Page, dest string) *markdown.ImageSet {
	if dest == "/kaart.png" {
		return &markdown.ImageSet{Src: "/kaart-480w.png", Width: 480}
	}
	return nil
}

// TestPageReadsItsFactsFromTheStore: the template methods of a page answer
// from the attached Facts and nothing else; without any they are empty.
func TestPageReadsItsFactsFromTheStore(t *testing.T) {
	s, _ := build(t, map[string]string{
		"content/a.md":     "---\ntitle: A\nimage: /kaart.png\nimage_alt: Een kaart van de haven\n---\nTekst.\n",
		"content/b.md":     "---\ntitle: B\nimage: b.gif\nimage_alt: Een tekening van de kade\n---\n",
		"content/b.gif":    "GIF89a",
		"static/kaart.png": "png",
	}, Config{})
	p := s.GetPage("a.md")
	if p.Content() != "" || p.Summary() != "" || p.WordCount() != 0 || p.Image().Src != "/kaart.png" {
		t.Errorf("without facts: %q %q %d %+v", p.Content(), p.Summary(), p.WordCount(), p.Image())
	}
	s.SetFacts(fakeFacts{})
	got := []any{string(p.Content()), string(p.ContentEmbedded(2)), p.Summary(), p.Lead(), p.WordCount(), p.ReadingTime(),
		p.PlainText(), len(p.Headings()), len(p.TOC()), p.Uses("video"), p.Uses("kaart"), p.Links()[0].Dest, p.Image().Src}
	want := []any{"<p>A</p>", "++A", "samenvatting A", "lead A", 450, 3, "tekst A", 2, 1, true, false, "/x/", "/kaart-480w.png"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("facts\n got %v\nwant %v", got, want)
	}
	if li := s.GetPage("b.md").Image(); li == nil || li.Src != "/b.gif" || li.Width != 0 {
		t.Errorf("an image without image facts: %+v", li)
	}
	if used := s.UsedFiles(fakeFacts{}); len(used) != 1 || !used["content/b.gif"] {
		t.Errorf("used files %v, want the lead image content/b.gif", used)
	}
}

// TestModelIsStructureOnly: the model holds no converter, no image
// processor, no lock and no converted Markdown, so nothing can change it
// once it is built (the facts live in package facts).
func TestModelIsStructureOnly(t *testing.T) {
	forbidden := map[reflect.Type]bool{
		reflect.TypeFor[sync.Mutex]():          true,
		reflect.TypeFor[sync.RWMutex]():        true,
		reflect.TypeFor[*markdown.Converter](): true,
		reflect.TypeFor[*markdown.Result]():    true,
		reflect.TypeFor[markdown.Result]():     true,
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[Page](), reflect.TypeFor[Site](), reflect.TypeFor[Config]()} {
		for i := range typ.NumField() {
			f := typ.Field(i)
			if forbidden[f.Type] || strings.Contains(f.Type.String(), "images.Processor") {
				t.Errorf("%s.%s is a %s: conversion state belongs to package facts", typ.Name(), f.Name, f.Type)
			}
		}
	}
}
