package cards

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// pt is a point in the motif's own units (its viewBox).
type pt struct{ x, y float64 }

// polyline is one subpath flattened to straight segments.
type polyline struct {
	pts    []pt
	closed bool
}

// curveSteps is how many straight segments a curve or arc becomes: at the
// card's scale (5 px a unit) a quarter circle of radius 4 is then within
// a tenth of a pixel of the true curve.
const curveSteps = 16

// parsePath turns SVG path data (the d attribute: M, L, H, V, C, S, Q, T,
// A and Z, absolute and relative) into flattened subpaths.
func parsePath(d string) ([]polyline, error) {
	p := &pathParser{s: d}
	if err := p.run(); err != nil {
		return nil, err
	}
	return p.out, nil
}

type pathParser struct {
	s                string
	i                int
	out              []polyline
	cur              polyline
	pos, start, ctrl pt
	last             byte // the previous command, for S and T
}

func (p *pathParser) run() error {
	var cmd byte
	for {
		p.skip()
		if p.i >= len(p.s) {
			break
		}
		c := p.s[p.i]
		if strings.IndexByte("MmLlHhVvCcSsQqTtAaZz", c) >= 0 {
			cmd = c
			p.i++
		} else if cmd == 0 {
			return fmt.Errorf("path data starts with %q, not a command", c)
		}
		if err := p.command(cmd); err != nil {
			return err
		}
		p.last = cmd
		switch cmd {
		case 'M':
			cmd = 'L' // further pairs after a moveto are linetos
		case 'm':
			cmd = 'l'
		case 'Z', 'z':
			cmd = 0
		}
	}
	p.flush()
	return nil
}

func (p *pathParser) command(cmd byte) error {
	rel := cmd >= 'a'
	base := pt{}
	if rel {
		base = p.pos
	}
	n, err := p.numbers(map[byte]int{'m': 2, 'l': 2, 'h': 1, 'v': 1, 'c': 6, 's': 4, 'q': 4, 't': 2, 'a': 7, 'z': 0}[cmd|0x20])
	if err != nil {
		return err
	}
	at := func(i int) pt { return pt{base.x + n[i], base.y + n[i+1]} }
	switch cmd | 0x20 {
	case 'm':
		p.flush()
		p.pos = at(0)
		p.start = p.pos
		p.cur.pts = []pt{p.pos}
	case 'l':
		p.lineTo(at(0))
	case 'h':
		p.lineTo(pt{base.x + n[0], p.pos.y})
	case 'v':
		p.lineTo(pt{p.pos.x, base.y + n[0]})
	case 'c':
		p.cubic(at(0), at(2), at(4))
	case 's':
		c1 := p.pos
		if strings.IndexByte("CcSs", p.last) >= 0 {
			c1 = pt{2*p.pos.x - p.ctrl.x, 2*p.pos.y - p.ctrl.y}
		}
		p.cubic(c1, at(0), at(2))
	case 'q':
		p.quad(at(0), at(2))
	case 't':
		c := p.pos
		if strings.IndexByte("QqTt", p.last) >= 0 {
			c = pt{2*p.pos.x - p.ctrl.x, 2*p.pos.y - p.ctrl.y}
		}
		p.quad(c, at(0))
	case 'a':
		p.arc(n[0], n[1], n[2], n[3] != 0, n[4] != 0, at(5))
	case 'z':
		p.cur.closed = true
		p.pos = p.start
		p.flush()
		p.cur.pts = []pt{p.pos}
	}
	return nil
}

func (p *pathParser) flush() {
	if len(p.cur.pts) > 1 {
		p.out = append(p.out, p.cur)
	}
	p.cur = polyline{}
}

func (p *pathParser) lineTo(q pt) {
	if len(p.cur.pts) == 0 {
		p.cur.pts = []pt{p.pos}
	}
	p.cur.pts = append(p.cur.pts, q)
	p.pos, p.ctrl = q, q
}

func (p *pathParser) cubic(c1, c2, q pt) {
	a := p.pos
	for k := 1; k <= curveSteps; k++ {
		t := float64(k) / curveSteps
		u := 1 - t
		p.lineTo(pt{
			u*u*u*a.x + 3*u*u*t*c1.x + 3*u*t*t*c2.x + t*t*t*q.x,
			u*u*u*a.y + 3*u*u*t*c1.y + 3*u*t*t*c2.y + t*t*t*q.y,
		})
	}
	p.ctrl = c2
}

func (p *pathParser) quad(c, q pt) {
	a := p.pos
	for k := 1; k <= curveSteps; k++ {
		t := float64(k) / curveSteps
		u := 1 - t
		p.lineTo(pt{u*u*a.x + 2*u*t*c.x + t*t*q.x, u*u*a.y + 2*u*t*c.y + t*t*q.y})
	}
	p.ctrl = c
}

// arc draws an elliptical arc by the SVG specification's conversion from
// endpoint to centre parameterisation (SVG 1.1, appendix F.6).
func (p *pathParser) arc(rx, ry, rot float64, large, sweep bool, q pt) {
	a := p.pos
	rx, ry = math.Abs(rx), math.Abs(ry)
	if rx == 0 || ry == 0 || a == q {
		p.lineTo(q)
		return
	}
	phi := rot * math.Pi / 180
	cos, sin := math.Cos(phi), math.Sin(phi)
	dx, dy := (a.x-q.x)/2, (a.y-q.y)/2
	x1 := cos*dx + sin*dy
	y1 := -sin*dx + cos*dy
	if l := x1*x1/(rx*rx) + y1*y1/(ry*ry); l > 1 {
		rx, ry = rx*math.Sqrt(l), ry*math.Sqrt(l)
	}
	num := rx*rx*ry*ry - rx*rx*y1*y1 - ry*ry*x1*x1
	den := rx*rx*y1*y1 + ry*ry*x1*x1
	f := math.Sqrt(math.Max(0, num/den))
	if large == sweep {
		f = -f
	}
	cx1, cy1 := f*rx*y1/ry, -f*ry*x1/rx
	cx := cos*cx1 - sin*cy1 + (a.x+q.x)/2
	cy := sin*cx1 + cos*cy1 + (a.y+q.y)/2
	angle := func(ux, uy, vx, vy float64) float64 {
		return math.Atan2(ux*vy-uy*vx, ux*vx+uy*vy)
	}
	t1 := angle(1, 0, (x1-cx1)/rx, (y1-cy1)/ry)
	dt := angle((x1-cx1)/rx, (y1-cy1)/ry, (-x1-cx1)/rx, (-y1-cy1)/ry)
	if !sweep && dt > 0 {
		dt -= 2 * math.Pi
	} else if sweep && dt < 0 {
		dt += 2 * math.Pi
	}
	steps := max(2, int(math.Ceil(math.Abs(dt)/(math.Pi/2)*curveSteps/2)))
	for k := 1; k <= steps; k++ {
		t := t1 + dt*float64(k)/float64(steps)
		ex, ey := rx*math.Cos(t), ry*math.Sin(t)
		if k == steps {
			p.lineTo(q) // exactly on the end point
			break
		}
		p.lineTo(pt{cos*ex - sin*ey + cx, sin*ex + cos*ey + cy})
	}
}

// skip passes white space and commas.
func (p *pathParser) skip() {
	for p.i < len(p.s) && strings.IndexByte(" \t\r\n,", p.s[p.i]) >= 0 {
		p.i++
	}
}

// numbers reads n numbers; an arc's flags may be written without a
// separator ("a3 3 0 0 1 3 3" or "a3 3 0 013 3").
func (p *pathParser) numbers(n int) ([]float64, error) {
	out := make([]float64, n)
	for k := range n {
		p.skip()
		if n == 7 && (k == 3 || k == 4) && p.i < len(p.s) && (p.s[p.i] == '0' || p.s[p.i] == '1') {
			out[k] = float64(p.s[p.i] - '0')
			p.i++
			continue
		}
		j := p.i
		if j < len(p.s) && (p.s[j] == '-' || p.s[j] == '+') {
			j++
		}
		dot, digits := false, false
		for j < len(p.s) {
			c := p.s[j]
			switch {
			case c >= '0' && c <= '9':
				digits = true
			case c == '.' && !dot:
				dot = true
			case (c == 'e' || c == 'E') && digits:
				j++
				if j < len(p.s) && (p.s[j] == '-' || p.s[j] == '+') {
					j++
				}
				continue
			default:
				goto done
			}
			j++
		}
	done:
		if !digits {
			return nil, fmt.Errorf("path data: a number expected at offset %d", p.i)
		}
		v, err := strconv.ParseFloat(p.s[p.i:j], 64)
		if err != nil {
			return nil, fmt.Errorf("path data: %w", err)
		}
		out[k] = v
		p.i = j
	}
	return out, nil
}
