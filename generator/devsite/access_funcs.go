package devsite

import (
	"reflect"
	"strings"

	"github.com/lwa-rotterdam/ezine/generator/render"
)

// How the analysis treats the functions a template calls: text/template's
// built-ins and the theme's partial are the template language and modelled
// here; render's functions say what they read (render.Func.Reads).

// scalarBuiltins are text/template's built-ins that read their arguments
// as a whole and return data that holds no page.
var scalarBuiltins = map[string]bool{
	"not": true, "eq": true, "ne": true, "lt": true, "le": true, "gt": true, "ge": true,
	"len": true, "print": true, "printf": true, "println": true, "html": true, "js": true,
	"urlquery": true,
}

// call evaluates a function call.
func (a *analyzer) call(name string, args []*aval) *aval {
	for _, arg := range args {
		a.use(arg)
	}
	switch {
	case name == "partial" || name == "partialCached":
		return a.partial(args)
	case name == "index":
		return a.index(args)
	case name == "slice":
		if len(args) == 0 {
			return nil
		}
		return args[0]
	case name == "and" || name == "or":
		return union(args...)
	case name == "call":
		a.giveUp("the template uses call")
		return &aval{wide: true}
	case scalarBuiltins[name] || strings.HasPrefix(name, "_html_template_") || strings.HasPrefix(name, "_eval_args_"):
		return nil
	}
	f, ok := a.funcs[name]
	if !ok {
		a.giveUp("unknown function %s", name)
		return &aval{wide: true}
	}
	return a.declared(name, f, args)
}

// declared evaluates a call of one of render's functions, as its
// declaration says.
func (a *analyzer) declared(name string, f render.Func, args []*aval) *aval {
	switch f.Reads {
	case render.BuildsMap:
		return dict(args)
	case render.BuildsList:
		return &aval{elems: union(args...)}
	case render.ReadsPage:
		if len(args) == 0 {
			return a.plain(name, f.Fn, nil)
		}
		a.pageReads(args[0], f.PagePaths(a.vocabulary))
		return a.plain(name, f.Fn, args[1:])
	case render.ReadsArgs:
		return a.plain(name, f.Fn, args)
	}
	a.giveUp("function %s does not say what it reads", name)
	return &aval{wide: true}
}

// partial evaluates {{ partial NAME DOT }}: the partial NAME, or every
// partial when NAME is not a constant, with DOT as dot.
func (a *analyzer) partial(args []*aval) *aval {
	if len(args) == 0 || a.partials == nil {
		return nil
	}
	var dot *aval
	if len(args) > 1 {
		dot = args[1]
	}
	names, ok := constStrings(args[0])
	if !ok {
		for _, t := range a.partials.Templates() {
			a.template(a.partials, t.Name(), dot)
		}
		return nil
	}
	for _, n := range names {
		if !strings.HasSuffix(n, ".html") {
			n += ".html"
		}
		a.template(a.partials, n, dot)
	}
	return nil
}

// constStrings returns the text constants v may be; ok is false when v
// may be anything else than a constant.
func constStrings(v *aval) (texts []string, ok bool) {
	if v == nil || len(v.consts) == 0 || len(v.paths) > 0 {
		return nil, false
	}
	for _, c := range v.consts {
		if s, ok := c.(string); ok {
			texts = append(texts, s)
		}
	}
	return texts, true
}

// dict is the value of a map built from pairs of key and value.
func dict(args []*aval) *aval {
	out := &aval{}
	for i := 0; i+1 < len(args); i += 2 {
		keys, ok := constStrings(args[i])
		if !ok {
			out.anyKey = union(out.anyKey, args[i+1])
			continue
		}
		for _, k := range keys {
			if out.keys == nil {
				out.keys = map[string]*aval{}
			}
			out.keys[k] = union(out.keys[k], args[i+1])
		}
	}
	return out
}

// index evaluates {{ index V K... }}: a dict's entries by constant key,
// any element of anything else.
func (a *analyzer) index(args []*aval) *aval {
	if len(args) == 0 {
		return nil
	}
	v := args[0]
	for _, k := range args[1:] {
		if v == nil {
			return nil
		}
		keys, ok := constStrings(k)
		if !ok || v.keys == nil && v.anyKey == nil {
			v = a.step(v, "*")
			continue
		}
		out := union(v.anyKey)
		for _, s := range keys {
			out = union(out, v.keys[s])
		}
		if len(v.paths) > 0 {
			out = union(out, a.step(&aval{paths: v.paths}, "*"))
		}
		v = out
	}
	return v
}

// pageReads follows paths, which a function reads of the page it is
// handed, from page.
func (a *analyzer) pageReads(page *aval, paths []render.Path) {
	for _, p := range paths {
		v := page
		for _, st := range p {
			var args []*aval
			for _, c := range st.Args {
				if n, ok := c.(int); ok {
					c = int64(n) // as the template parser gives it
				}
				args = append(args, &aval{consts: []any{c}})
			}
			v = a.stepArgs(v, st.Name, args)
		}
		a.use(v)
	}
}

// plain evaluates a call of a function that reads only the values handed
// to it: safe when it is handed no pages and returns none.
func (a *analyzer) plain(name string, fn any, args []*aval) *aval {
	for _, arg := range args {
		if mayHoldPages(arg) {
			a.giveUp("function %s is handed pages; declare in render what it reads", name)
			return &aval{wide: true}
		}
	}
	ft := reflect.TypeOf(fn)
	if ft == nil || ft.Kind() != reflect.Func || ft.NumOut() == 0 || !isLeafType(ft.Out(0)) {
		a.giveUp("function %s returns data that may hold pages", name)
		return &aval{wide: true}
	}
	return nil
}

// mayHoldPages reports whether an abstract value may stand for something
// from which a page can be reached.
func mayHoldPages(v *aval) bool {
	if v == nil {
		return false
	}
	if v.wide {
		return true
	}
	for p := range v.paths {
		var steps []string
		if p != "" {
			steps = strings.Split(p, sep)
		}
		if !isLeafType(staticType(steps)) {
			return true
		}
	}
	for _, kv := range v.keys {
		if mayHoldPages(kv) {
			return true
		}
	}
	return mayHoldPages(v.anyKey) || mayHoldPages(v.elems)
}
