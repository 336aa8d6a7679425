package devsite

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/lwa-rotterdam/ezine/generator/site"
)

type testNode struct {
	Name string
	Kids []*testNode
}

func (n *testNode) Kid(i int) *testNode { return n.Kids[i] }

func (n *testNode) Greet(a, b string) string { return a + b + n.Name }

// TestGetter: a member is reached as a template reaches it, and one that
// cannot be had says so.
func TestGetter(t *testing.T) {
	root := &testNode{Name: "r", Kids: []*testNode{{Name: "k"}}}
	tests := []struct {
		value any
		step  string
		want  string // fmt of the member, or "none"
	}{
		{root, "Name", "r"},
		{*root, "Name", "r"},
		{root, "Kid(0)", "&{k []}"},
		{root, `Greet("a","b")`, "abr"},
		{map[string]any{"x": 1}, "x", "1"},
		{map[string]any{"x": 1}, "y", "<invalid reflect.Value>"},
		{(*testNode)(nil), "Name", "<invalid reflect.Value>"},
		{root, "Kid(?)", "none"},
		{root, `Kid("a")`, "none"},
		{root, "Kid", "none"},
		{root, "Missing", "none"},
		{root, "Name(1)", "none"},
		{&site.Page{}, "Site", "<nil>"},
		{&site.Page{}, `Terms("x")`, "[]"},
		{&site.Page{}, "Terms", "none"},
	}
	for _, tt := range tests {
		v := reflect.ValueOf(tt.value)
		k := buildTrie([][]string{{tt.step}}).kids[0]
		g := resolve(v.Type(), k)
		got := "none"
		if r, ok := g.get(v); ok {
			got = fmt.Sprint(r)
		}
		if got != tt.want {
			t.Errorf("%T %s: got %s, want %s", tt.value, tt.step, got, tt.want)
		}
	}
}
