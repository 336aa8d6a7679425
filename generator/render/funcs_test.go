package render

import (
	"html/template"
	"testing"
)

func TestShiftHeadings(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<h2 id="a">A</h2><p>x</p>`, `<h2 id="a">A</h2><p>x</p>`},
		{`<h1 id="a">A</h1><h2>B</h2><h6>F</h6>`, `<h2 id="a">A</h2><h3>B</h3><h6>F</h6>`},
		{`<header><h1>A</h1><hr></header>`, `<header><h2>A</h2><hr></header>`},
		{`<p>&lt;h1&gt;</p>`, `<p>&lt;h1&gt;</p>`},
	}
	for _, tt := range tests {
		if got := shiftHeadings(template.HTML(tt.in)); string(got) != tt.want {
			t.Errorf("shiftHeadings(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHasAsset(t *testing.T) {
	r := &renderer{assets: map[string]string{"js/video.js": "/js/video.123.js"}}
	has := r.funcs()["hasAsset"].(func(string) bool)
	if !has("js/video.js") || has("js/none.js") {
		t.Errorf("hasAsset: got %v and %v, want true and false", has("js/video.js"), has("js/none.js"))
	}
}
