package devsite

import (
	"reflect"
	"strings"
)

// How the analysis treats the functions a template calls.

// scalarFuncs return data that holds no page, and read no more of their
// arguments than the values handed to them.
var scalarFuncs = map[string]bool{
	// text/template's built-ins
	"not": true, "eq": true, "ne": true, "lt": true, "le": true, "gt": true, "ge": true,
	"len": true, "print": true, "printf": true, "println": true, "html": true, "js": true,
	"urlquery": true,
	// the render package's
	"asset": true, "absURL": true, "dateNL": true, "isoDate": true, "add": true, "sub": true,
	"lower": true, "slugify": true,
}

// pageFuncs are the template functions that are handed a page and read
// it in Go, with the access paths each reads from its first argument. Keep
// them in step with the functions; TestIncrementalEqualsFull fails when a
// function reads what is not listed here.
var pageFuncs = map[string][][]string{
	// render/structured.go
	"jsonLD": {
		{"Kind"}, {"Permalink"}, {"Title"}, {"Lead"}, {"Date"}, {"Meta"},
		{"Site", "Title"}, {"Site", "AbsURL"},
		{`Terms("deelakkoord")`, "*", "Title"},
		{"Ancestors", "*", "Title"}, {"Ancestors", "*", "Permalink"},
	},
}

// call evaluates a function call.
func (a *analyzer) call(name string, args []*aval, sc *scope) *aval {
	for _, arg := range args {
		a.use(arg)
	}
	switch {
	case name == "partial" || name == "partialCached":
		if len(args) == 0 {
			return nil
		}
		var dot *aval
		if len(args) > 1 {
			dot = args[1]
		}
		names := args[0]
		if names == nil || len(names.consts) == 0 || len(names.paths) > 0 {
			if a.partials != nil {
				for _, t := range a.partials.Templates() {
					a.template(a.partials, t.Name(), dot)
				}
			}
			return nil
		}
		for _, c := range names.consts {
			n, ok := c.(string)
			if !ok {
				continue
			}
			if !strings.HasSuffix(n, ".html") {
				n += ".html"
			}
			a.template(a.partials, n, dot)
		}
		return nil
	case name == "dict":
		out := &aval{}
		for i := 0; i+1 < len(args); i += 2 {
			k := args[i]
			if k != nil && len(k.consts) > 0 && len(k.paths) == 0 {
				for _, c := range k.consts {
					if s, ok := c.(string); ok {
						if out.keys == nil {
							out.keys = map[string]*aval{}
						}
						out.keys[s] = union(out.keys[s], args[i+1])
					}
				}
				continue
			}
			out.anyKey = union(out.anyKey, args[i+1])
		}
		return out
	case name == "list":
		return &aval{elems: union(args...)}
	case name == "index":
		if len(args) == 0 {
			return nil
		}
		v := args[0]
		for _, k := range args[1:] {
			if v == nil {
				return nil
			}
			if (v.keys != nil || v.anyKey != nil) && k != nil && len(k.consts) > 0 && len(k.paths) == 0 {
				out := union(v.anyKey)
				for _, c := range k.consts {
					if s, ok := c.(string); ok {
						out = union(out, v.keys[s])
					}
				}
				if len(v.paths) > 0 {
					out = union(out, a.step(&aval{paths: v.paths}, "*"))
				}
				v = out
				continue
			}
			v = a.step(v, "*")
		}
		return v
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
	case scalarFuncs[name] || strings.HasPrefix(name, "_html_template_") || strings.HasPrefix(name, "_eval_args_"):
		return nil
	}
	if paths, ok := pageFuncs[name]; ok && len(args) > 0 {
		for _, p := range paths {
			v := args[0]
			for _, st := range p {
				v = a.step(v, st)
			}
			a.use(v)
		}
		return nil
	}
	// A function the analysis does not know: safe only when it is handed
	// no pages and returns none.
	fn, ok := a.funcs[name]
	if !ok {
		a.giveUp("unknown function %s", name)
		return &aval{wide: true}
	}
	ft := reflect.TypeOf(fn)
	for _, arg := range args {
		if mayHoldPages(arg) {
			a.giveUp("function %s is handed pages; teach the dev server's analysis what it reads", name)
			return &aval{wide: true}
		}
	}
	if ft.Kind() != reflect.Func || ft.NumOut() == 0 || !isLeafType(ft.Out(0)) {
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
