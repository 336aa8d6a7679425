package cards

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Motif is one symbol of the theme's line art (assets/art/motieven.svg):
// shapes stroked in the theme's deep colour and, unless they say
// fill="none", filled with its motif colour, as the theme's CSS shows them
// (.motief: stroke var(--deep), stroke-width 2, round caps and joins, fill
// var(--motif-fill)).
type Motif struct {
	// Box is the symbol's viewBox: x, y, width, height.
	Box    [4]float64
	Shapes []Shape
	// Source is the symbol's XML as written, for cache keys.
	Source string
}

// Shape is one element of a motif, flattened to polylines.
type Shape struct {
	Lines  []polyline
	Filled bool
}

// ParseMotifs reads the symbols of an SVG sprite by id. Elements other
// than path, rect, circle and ellipse are left out (the theme's motifs use
// no others).
func ParseMotifs(svg []byte) (map[string]*Motif, error) {
	dec := xml.NewDecoder(strings.NewReader(string(svg)))
	out := map[string]*Motif{}
	var cur *Motif
	var start int64
	for {
		off := dec.InputOffset()
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read motifs: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "symbol" {
				cur, start = &Motif{}, off
				box, err := parseBox(attr(t, "viewBox"))
				if err != nil {
					return nil, fmt.Errorf("symbol %q: %w", attr(t, "id"), err)
				}
				cur.Box = box
				out[attr(t, "id")] = cur
				continue
			}
			if cur == nil {
				continue
			}
			sh, err := shapeOf(t)
			if err != nil {
				return nil, fmt.Errorf("symbol %s: %w", idOf(out, cur), err)
			}
			if sh != nil {
				cur.Shapes = append(cur.Shapes, *sh)
			}
		case xml.EndElement:
			if t.Name.Local == "symbol" && cur != nil {
				cur.Source = string(svg[start:dec.InputOffset()])
				cur = nil
			}
		}
	}
	return out, nil
}

func idOf(m map[string]*Motif, mo *Motif) string {
	for id, v := range m {
		if v == mo {
			return strconv.Quote(id)
		}
	}
	return "?"
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func parseBox(s string) ([4]float64, error) {
	var box [4]float64
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' })
	if len(f) != 4 {
		return box, fmt.Errorf("viewBox %q is not four numbers", s)
	}
	for i, v := range f {
		n, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return box, fmt.Errorf("viewBox %q: %w", s, err)
		}
		box[i] = n
	}
	if box[2] <= 0 || box[3] <= 0 {
		return box, fmt.Errorf("viewBox %q has no area", s)
	}
	return box, nil
}

// shapeOf turns one element into a shape; nil for elements that draw
// nothing here.
func shapeOf(t xml.StartElement) (*Shape, error) {
	num := func(name string) float64 {
		v, _ := strconv.ParseFloat(strings.TrimSpace(attr(t, name)), 64)
		return v
	}
	sh := &Shape{Filled: attr(t, "fill") != "none"}
	switch t.Name.Local {
	case "path":
		lines, err := parsePath(attr(t, "d"))
		if err != nil {
			return nil, err
		}
		sh.Lines = lines
	case "rect":
		x, y, w, h := num("x"), num("y"), num("width"), num("height")
		if w <= 0 || h <= 0 {
			return nil, nil
		}
		r := min(num("rx"), w/2, h/2)
		if r <= 0 {
			sh.Lines = []polyline{{pts: []pt{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}, {x, y}}, closed: true}}
			break
		}
		lines, err := parsePath(fmt.Sprintf("M%g %gH%gA%g %g 0 0 1 %g %gV%gA%g %g 0 0 1 %g %gH%gA%g %g 0 0 1 %g %gV%gA%g %g 0 0 1 %g %gz",
			x+r, y, x+w-r, r, r, x+w, y+r, y+h-r, r, r, x+w-r, y+h, x+r, r, r, x, y+h-r, y+r, r, r, x+r, y))
		if err != nil {
			return nil, err
		}
		sh.Lines = lines
	case "circle":
		sh.Lines = []polyline{ellipse(num("cx"), num("cy"), num("r"), num("r"))}
	case "ellipse":
		sh.Lines = []polyline{ellipse(num("cx"), num("cy"), num("rx"), num("ry"))}
	default:
		return nil, nil
	}
	return sh, nil
}

func ellipse(cx, cy, rx, ry float64) polyline {
	n := 4 * curveSteps
	l := polyline{closed: true}
	for k := 0; k <= n; k++ {
		a := 2 * math.Pi * float64(k%n) / float64(n)
		l.pts = append(l.pts, pt{cx + rx*math.Cos(a), cy + ry*math.Sin(a)})
	}
	return l
}
