package devsite

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/site"
)

// This file follows a layout's access paths on one build of the site model
// and reports what an output shows: the pages whose facts it may print
// (their titles, summaries, bodies: see facts) and its shape, a hash of
// which pages its paths reached and of the data met on the way that is not
// any page's facts. An output whose shape and pages' facts are unchanged
// renders to the same bytes.

// part is what following one access path from one node shows.
type part struct {
	shape uint64
	pages []*site.Page // pages whose facts count, in order
}

type memoKey struct {
	node any
	t    *trie
}

type typeStep struct {
	t    reflect.Type
	name string
}

// evaluator follows access paths on one site model. It is used by one
// goroutine and lives for one rebuild.
type evaluator struct {
	s     *site.Site
	seed  maphash.Seed
	ident func(*site.Page) uint64
	memo  map[memoKey]*part
	leafs map[typeStep]bool
	kinds map[kindKey]*kidKinds
	all   *part // everything: what a wide layout shows
}

type kindKey struct {
	t   *trie
	typ reflect.Type
}

func newEvaluator(s *site.Site, seed maphash.Seed, ident func(*site.Page) uint64) *evaluator {
	return &evaluator{s: s, seed: seed, ident: ident, memo: map[memoKey]*part{}, leafs: map[typeStep]bool{}, kinds: map[kindKey]*kidKinds{}}
}

func (e *evaluator) hasher() *maphash.Hash { return newHash(e.seed) }

func newHash(seed maphash.Seed) *maphash.Hash {
	h := &maphash.Hash{}
	h.SetSeed(seed)
	return h
}

func writeU64(h *maphash.Hash, v uint64) {
	var b [8]byte
	for i := range b {
		b[i] = byte(v >> (8 * i))
	}
	h.Write(b[:])
}

func writeStr(h *maphash.Hash, s string) {
	writeU64(h, uint64(len(s)))
	h.WriteString(s)
}

// isLeaf reports whether member name of a value of type t holds no page.
func (e *evaluator) isLeaf(t reflect.Type, name string) bool {
	k := typeStep{t, name}
	v, ok := e.leafs[k]
	if !ok {
		v = isLeafType(memberType(t, name))
		e.leafs[k] = v
	}
	return v
}

// everything is what a layout the analysis gave up on may show: every
// page, resource and alias of the site.
func (e *evaluator) everything() *part {
	if e.all != nil {
		return e.all
	}
	h := e.hasher()
	var pages []*site.Page
	pages = append(pages, e.s.All()...)
	pages = append(pages, e.s.Unpublished...)
	for _, p := range pages {
		writeU64(h, e.ident(p))
	}
	for _, r := range e.s.Resources {
		writeStr(h, r.Source.Path)
		writeStr(h, r.Output)
		writeU64(h, uint64(r.Source.Size))
	}
	for _, a := range e.s.Aliases {
		writeStr(h, a.Output)
		writeU64(h, e.ident(a.Target))
	}
	e.all = &part{shape: h.Sum64(), pages: pages}
	return e.all
}

// acc collects what following access paths shows.
type acc struct {
	h     *maphash.Hash
	pages []*site.Page
}

func (a *acc) add(pt *part) {
	writeU64(a.h, pt.shape)
	a.pages = append(a.pages, pt.pages...)
}

// paths follows every path of t from page p.
func (e *evaluator) paths(p *site.Page, t *trie) *part {
	a := &acc{h: e.hasher()}
	e.into(a, reflect.ValueOf(p), t)
	return &part{shape: a.h.Sum64(), pages: a.pages}
}

// into follows the kids of t from v, the value t's step reached, and adds
// what they show to a. What a page or the site node shows past its own
// facts is worked out once per rebuild.
func (e *evaluator) into(a *acc, v reflect.Value, t *trie) {
	for v.IsValid() && v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	if !v.IsValid() || (v.Kind() == reflect.Pointer || v.Kind() == reflect.Slice || v.Kind() == reflect.Map) && v.IsNil() {
		writeStr(a.h, "nil")
		return
	}
	if p, ok := v.Interface().(*site.Page); ok {
		if ks := e.kindsOf(t, pageType); len(ks.nav) == 0 {
			// Only the page's own data: its facts.
			writeU64(a.h, e.ident(p))
			a.pages = append(a.pages, p)
			return
		}
	}
	if v.Kind() != reflect.Pointer {
		e.follow(a, v, t)
		return
	}
	key := memoKey{node: v.Interface(), t: t}
	if pt, ok := e.memo[key]; ok {
		a.add(pt)
		return
	}
	sub := &acc{h: e.hasher()}
	e.follow(sub, v, t)
	pt := &part{shape: sub.h.Sum64(), pages: sub.pages}
	e.memo[key] = pt
	a.add(pt)
}

func (e *evaluator) follow(a *acc, v reflect.Value, t *trie) {
	h := a.h
	switch x := v.Interface().(type) {
	case *site.Page:
		writeU64(h, e.ident(x))
		a.pages = append(a.pages, x)
	case *site.Site:
		// Its title, description and params are the home page's.
		writeStr(h, x.BaseURL)
		a.pages = append(a.pages, x.Home)
	case *site.Taxonomy:
		writeStr(h, x.Name)
	}
	if len(t.kids) == 0 {
		e.whole(h, v)
		return
	}
	// Kids are visited in the trie's fixed order, so what each yields is
	// hashed by its position.
	ks := e.kindsOf(t, v.Type())
	for i := range ks.data {
		r, ok := ks.dataGet[i].get(v)
		if !ok {
			a.add(e.everything())
			return
		}
		e.whole(h, r)
	}
	for i, k := range ks.nav {
		if !e.kid(a, v, k, &ks.navGet[i]) {
			a.add(e.everything())
			return
		}
	}
}

// kid follows trie node k, a kid of v's node that g reaches; false when
// its member cannot be had.
func (e *evaluator) kid(a *acc, v reflect.Value, k *trie, g *getter) bool {
	if k.name == "*" {
		return e.elements(a, v, k)
	}
	r, ok := g.get(v)
	if ok {
		e.into(a, r, k)
	}
	return ok
}

// elements follows k from every element of v, a list or a map (in the
// order of its keys); ok is false when v is neither.
func (e *evaluator) elements(a *acc, v reflect.Value, k *trie) (ok bool) {
	switch v.Kind() {
	case reflect.Slice, reflect.Array:
		writeU64(a.h, uint64(v.Len()))
		for i := range v.Len() {
			e.into(a, v.Index(i), k)
		}
		return true
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(fmt.Sprint(a.Interface()), fmt.Sprint(b.Interface())) })
		for _, key := range keys {
			e.into(a, v.MapIndex(key), k)
		}
		return true
	}
	return false
}

// kidKinds splits the kids of a trie node for values of one type: members
// to follow, and leaf members whose data is hashed (none for pages and the
// site, whose data is in their facts).
type kidKinds struct {
	nav, data       []*trie
	navGet, dataGet []getter // how to reach each member of nav and data
}

func (e *evaluator) kindsOf(t *trie, typ reflect.Type) *kidKinds {
	if ks, ok := e.kinds[kindKey{t, typ}]; ok {
		return ks
	}
	ks := &kidKinds{}
	own := typ == pageType || typ == reflect.TypeFor[*site.Site]()
	for _, k := range t.kids {
		switch {
		case k.name != "*" && e.isLeaf(typ, k.name):
			if !own {
				ks.data = append(ks.data, k)
				ks.dataGet = append(ks.dataGet, resolve(typ, k))
			}
		default:
			ks.nav = append(ks.nav, k)
			ks.navGet = append(ks.navGet, resolve(typ, k))
		}
	}
	e.kinds[kindKey{t, typ}] = ks
	return ks
}

// getter reaches one member of the values of one type, as a template
// would: a method called with the step's constant arguments, a field
// (through pointers), or a map entry. It is resolved by name once per trie
// node and type (kindsOf), so that following a path looks up no name.
type getter struct {
	kind  getterKind
	call  func(recv reflect.Value) reflect.Value // the method, with its arguments
	field []int                                  // field index
	key   reflect.Value                          // map key
}

type getterKind int

const (
	noMember getterKind = iota // none, or arguments that are not constants
	method
	field
	mapEntry
)

// resolve finds the member of values of type t that trie node k steps to.
func resolve(t reflect.Type, k *trie) getter {
	if !k.known || k.name == "*" {
		return getter{}
	}
	if m, ok := t.MethodByName(k.name); ok {
		return methodGetter(t, m, k.args)
	}
	if len(k.args) > 0 {
		return getter{}
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		if f, ok := t.FieldByName(k.name); ok && f.IsExported() {
			return getter{kind: field, field: f.Index}
		}
	case reflect.Map:
		if t.Key().Kind() == reflect.String {
			return getter{kind: mapEntry, key: reflect.ValueOf(k.name).Convert(t.Key())}
		}
	}
	return getter{}
}

// methodGetter calls method m of values of type t with args, converted to
// its parameters' types once.
func methodGetter(t reflect.Type, m reflect.Method, args []any) getter {
	mt, recv := m.Type, 1
	if t.Kind() == reflect.Interface {
		recv = 0 // an interface's methods have no receiver parameter
	}
	if mt.NumIn()-recv != len(args) || mt.IsVariadic() || mt.NumOut() == 0 {
		return getter{}
	}
	in := make([]reflect.Value, len(args))
	for i, a := range args {
		av, pt := reflect.ValueOf(a), mt.In(i+recv)
		if !av.Type().ConvertibleTo(pt) {
			return getter{}
		}
		in[i] = av.Convert(pt)
	}
	if recv == 1 {
		if call := directCall(m.Func.Interface(), in); call != nil {
			return getter{kind: method, call: call}
		}
	}
	index := m.Index
	return getter{kind: method, call: func(v reflect.Value) reflect.Value { return v.Method(index).Call(in)[0] }}
}

// directCall calls fn, a method with its receiver first, without reflect's
// Call when its type is one of the page's common shapes of navigation:
// following a path from a page costs less than one such Call otherwise.
// Nil for other types.
func directCall(fn any, in []reflect.Value) func(reflect.Value) reflect.Value {
	switch fn := fn.(type) {
	case func(*site.Page) *site.Site:
		return direct(fn)
	case func(*site.Page) *site.Page:
		return direct(fn)
	case func(*site.Page) []*site.Page:
		return direct(fn)
	case func(*site.Page, string) []*site.Page:
		return directWith(fn, in[0].Interface().(string))
	case func(*site.Page, int) []*site.Page:
		return directWith(fn, in[0].Interface().(int))
	}
	return nil
}

func direct[T, R any](fn func(T) R) func(reflect.Value) reflect.Value {
	return func(v reflect.Value) reflect.Value { return reflect.ValueOf(fn(v.Interface().(T))) }
}

func directWith[T, A, R any](fn func(T, A) R, arg A) func(reflect.Value) reflect.Value {
	return func(v reflect.Value) reflect.Value { return reflect.ValueOf(fn(v.Interface().(T), arg)) }
}

// get returns the member of v; ok is false when there is none.
func (g *getter) get(v reflect.Value) (r reflect.Value, ok bool) {
	switch g.kind {
	case method:
		return g.call(v), true
	case field, mapEntry:
		for v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}, true
			}
			v = v.Elem()
		}
		if g.kind == field {
			return v.FieldByIndex(g.field), true
		}
		return v.MapIndex(g.key), true
	}
	return reflect.Value{}, false
}

// stepArgs decodes the constant arguments of an encoded step; known is
// false for Name(?).
func stepArgs(step string) (args []any, known bool) {
	i := strings.IndexByte(step, '(')
	if i < 0 {
		return nil, true
	}
	s := step[i+1 : len(step)-1]
	if s == "?" {
		return nil, false
	}
	for s != "" {
		var tok string
		if s[0] == '"' {
			q, err := strconv.QuotedPrefix(s)
			if err != nil {
				return nil, false
			}
			u, _ := strconv.Unquote(q)
			args = append(args, u)
			tok = q
		} else {
			tok, _, _ = strings.Cut(s, ",")
			switch {
			case tok == "true" || tok == "false":
				args = append(args, tok == "true")
			default:
				if n, err := strconv.ParseInt(tok, 10, 64); err == nil {
					args = append(args, int(n))
				} else if f, err := strconv.ParseFloat(tok, 64); err == nil {
					args = append(args, f)
				} else {
					return nil, false
				}
			}
		}
		s = strings.TrimPrefix(s[len(tok):], ",")
	}
	return args, true
}

// whole hashes a value read as a whole at the end of a path: pages and
// lists of pages by identity (which pages; their facts are counted apart),
// data by content.
func (e *evaluator) whole(h *maphash.Hash, v reflect.Value) {
	e.hashValue(h, v, 0)
}

func (e *evaluator) hashValue(h *maphash.Hash, v reflect.Value, depth int) {
	if depth > 6 {
		return
	}
	for v.IsValid() && v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	if !v.IsValid() {
		writeStr(h, "nil")
		return
	}
	switch x := v.Interface().(type) {
	case *site.Page:
		if x == nil {
			writeStr(h, "nil")
			return
		}
		writeU64(h, e.ident(x))
		return
	case *site.Site:
		writeStr(h, "site")
		return
	case *site.Taxonomy:
		if x != nil {
			writeStr(h, x.Name)
		}
		return
	case time.Time:
		writeU64(h, uint64(x.UnixNano()))
		writeStr(h, x.Location().String())
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			writeStr(h, "nil")
			return
		}
		e.hashValue(h, v.Elem(), depth+1)
	case reflect.Slice, reflect.Array:
		writeU64(h, uint64(v.Len()))
		for i := range v.Len() {
			e.hashValue(h, v.Index(i), depth+1)
		}
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(fmt.Sprint(a.Interface()), fmt.Sprint(b.Interface())) })
		writeU64(h, uint64(len(keys)))
		for _, k := range keys {
			writeStr(h, fmt.Sprint(k.Interface()))
			e.hashValue(h, v.MapIndex(k), depth+1)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				e.hashValue(h, v.Field(i), depth+1)
			}
		}
	default:
		writeStr(h, fmt.Sprint(v.Interface()))
	}
}
