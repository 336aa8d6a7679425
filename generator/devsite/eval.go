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
	for _, k := range ks.data {
		r, ok := e.member(v, k)
		if !ok {
			a.add(e.everything())
			return
		}
		e.whole(h, r)
	}
	for _, k := range ks.nav {
		if k.name == "*" {
			switch v.Kind() {
			case reflect.Slice, reflect.Array:
				writeU64(h, uint64(v.Len()))
				for i := range v.Len() {
					e.into(a, v.Index(i), k)
				}
				continue
			case reflect.Map:
				keys := v.MapKeys()
				slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(fmt.Sprint(a.Interface()), fmt.Sprint(b.Interface())) })
				for _, key := range keys {
					e.into(a, v.MapIndex(key), k)
				}
				continue
			}
			a.add(e.everything())
			return
		}
		r, ok := e.member(v, k)
		if !ok {
			a.add(e.everything())
			return
		}
		e.into(a, r, k)
	}
}

// kidKinds splits the kids of a trie node for values of one type: members
// to follow, and leaf members whose data is hashed (none for pages and the
// site, whose data is in their facts).
type kidKinds struct {
	nav, data []*trie
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
			}
		default:
			ks.nav = append(ks.nav, k)
		}
	}
	e.kinds[kindKey{t, typ}] = ks
	return ks
}

// member returns the member of v that trie node k steps to, as a template
// would: a method called with the step's constant arguments, a field, or a
// map entry. ok is false when it cannot be had (arguments that are not
// constants, no such member).
func (e *evaluator) member(v reflect.Value, k *trie) (reflect.Value, bool) {
	name, args := k.name, k.args
	if !k.known {
		return reflect.Value{}, false
	}
	if p, ok := v.Interface().(*site.Page); ok && p != nil {
		// The common navigation without reflection's method lookup.
		switch {
		case name == "Parent" && len(args) == 0:
			return reflect.ValueOf(p.Parent), true
		case name == "Prev" && len(args) == 0:
			return reflect.ValueOf(p.Prev), true
		case name == "Next" && len(args) == 0:
			return reflect.ValueOf(p.Next), true
		case name == "PrevInSection" && len(args) == 0:
			return reflect.ValueOf(p.PrevInSection), true
		case name == "NextInSection" && len(args) == 0:
			return reflect.ValueOf(p.NextInSection), true
		case name == "Pages" && len(args) == 0:
			return reflect.ValueOf(p.Pages), true
		case name == "Sections" && len(args) == 0:
			return reflect.ValueOf(p.Sections), true
		case name == "Site" && len(args) == 0:
			return reflect.ValueOf(p.Site()), true
		case name == "Ancestors" && len(args) == 0:
			return reflect.ValueOf(p.Ancestors()), true
		case name == "Taxonomy" && len(args) == 0:
			return reflect.ValueOf(p.Taxonomy), true
		case name == "Terms" && len(args) == 1:
			if s, ok := args[0].(string); ok {
				return reflect.ValueOf(p.Terms(s)), true
			}
		case name == "Related" && len(args) == 1:
			if n, ok := args[0].(int); ok {
				return reflect.ValueOf(p.Related(n)), true
			}
		}
	}
	if s, ok := v.Interface().(*site.Site); ok && s != nil {
		switch {
		case name == "Home" && len(args) == 0:
			return reflect.ValueOf(s.Home), true
		case name == "Sections" && len(args) == 0:
			return reflect.ValueOf(s.Sections), true
		case name == "Pages" && len(args) == 0:
			return reflect.ValueOf(s.Pages), true
		case name == "GetPage" && len(args) == 1:
			if ref, ok := args[0].(string); ok {
				return reflect.ValueOf(s.GetPage(ref)), true
			}
		}
	}
	if m := v.MethodByName(name); m.IsValid() {
		mt := m.Type()
		if mt.NumIn() != len(args) || mt.IsVariadic() || mt.NumOut() == 0 {
			return reflect.Value{}, false
		}
		in := make([]reflect.Value, len(args))
		for i, a := range args {
			av := reflect.ValueOf(a)
			if !av.Type().ConvertibleTo(mt.In(i)) {
				return reflect.Value{}, false
			}
			in[i] = av.Convert(mt.In(i))
		}
		return m.Call(in)[0], true
	}
	if len(args) > 0 {
		return reflect.Value{}, false
	}
	s := v
	for s.Kind() == reflect.Pointer {
		if s.IsNil() {
			return reflect.Value{}, true
		}
		s = s.Elem()
	}
	switch s.Kind() {
	case reflect.Struct:
		if f, ok := s.Type().FieldByName(name); ok && f.IsExported() {
			return s.FieldByIndex(f.Index), true
		}
	case reflect.Map:
		if s.Type().Key().Kind() == reflect.String {
			return s.MapIndex(reflect.ValueOf(name).Convert(s.Type().Key())), true
		}
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
