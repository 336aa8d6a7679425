package cards

import "testing"

// BenchmarkMake draws and encodes one card, without the cache.
func BenchmarkMake(b *testing.B) {
	m := themeMaker(b, "")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.Make(longCard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDraw draws one card, without encoding it.
func BenchmarkDraw(b *testing.B) {
	m := themeMaker(b, "")
	b.ReportAllocs()
	for b.Loop() {
		m.Draw(longCard)
	}
}
