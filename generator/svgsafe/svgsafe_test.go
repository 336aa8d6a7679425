package svgsafe

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSanitize(t *testing.T) {
	const head = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">`
	tests := []struct {
		name, in, want string
		removed        []string // What of each removal, in order
	}{
		{"script", head + `<script>alert(1)</script><rect/></svg>`,
			head + `<rect/></svg>`, []string{"<script>"}},
		{"script with CDATA and a namespace prefix", head + `<s:script xmlns:s="http://www.w3.org/2000/svg"><![CDATA[alert(1)]]></s:script></svg>`,
			head + `</svg>`, []string{"<script>"}},
		{"XHTML script", head + `<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>`,
			head + `</svg>`, []string{"<script>"}},
		{"event handlers", head + `<rect onclick="x()" width="5" onMouseOver='y()'/></svg>`,
			head + `<rect width="5"/></svg>`, []string{"attribute onclick of <rect> (event handler)", "attribute onMouseOver of <rect> (event handler)"}},
		{"onload on the root", `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>`,
			`<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>`, []string{"attribute onload of <svg> (event handler)"}},
		{"foreignObject", head + `<foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://evil.example/"/></body></foreignObject><circle r="1"/></svg>`,
			head + `<circle r="1"/></svg>`, []string{"<foreignObject>"}},
		{"javascript link", head + `<a xlink:href="javascript:alert(1)"><text>x</text></a><a href=" JaVa&#x09;Script:alert(2)">y</a></svg>`,
			head + `<a><text>x</text></a><a>y</a></svg>`, []string{"attribute xlink:href of <a> (link to another site or a script)", "attribute href of <a> (link to another site or a script)"}},
		{"external references", head + `<use href="https://evil.example/s.svg#a"/><image href="//evil.example/x.png"/><image xlink:href="/\evil.example/x.png"/></svg>`,
			head + `<use/><image/><image/></svg>`, []string{"attribute href of <use> (link to another site or a script)", "attribute href of <image> (link to another site or a script)", "attribute xlink:href of <image> (link to another site or a script)"}},
		{"same-site references stay", head + `<use href="#a"/><image href="kaart.png"/><image href="/img/x.png"/><image href="data:image/png;base64,iVBORw0KGgo="/><rect fill="url(#g)" style="fill:url('#g')"/></svg>`,
			head + `<use href="#a"/><image href="kaart.png"/><image href="/img/x.png"/><image href="data:image/png;base64,iVBORw0KGgo="/><rect fill="url(#g)" style="fill:url('#g')"/></svg>`, nil},
		{"data: other than a picture", head + `<image href="data:image/svg+xml,&lt;svg onload=alert(1)&gt;"/><a href="data:text/html,x">z</a></svg>`,
			head + `<image/><a>z</a></svg>`, []string{"attribute href of <image> (link to another site or a script)", "attribute href of <a> (link to another site or a script)"}},
		{"external url() in presentation attributes and style", head + `<rect fill="url(https://evil.example/p.svg#a)" style="background:url( 'http://evil.example/t.png' )" filter="url(#f)"/></svg>`,
			head + `<rect filter="url(#f)"/></svg>`, []string{"attribute fill of <rect> (external reference in CSS)", "attribute style of <rect> (external reference in CSS)"}},
		{"CSS escapes", head + `<rect style="background:u\72l(//evil.example/)"/></svg>`,
			head + `<rect/></svg>`, []string{"attribute style of <rect> (external reference in CSS)"}},
		{"style element with @import", head + "\n<style>@import url(https://evil.example/x.css); rect{fill:red}</style><rect/></svg>",
			head + "\n<rect/></svg>", []string{"<style> with an external reference"}},
		{"style element without", head + `<style>.a{fill:url(#g)} rect{fill:red}</style></svg>`,
			head + `<style>.a{fill:url(#g)} rect{fill:red}</style></svg>`, nil},
		{"xml-stylesheet", `<?xml version="1.0"?><?xml-stylesheet href="https://evil.example/x.css"?>` + head + `</svg>`,
			`<?xml version="1.0"?>` + head + `</svg>`, []string{"<?xml-stylesheet?>"}},
		{"animation that sets a link", head + `<a><set attributeName="href" to="javascript:alert(1)"/><animate attributeName="xlink:href" values="javascript:alert(1)"/><text>x</text></a><animate attributeName="opacity" to="0"/></svg>`,
			head + `<a><text>x</text></a><animate attributeName="opacity" to="0"/></svg>`, []string{"<set> of href", "<animate> of xlink:href"}},
		{"xml:base", head + `<g xml:base="https://evil.example/"><use href="x.svg#a"/></g></svg>`,
			head + `<g><use href="x.svg#a"/></g></svg>`, []string{"attribute xml:base of <g> (base address)"}},
		{"DOCTYPE with declarations", `<!DOCTYPE svg [<!ATTLIST svg onload CDATA "alert(1)">]>` + head + `</svg>`,
			head + `</svg>`, []string{"a DOCTYPE with declarations"}},
		{"plain DOCTYPE stays", `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">` + head + `</svg>`,
			`<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">` + head + `</svg>`, nil},
		{"nested in a removed element", head + `<foreignObject><script>x</script><rect onclick="y"/></foreignObject></svg>`,
			head + `</svg>`, []string{"<foreignObject>"}},
		{"embed, object, iframe, handler", head + `<embed src="x"/><object data="y"/><iframe/><handler>z</handler></svg>`,
			head + `</svg>`, []string{"<embed>", "<object>", "<iframe>", "<handler>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, removed, err := Sanitize([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", out, tt.want)
			}
			var what []string
			for _, r := range removed {
				what = append(what, r.What)
			}
			if strings.Join(what, "|") != strings.Join(tt.removed, "|") {
				t.Errorf("removed %q, want %q", what, tt.removed)
			}
		})
	}
}

// TestSanitizeLines: a removal names the line it starts on.
func TestSanitizeLines(t *testing.T) {
	in := "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect/>\n<rect\n  onload=\"x\"/>\n<script>\n1\n</script>\n</svg>\n"
	_, removed, err := Sanitize([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 2 || removed[0].Line != 4 || removed[1].Line != 5 {
		t.Errorf("removed %+v, want onload at line 4 and <script> at line 5", removed)
	}
}

// TestSanitizeRefuses: what cannot be checked as a browser would read it
// is an error with its line.
func TestSanitizeRefuses(t *testing.T) {
	for _, in := range []string{
		"<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect>\n</svg>",             // not well-formed
		`<!DOCTYPE svg [<!ENTITY s "<script>alert(1)</script>">]><svg>&s;</svg>`, // an entity of its own
		`<svg><rect width=5/></svg>`,                                             // unquoted attribute
	} {
		_, _, err := Sanitize([]byte(in))
		if _, ok := err.(*Error); !ok {
			t.Errorf("%s: error %v, want an *Error", in, err)
		}
	}
	_, _, err := Sanitize([]byte("<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect>\n</svg>"))
	if e, ok := err.(*Error); !ok || e.Line != 3 {
		t.Errorf("error %#v, want one at line 3", err)
	}
}

// TestThemeSVGsUnchanged: the theme's own SVGs are clean and come back
// byte for byte.
func TestThemeSVGsUnchanged(t *testing.T) {
	files, _ := filepath.Glob("../../themes/ezine/*/*.svg")
	more, _ := filepath.Glob("../../themes/ezine/*/*/*.svg")
	files = append(files, more...)
	if len(files) == 0 {
		t.Fatal("no theme SVGs found")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out, removed, err := Sanitize(data)
		if err != nil || len(removed) > 0 || !bytes.Equal(out, data) {
			t.Errorf("%s: changed (removed %v, %v)", f, removed, err)
		}
	}
}

// FuzzSanitize: no panic, and what comes out has nothing left to remove.
func FuzzSanitize(f *testing.F) {
	f.Add([]byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="x"><script>1</script><a href="javascript:x">y</a></svg>`))
	f.Add([]byte(`<svg><style>@import "x"</style><rect style="fill:url(http://x)"/></svg>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, _, err := Sanitize(data)
		if err != nil {
			return
		}
		again, removed, err := Sanitize(out)
		if err != nil || len(removed) > 0 || !bytes.Equal(again, out) {
			t.Errorf("sanitised output not clean: %q -> %q (removed %v, %v)", data, out, removed, err)
		}
	})
}
