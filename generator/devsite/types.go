package devsite

import (
	"reflect"
	"strings"
	"sync"

	"github.com/lwa-rotterdam/ezine/generator/site"
)

// The site model's types, read through reflection, tell the analysis where
// an access path can lead: a member whose type holds no page is a leaf (its
// page's own facts cover it); any other member is navigation, which the
// evaluator follows on the model. New fields and methods of site.Page or
// site.Site are classified by their types without changes here.

var (
	pageType     = reflect.TypeFor[*site.Page]()
	sitePkg      = pageType.Elem().PkgPath()
	leafMu       sync.Mutex
	leafMemo     = map[reflect.Type]bool{}
	leafChecking = map[reflect.Type]bool{}
)

// isLeafType reports whether no value of type t can lead to a page: t is
// not, and holds nothing (through pointers, elements, exported fields or
// method results) that is, a struct of the site package. Unknown (nil)
// types are not leaves. Interfaces are: the model exposes front matter
// values (data) as any, never pages.
func isLeafType(t reflect.Type) bool {
	if t == nil {
		return false
	}
	leafMu.Lock()
	defer leafMu.Unlock()
	return leaf(t)
}

func leaf(t reflect.Type) bool {
	if v, ok := leafMemo[t]; ok {
		return v
	}
	if leafChecking[t] {
		return true // a cycle: decided by the other members
	}
	leafChecking[t] = true
	defer delete(leafChecking, t)
	v := func() bool {
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Chan:
			if !leaf(t.Elem()) {
				return false
			}
		case reflect.Map:
			if !leaf(t.Key()) || !leaf(t.Elem()) {
				return false
			}
		case reflect.Struct:
			if t.PkgPath() == sitePkg {
				return false
			}
			for i := range t.NumField() {
				if f := t.Field(i); f.IsExported() && !leaf(f.Type) {
					return false
				}
			}
		case reflect.Func:
			for i := range t.NumOut() {
				if !leaf(t.Out(i)) {
					return false
				}
			}
			return true
		}
		if t.Kind() != reflect.Interface {
			for i := range t.NumMethod() {
				if !leaf(t.Method(i).Type) {
					return false
				}
			}
		}
		return true
	}()
	leafMemo[t] = v
	return v
}

// stepName strips the arguments from an encoded step: Terms("x") -> Terms.
func stepName(s string) string {
	if i := strings.IndexByte(s, '('); i >= 0 {
		return s[:i]
	}
	return s
}

// memberType is the type of member name of a value of type t, as a
// template reaches it: a method (of t or *t), a field (through pointers),
// a map key, or the element for "*". Nil when there is none.
func memberType(t reflect.Type, name string) reflect.Type {
	if t == nil {
		return nil
	}
	if name == "*" {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		switch t.Kind() {
		case reflect.Slice, reflect.Array, reflect.Map:
			return t.Elem()
		}
		return nil
	}
	if m, ok := t.MethodByName(name); ok {
		if m.Type.NumOut() == 0 {
			return nil
		}
		return m.Type.Out(0)
	}
	if t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface {
		if m, ok := reflect.PointerTo(t).MethodByName(name); ok && m.Type.NumOut() > 0 {
			return m.Type.Out(0)
		}
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		if f, ok := t.FieldByName(name); ok && f.IsExported() {
			return f.Type
		}
	case reflect.Map:
		if t.Key().Kind() == reflect.String {
			return t.Elem()
		}
	case reflect.Interface:
		return t // data: whatever it holds is front matter
	}
	return nil
}

// staticType is the type an access path from a page leads to, nil when
// it cannot be told.
func staticType(steps []string) reflect.Type {
	t := pageType
	for _, s := range steps {
		t = memberType(t, stepName(s))
		if t == nil {
			return nil
		}
	}
	return t
}
