// Package svgsafe makes an SVG file safe to publish on the site's own
// origin. Shown with <img>, an SVG is inert; opened on its own (its URL is
// public), it is a document that can run script with the site's cookies
// and storage, and load from other hosts. So what could run or load is
// taken out before it is published:
//
//   - elements: script, foreignObject (HTML inside SVG), handler and
//     listener (XML Events), iframe, embed and object, any element in the
//     XHTML namespace, and animation elements (set, animate...) that
//     change an href, a src or an event handler;
//   - attributes: on* event handlers; href, xlink:href and src that point
//     to another host, to a javascript: (or any other scheme's) URL, or to
//     data: other than a PNG, JPEG, GIF or WebP picture; xml:base; style
//     and presentation attributes (fill="url(...)") with an external url(),
//     @import, image-set() or CSS escapes;
//   - <style> elements with any of those, xml-stylesheet processing
//     instructions, and a DOCTYPE with an internal subset (which can add
//     attributes to elements).
//
// In: the bytes of an SVG file. Out: the bytes to publish, with every
// other byte as it was (an SVG with nothing to remove comes back
// unchanged), and what was removed, with its line. The file is tokenised
// with encoding/xml in strict mode: an SVG that is not well-formed XML, or
// that uses an entity other than XML's five, is an error (browsers do not
// show such a file as an image either), so that what is checked here is
// what a browser parses.
package svgsafe

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// MaxSize caps the SVG files Sanitize reads: tokenising takes memory in
// proportion to the file, and an illustration is rarely over 1 MB.
const MaxSize = 16 << 20

// Removal is one thing Sanitize took out.
type Removal struct {
	Line int    // 1-based line where it started
	What string // "<script>", "attribute onload", ...
}

// Error is an SVG that cannot be sanitised, at a line (0 when unknown).
type Error struct {
	Line int
	Msg  string // in English

	msg *i18n.Msg // Msg as a message of the catalogue
}

func (e *Error) Error() string { return e.Msg }

// Localize returns the message in l.
func (e *Error) Localize(l i18n.Lang) string {
	if e.msg == nil {
		return e.Msg
	}
	return e.msg.Localize(l)
}

// newError returns the Error at line for a message of the catalogue.
func newError(line int, msg *i18n.Msg) *Error {
	return &Error{Line: line, Msg: msg.Error(), msg: msg}
}

// namespaces whose elements never stay.
const (
	nsXHTML = "http://www.w3.org/1999/xhtml"
	nsXML   = "http://www.w3.org/XML/1998/namespace"
)

// edit replaces data[start:end] with repl.
type edit struct {
	start, end int
	repl       []byte
}

// sanitizer holds the state of one Sanitize call.
type sanitizer struct {
	data    []byte
	lines   []int // offsets of '\n'
	edits   []edit
	removed []Removal
}

// Sanitize returns data without what could run script or load from other
// hosts when the SVG is opened on its own (see the package doc), and what
// it removed. When nothing is removed it returns data itself.
func Sanitize(data []byte) ([]byte, []Removal, error) {
	if len(data) > MaxSize {
		return nil, nil, newError(0, i18n.New("the SVG is %d MB; the limit is %d MB", (len(data)+1<<19)>>20, MaxSize>>20))
	}
	s := &sanitizer{data: data}
	for i, b := range data {
		if b == '\n' {
			s.lines = append(s.lines, i)
		}
	}
	if err := s.walk(); err != nil {
		return nil, nil, err
	}
	if len(s.edits) == 0 {
		return data, nil, nil
	}
	var out bytes.Buffer
	last := 0
	for _, e := range s.edits {
		out.Write(data[last:e.start])
		out.Write(e.repl)
		last = e.end
	}
	out.Write(data[last:])
	return out.Bytes(), s.removed, nil
}

// line returns the 1-based line of byte offset off.
func (s *sanitizer) line(off int) int {
	return 1 + sort.SearchInts(s.lines, off)
}

// remove drops data[start:end] (and any edit inside it) and notes why.
func (s *sanitizer) remove(start, end int, what string) {
	for len(s.edits) > 0 && s.edits[len(s.edits)-1].start >= start {
		s.edits = s.edits[:len(s.edits)-1]
	}
	s.edits = append(s.edits, edit{start: start, end: end})
	s.removed = append(s.removed, Removal{Line: s.line(start), What: what})
}

// open is an element being read whose fate depends on its content.
type open struct {
	start  int
	style  bool // a <style>: its text is checked at its end
	text   strings.Builder
	remove string // removed at its end, for this reason ("" keeps it)
}

// walk reads every token of the document and records the edits.
func (s *sanitizer) walk() error {
	dec := xml.NewDecoder(bytes.NewReader(s.data))
	dec.Strict = true
	var stack []*open
	skip := 0 // depth inside an element being removed
	for {
		start := int(dec.InputOffset())
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return s.syntaxError(err)
		}
		end := int(dec.InputOffset())
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 {
				skip++
				continue
			}
			o := &open{start: start, style: strings.EqualFold(t.Name.Local, "style")}
			if why := badElement(t); why != "" {
				o.remove = why
				skip = 1
			} else if err := s.attributes(t, start, end); err != nil {
				return err
			}
			stack = append(stack, o)
		case xml.EndElement:
			if skip > 1 {
				skip--
				continue
			}
			skip = 0
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if o.style && o.remove == "" && unsafeCSS(o.text.String()) {
				o.remove = "<style> with an external reference"
			}
			if o.remove != "" {
				s.remove(o.start, end, o.remove)
			}
		case xml.CharData:
			if skip == 0 && len(stack) > 0 && stack[len(stack)-1].style {
				stack[len(stack)-1].text.Write(t)
			}
		case xml.ProcInst:
			if skip == 0 && t.Target == "xml-stylesheet" {
				s.remove(start, end, "<?xml-stylesheet?>")
			}
		case xml.Directive:
			if skip == 0 && bytes.HasPrefix(bytes.TrimSpace(t), []byte("DOCTYPE")) && bytes.Contains(t, []byte("[")) {
				s.remove(start, end, "a DOCTYPE with declarations")
			}
		}
	}
}

// syntaxError turns a decoder error into an *Error with its line.
func (s *sanitizer) syntaxError(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return newError(se.Line, i18n.New("the SVG is not well-formed XML: %s", se.Msg))
	}
	return newError(0, i18n.New("cannot read the SVG: %v", err))
}

// badElement says why an element is removed whole, or "".
func badElement(t xml.StartElement) string {
	local := strings.ToLower(t.Name.Local)
	switch local {
	case "script", "foreignobject", "handler", "listener", "iframe", "embed", "object":
		return "<" + t.Name.Local + ">"
	case "set", "animate", "animatemotion", "animatetransform", "animatecolor":
		for _, a := range t.Attr {
			if a.Name.Local == "attributeName" {
				target := strings.ToLower(a.Value[strings.LastIndexByte(a.Value, ':')+1:])
				if target == "href" || target == "src" || strings.HasPrefix(target, "on") {
					return fmt.Sprintf("<%s> of %s", t.Name.Local, a.Value)
				}
			}
		}
	}
	if t.Name.Space == nsXHTML {
		return "HTML element <" + t.Name.Local + ">"
	}
	return ""
}

// badAttr says why an attribute is removed, or "".
func badAttr(a xml.Attr) string {
	local := strings.ToLower(a.Name.Local)
	switch {
	case strings.HasPrefix(local, "on"):
		return "event handler"
	case local == "href" || local == "src":
		if !safeRef(a.Value) {
			return "link to another site or a script"
		}
	case local == "base" && (a.Name.Space == nsXML || a.Name.Space == "xml"):
		return "base address"
	case local == "style" || strings.Contains(strings.ToLower(a.Value), "url("):
		if unsafeCSS(a.Value) {
			return "external reference in CSS"
		}
	}
	return ""
}

// attributes removes the bad attributes of the start tag data[start:end],
// keeping every other byte of it.
func (s *sanitizer) attributes(t xml.StartElement, start, end int) error {
	var bad []int
	for i, a := range t.Attr {
		if badAttr(a) != "" {
			bad = append(bad, i)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	tag := s.data[start:end]
	spans := attrSpans(tag)
	if len(spans) != len(t.Attr) {
		return newError(s.line(start), i18n.New("cannot read the attributes of <%s>", t.Name.Local))
	}
	var repl []byte
	last := 0
	for _, i := range bad {
		sp := spans[i]
		repl = append(repl, tag[last:sp.start]...)
		last = sp.end
		s.removed = append(s.removed, Removal{Line: s.line(start + sp.nameAt),
			What: fmt.Sprintf("attribute %s of <%s> (%s)", sp.name, t.Name.Local, badAttr(t.Attr[i]))})
	}
	repl = append(repl, tag[last:]...)
	s.edits = append(s.edits, edit{start: start, end: end, repl: repl})
	return nil
}

// span is an attribute in a start tag: tag[start:end] is the white space
// before it, its name, '=' and its quoted value.
type span struct {
	start, end int
	nameAt     int // where the name starts
	name       string
}

// attrSpans finds the attributes of a start tag that encoding/xml has
// read in strict mode (so every value is quoted), in order.
func attrSpans(tag []byte) []span {
	isSpace := func(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }
	i := 1
	for i < len(tag) && !isSpace(tag[i]) && tag[i] != '/' && tag[i] != '>' {
		i++
	}
	var out []span
	for i < len(tag) {
		j := i
		for i < len(tag) && isSpace(tag[i]) {
			i++
		}
		if i >= len(tag) || tag[i] == '/' || tag[i] == '>' {
			break
		}
		n := i
		for i < len(tag) && tag[i] != '=' && !isSpace(tag[i]) {
			i++
		}
		name := string(tag[n:i])
		for i < len(tag) && (isSpace(tag[i]) || tag[i] == '=') {
			i++
		}
		if i >= len(tag) || (tag[i] != '"' && tag[i] != '\'') {
			return nil
		}
		q := tag[i]
		k := bytes.IndexByte(tag[i+1:], q)
		if k < 0 {
			return nil
		}
		i += k + 2
		out = append(out, span{start: j, end: i, nameAt: n, name: name})
	}
	return out
}

// safeRef reports whether a URL stays on the site: a fragment, a
// relative or root-relative path, or a data: picture. Browsers drop tabs
// and newlines anywhere in a URL and spaces and control characters at its
// ends, and read '\' as '/', so the checks do too.
func safeRef(v string) bool {
	v = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, v)
	v = strings.TrimFunc(v, func(r rune) bool { return r <= ' ' })
	switch {
	case v == "" || strings.HasPrefix(v, "#"):
		return true
	case strings.Contains(v, `\`), strings.HasPrefix(v, "//"):
		return false
	}
	if scheme, _, ok := strings.Cut(v, ":"); ok && isScheme(scheme) {
		l := strings.ToLower(v)
		for _, p := range []string{"data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp"} {
			if strings.HasPrefix(l, p+";") || strings.HasPrefix(l, p+",") {
				return true
			}
		}
		return false
	}
	return true
}

// isScheme reports whether s is a URL scheme: a letter, then letters,
// digits, '+', '-' or '.'.
func isScheme(s string) bool {
	for i, r := range s {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !letter && (i == 0 || !(r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')) {
			return false
		}
	}
	return s != ""
}

// unsafeCSS reports whether CSS (a style attribute or element, or a
// presentation attribute) could load from another host or run script:
// an url() that is not a safeRef, @import, image-set(), expression(),
// javascript:, or a backslash (a CSS escape can spell any of them).
func unsafeCSS(css string) bool {
	l := strings.ToLower(css)
	for _, bad := range []string{`\`, "@import", "image-set(", "expression(", "javascript:"} {
		if strings.Contains(l, bad) {
			return true
		}
	}
	for rest := l; ; {
		i := strings.Index(rest, "url(")
		if i < 0 {
			return false
		}
		rest = rest[i+4:]
		j := strings.IndexByte(rest, ')')
		if j < 0 {
			return true
		}
		arg := strings.Trim(strings.TrimSpace(rest[:j]), `"'`)
		if !safeRef(arg) {
			return true
		}
		rest = rest[j:]
	}
}
