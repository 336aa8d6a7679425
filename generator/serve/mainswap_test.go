package serve

import (
	"encoding/json"
	"testing"
)

// A browser is sent the changed <main> only when nothing outside it
// changed and the new one holds no script; everything else reloads.
func TestMainSwap(t *testing.T) {
	const head = `<!doctype html><html lang=nl><head><title>De haven</title></head><body><header>Kop</header>`
	const foot = `<footer>Voet</footer><script src=/__ezine/reload.js defer></script></body></html>`
	page := func(main string) []byte { return []byte(head + main + foot) }
	tests := []struct {
		name          string
		before, after []byte
		swap          bool
	}{
		{"a sentence in the body", page(`<main id=inhoud><p>Een.</main>`), page(`<main id=inhoud><p>Een. Twee.</main>`), true},
		{"main's own attributes", page(`<main id=inhoud><p>Een.</main>`), page(`<main id=anders><p>Een.</main>`), true},
		{"the title in the head", page(`<main><p>Een.</main>`), []byte(`<!doctype html><html lang=nl><head><title>De Haven</title></head><body><header>Kop</header><main><p>Een.</main>` + foot), false},
		{"the footer", page(`<main><p>Een.</main>`), []byte(head + `<main><p>Een.</main><footer>Anders</footer>`), false},
		{"a script in the new main", page(`<main><p>Een.</main>`), page(`<main><p>Een.<script>x()</script></main>`), false},
		{"no main before", []byte(head + `<div>Een.</div>` + foot), page(`<main>Een.</main>`), false},
		{"two mains", page(`<main>a</main><main>b</main>`), page(`<main>a</main><main>c</main>`), false},
		{"a mainframe is not a main", page(`<mainframe>a</mainframe>`), page(`<mainframe>b</mainframe>`), false},
		{"a page that ends in <main", []byte(`<p>x</main><main`), []byte(`<p>y</main><main`), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, ok := mainSwap(tt.before, tt.after)
			if ok != tt.swap {
				t.Fatalf("swap = %v, want %v (data %q)", ok, tt.swap, data)
			}
			if !ok {
				return
			}
			var got struct{ Old, New string }
			if err := json.Unmarshal([]byte(data), &got); err != nil {
				t.Fatal(err)
			}
			ob, oe, _ := mainElement(tt.before)
			nb, ne, _ := mainElement(tt.after)
			if got.Old != string(tt.before[ob:oe]) || got.New != string(tt.after[nb:ne]) {
				t.Errorf("data = %+v, want the two <main> elements", got)
			}
		})
	}
}
