package devsite

import (
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"text/template/parse"

	"github.com/lwa-rotterdam/ezine/generator/render"
	"github.com/lwa-rotterdam/ezine/generator/vocab"
)

// This file reads the theme's templates, without running them, to find
// what a page's layout can read: the access paths from the page it renders,
// such as Title, Prev.Title, Pages.*.Lead or Site.Sections.*.RelPermalink
// ("*" is any element of a list). The dev server re-renders a page when
// anything on one of those paths changed, and nothing else.
//
// The analysis over-approximates: every variable holds everything ever
// assigned to it, both branches of an if are taken, a partial called with
// a name that is not a constant may be any partial. Where it cannot follow
// the data (call, a function it does not know that is handed pages, a path
// that grows without end), it gives up and says the layout is wide: it may
// read anything in the site, and its pages are rendered after any change.

// maxPathLen bounds an access path; longer ones come from recursive
// partials and make the layout wide.
const maxPathLen = 12

// maxArgCombos bounds the constant argument lists tried for one method call.
const maxArgCombos = 16

// step separator in an encoded path; never in an identifier or a quoted
// constant.
const sep = "\x1f"

// access is what one layout can read.
type access struct {
	paths [][]string // maximal access paths from the page, sorted
	root  *trie      // the same paths as a tree of steps
	wide  bool
	why   []string // why it is wide
}

// trie is a tree of access paths: each node one step, its kids the steps
// that follow it on some path.
type trie struct {
	step  string // encoded, with constant arguments
	name  string // the member's name, or "*"
	args  []any  // the constant arguments
	known bool   // whether the arguments are known (not Name(?))
	kids  []*trie
}

func buildTrie(paths [][]string) *trie {
	root := &trie{}
	for _, p := range paths {
		t := root
		for _, s := range p {
			var next *trie
			for _, k := range t.kids {
				if k.step == s {
					next = k
					break
				}
			}
			if next == nil {
				args, known := stepArgs(s)
				next = &trie{step: s, name: stepName(s), args: args, known: known}
				t.kids = append(t.kids, next)
			}
			t = next
		}
	}
	return root
}

// aval is the abstract value of a template expression: the access paths it
// may stand for, and for dict and list literals their parts.
type aval struct {
	paths  map[string]bool // encoded access paths from the root page
	keys   map[string]*aval
	anyKey *aval // values of dict keys that are not constants
	elems  *aval // elements of a list literal
	consts []any // constants it may be: string, int64, float64, bool
	wide   bool
}

func (v *aval) empty() bool {
	return v == nil || len(v.paths) == 0 && v.keys == nil && v.anyKey == nil && v.elems == nil && len(v.consts) == 0 && !v.wide
}

// union merges values; nil parts are skipped.
func union(vs ...*aval) *aval {
	out := &aval{}
	for _, v := range vs {
		if v == nil {
			continue
		}
		for p := range v.paths {
			if out.paths == nil {
				out.paths = map[string]bool{}
			}
			out.paths[p] = true
		}
		for k, kv := range v.keys {
			if out.keys == nil {
				out.keys = map[string]*aval{}
			}
			out.keys[k] = union(out.keys[k], kv)
		}
		if v.anyKey != nil {
			out.anyKey = union(out.anyKey, v.anyKey)
		}
		if v.elems != nil {
			out.elems = union(out.elems, v.elems)
		}
		for _, c := range v.consts {
			if !slices.Contains(out.consts, c) {
				out.consts = append(out.consts, c)
			}
		}
		out.wide = out.wide || v.wide
	}
	return out
}

// key is a canonical text of v, for memoising template calls.
func (v *aval) key() string {
	if v == nil {
		return "nil"
	}
	var b strings.Builder
	ps := make([]string, 0, len(v.paths))
	for p := range v.paths {
		ps = append(ps, p)
	}
	slices.Sort(ps)
	fmt.Fprintf(&b, "P%q", ps)
	ks := make([]string, 0, len(v.keys))
	for k := range v.keys {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	for _, k := range ks {
		fmt.Fprintf(&b, "K%q=%s;", k, v.keys[k].key())
	}
	if v.anyKey != nil {
		b.WriteString("A" + v.anyKey.key())
	}
	if v.elems != nil {
		b.WriteString("E" + v.elems.key())
	}
	fmt.Fprintf(&b, "C%v W%v", v.consts, v.wide)
	return b.String()
}

// analyzer walks the templates of one theme.
type analyzer struct {
	funcs      render.Funcs
	vocabulary vocab.Vocabulary // the site's, which functions' reads may name
	partials   *template.Template
	found      map[string]bool // encoded access paths
	wide       bool
	why        []string
	done       map[string]bool // template calls analysed, by set, name and dot
}

func newAnalyzer(funcs render.Funcs, partials *template.Template, v vocab.Vocabulary) *analyzer {
	return &analyzer{funcs: funcs, partials: partials, vocabulary: v}
}

// layout analyses the template that renders a page (its root is executed
// with the page as dot).
func (a *analyzer) layout(tmpl *template.Template) *access {
	a.found = map[string]bool{}
	a.wide = false
	a.why = nil
	a.done = map[string]bool{}
	a.template(tmpl, tmpl.Name(), &aval{paths: map[string]bool{"": true}})
	acc := &access{wide: a.wide, why: a.why}
	var all []string
	for p := range a.found {
		if p != "" {
			all = append(all, p)
		}
	}
	slices.Sort(all)
	for i, p := range all {
		// Keep only maximal paths: walking one visits its prefixes.
		if i+1 < len(all) && strings.HasPrefix(all[i+1], p+sep) {
			continue
		}
		acc.paths = append(acc.paths, strings.Split(p, sep))
	}
	acc.root = buildTrie(acc.paths)
	return acc
}

func (a *analyzer) giveUp(format string, args ...any) {
	a.wide = true
	if len(a.why) < 8 {
		a.why = append(a.why, fmt.Sprintf(format, args...))
	}
}

// scope is the state of one template call: the set it belongs to (for
// {{template}}), dot, and its variables, which only grow.
type scope struct {
	set  *template.Template
	dot  *aval
	vars map[string]*aval
}

func (a *analyzer) template(set *template.Template, name string, dot *aval) {
	if set == nil {
		return
	}
	memo := fmt.Sprintf("%p %s %s", set, name, dot.key())
	if a.done[memo] {
		return
	}
	a.done[memo] = true
	t := set.Lookup(name)
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		return
	}
	sc := &scope{set: set, dot: dot, vars: map[string]*aval{"$": dot}}
	// Twice, so that a variable read before a later assignment in a loop
	// holds that assignment too.
	for range 2 {
		a.list(t.Tree.Root, sc)
	}
}

func (a *analyzer) list(l *parse.ListNode, sc *scope) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		a.node(n, sc)
	}
}

func (a *analyzer) node(n parse.Node, sc *scope) {
	switch n := n.(type) {
	case *parse.ActionNode:
		a.pipe(n.Pipe, sc)
	case *parse.IfNode:
		a.pipe(n.Pipe, sc)
		a.list(n.List, sc)
		a.list(n.ElseList, sc)
	case *parse.WithNode:
		v := a.pipe(n.Pipe, sc)
		a.list(n.List, &scope{set: sc.set, dot: v, vars: sc.vars})
		a.list(n.ElseList, sc)
	case *parse.RangeNode:
		v := a.pipeValue(n.Pipe, sc)
		a.use(v)
		elem := a.step(v, "*")
		switch len(n.Pipe.Decl) {
		case 1:
			a.bind(sc, n.Pipe.Decl[0].Ident[0], elem)
		case 2:
			a.bind(sc, n.Pipe.Decl[1].Ident[0], elem)
		}
		a.list(n.List, &scope{set: sc.set, dot: elem, vars: sc.vars})
		a.list(n.ElseList, sc)
	case *parse.TemplateNode:
		var dot *aval
		if n.Pipe != nil {
			dot = a.pipe(n.Pipe, sc)
		}
		a.template(sc.set, n.Name, dot)
	case *parse.ListNode:
		a.list(n, sc)
	}
}

func (a *analyzer) bind(sc *scope, name string, v *aval) {
	sc.vars[name] = union(sc.vars[name], v)
}

// pipe evaluates a pipeline and binds its declared variables.
func (a *analyzer) pipe(p *parse.PipeNode, sc *scope) *aval {
	v := a.pipeValue(p, sc)
	a.use(v)
	if p != nil {
		for _, d := range p.Decl {
			a.bind(sc, d.Ident[0], v)
		}
	}
	return v
}

func (a *analyzer) pipeValue(p *parse.PipeNode, sc *scope) *aval {
	if p == nil {
		return nil
	}
	var v *aval
	for i, cmd := range p.Cmds {
		var final *aval
		if i > 0 {
			final = v
		}
		v = a.command(cmd, sc, final, i > 0)
	}
	return v
}

// command evaluates one command; final is the value piped into it.
func (a *analyzer) command(cmd *parse.CommandNode, sc *scope, final *aval, piped bool) *aval {
	if len(cmd.Args) == 0 {
		return nil
	}
	rest := cmd.Args[1:]
	switch first := cmd.Args[0].(type) {
	case *parse.IdentifierNode:
		var args []*aval
		for _, n := range rest {
			args = append(args, a.operand(n, sc))
		}
		if piped {
			args = append(args, final)
		}
		return a.call(first.Ident, args)
	case *parse.FieldNode:
		return a.fields(sc.dot, first.Ident, rest, final, piped, sc)
	case *parse.ChainNode:
		return a.fields(a.operand(first.Node, sc), first.Field, rest, final, piped, sc)
	case *parse.VariableNode:
		return a.fields(a.variable(sc, first.Ident[0]), first.Ident[1:], rest, final, piped, sc)
	}
	v := a.operand(cmd.Args[0], sc)
	a.use(final)
	return v
}

// fields takes steps from base; the last step gets the command's arguments
// when there are any (a method call such as .Related 3).
func (a *analyzer) fields(base *aval, idents []string, rest []parse.Node, final *aval, piped bool, sc *scope) *aval {
	if len(idents) == 0 {
		for _, n := range rest {
			a.use(a.operand(n, sc))
		}
		a.use(final)
		return base
	}
	v := base
	for _, id := range idents[:len(idents)-1] {
		v = a.step(v, id)
	}
	last := idents[len(idents)-1]
	if len(rest) == 0 && !piped {
		return a.step(v, last)
	}
	var args []*aval
	for _, n := range rest {
		args = append(args, a.operand(n, sc))
	}
	if piped {
		args = append(args, final)
	}
	for _, arg := range args {
		a.use(arg)
	}
	return a.stepArgs(v, last, args)
}

// operand evaluates one argument of a command.
func (a *analyzer) operand(n parse.Node, sc *scope) *aval {
	switch n := n.(type) {
	case *parse.DotNode:
		return sc.dot
	case *parse.FieldNode:
		return a.fields(sc.dot, n.Ident, nil, nil, false, sc)
	case *parse.ChainNode:
		return a.fields(a.operand(n.Node, sc), n.Field, nil, nil, false, sc)
	case *parse.VariableNode:
		return a.fields(a.variable(sc, n.Ident[0]), n.Ident[1:], nil, nil, false, sc)
	case *parse.PipeNode:
		return a.pipe(n, sc)
	case *parse.IdentifierNode:
		return a.call(n.Ident, nil)
	case *parse.StringNode:
		return &aval{consts: []any{n.Text}}
	case *parse.NumberNode:
		switch {
		case n.IsInt:
			return &aval{consts: []any{n.Int64}}
		case n.IsFloat:
			return &aval{consts: []any{n.Float64}}
		}
	case *parse.BoolNode:
		return &aval{consts: []any{n.True}}
	}
	return nil
}

func (a *analyzer) variable(sc *scope, name string) *aval {
	return sc.vars[name]
}

// use records that a value is read as a whole (printed, compared, counted).
func (a *analyzer) use(v *aval) {
	if v == nil {
		return
	}
	if v.wide {
		a.giveUp("a value the analysis cannot follow is read")
	}
	for p := range v.paths {
		a.found[p] = true
	}
	for _, kv := range v.keys {
		a.use(kv)
	}
	a.use(v.anyKey)
	a.use(v.elems)
}

// step takes the field (or argument-less method) id of v.
func (a *analyzer) step(v *aval, id string) *aval {
	return a.stepArgs(v, id, nil)
}

func (a *analyzer) stepArgs(v *aval, id string, args []*aval) *aval {
	if v == nil {
		return nil
	}
	out := &aval{}
	if v.wide {
		out.wide = true
	}
	if id == "*" && v.elems != nil {
		out = union(out, v.elems)
	}
	if id != "*" {
		if kv, ok := v.keys[id]; ok {
			out = union(out, kv)
		}
		if v.anyKey != nil {
			out = union(out, v.anyKey)
		}
	} else if v.keys != nil || v.anyKey != nil {
		for _, kv := range v.keys {
			out = union(out, kv)
		}
		out = union(out, v.anyKey)
	}
	steps := stepNames(id, args)
	for p := range v.paths {
		n := 1 + strings.Count(p, sep)
		if p == "" {
			n = 0
		}
		if n+1 > maxPathLen {
			a.giveUp("an access path longer than %d steps (a recursive partial?): %s", maxPathLen, strings.ReplaceAll(p, sep, "."))
			out.wide = true
			continue
		}
		for _, s := range steps {
			np := s
			if p != "" {
				np = p + sep + s
			}
			if out.paths == nil {
				out.paths = map[string]bool{}
			}
			out.paths[np] = true
			a.found[np] = true
		}
	}
	return out
}

// stepNames encodes a method call's constant arguments in the step:
// Terms("thema"), Related(3). Arguments that are not constants give
// Name(?), which the evaluator treats as any argument.
func stepNames(id string, args []*aval) []string {
	if len(args) == 0 {
		return []string{id}
	}
	combos := [][]any{nil}
	for _, arg := range args {
		if arg == nil || len(arg.consts) == 0 || len(arg.paths) > 0 || arg.keys != nil || arg.elems != nil || arg.wide {
			return []string{id + "(?)"}
		}
		var next [][]any
		for _, c := range combos {
			for _, k := range arg.consts {
				next = append(next, append(slices.Clone(c), k))
			}
		}
		if len(next) > maxArgCombos {
			return []string{id + "(?)"}
		}
		combos = next
	}
	var out []string
	for _, c := range combos {
		parts := make([]string, len(c))
		for i, k := range c {
			parts[i] = encodeConst(k)
		}
		out = append(out, id+"("+strings.Join(parts, ",")+")")
	}
	return out
}

func encodeConst(k any) string {
	switch k := k.(type) {
	case string:
		return strconv.Quote(k)
	case int64:
		return strconv.FormatInt(k, 10)
	case float64:
		return strconv.FormatFloat(k, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(k)
	}
	return "?"
}
