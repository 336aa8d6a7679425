package render

import (
	"strings"
	"testing"

	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/site"
)

func TestLayoutCandidates(t *testing.T) {
	page := func(kind site.Kind, typ, section, layout string) *site.Page {
		return &site.Page{Kind: kind, Type: typ, Section: section, Source: &content.Page{Meta: content.Meta{Layout: layout}}}
	}
	tests := []struct {
		p    *site.Page
		want string
	}{
		{page(site.KindPage, "interview", "interviews", ""), "interview/single interviews/single _default/single"},
		{page(site.KindPage, "page", "", "search"), "page/search _default/search page/single _default/single"},
		{page(site.KindSection, "section", "archief", ""), "archief/list section/list _default/list"},
		{page(site.KindHome, "", "", ""), "index _default/list"},
		{&site.Page{Kind: site.KindTaxonomy, Taxonomy: &site.Taxonomy{Name: "thema"}}, "thema/terms _default/terms _default/list"},
		{&site.Page{Kind: site.KindTerm, Taxonomy: &site.Taxonomy{Name: "thema"}}, "thema/term _default/term _default/list"},
		{&site.Page{Kind: site.Kind404}, "404"},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range layoutCandidates(tt.p) {
			got = append(got, strings.TrimSuffix(strings.TrimPrefix(c, "layouts/"), ".html"))
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%s %s: got %v, want %s", tt.p.Kind, tt.p.Type, got, tt.want)
		}
	}
}

func TestInject(t *testing.T) {
	if got := string(inject([]byte("<body>a</body></html>"), "<script src=/r.js></script>")); got != "<body>a<script src=/r.js></script></body></html>" {
		t.Errorf("got %q", got)
	}
	if got := string(inject([]byte("no body"), "X")); got != "no bodyX" {
		t.Errorf("got %q", got)
	}
}
