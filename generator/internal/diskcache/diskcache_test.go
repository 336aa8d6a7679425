package diskcache

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

const header = "EZTEST1\n"

func TestRoundTrip(t *testing.T) {
	c := New(t.TempDir(), header)
	if _, ok := c.Get("ab12.bin"); ok {
		t.Fatal("hit in an empty cache")
	}
	for _, payload := range [][]byte{[]byte("some bytes"), {}, bytes.Repeat([]byte{0, 0xff}, 1<<16)} {
		if err := c.Put("ab12.bin", payload); err != nil {
			t.Fatal(err)
		}
		got, ok := c.Get("ab12.bin")
		if !ok || !bytes.Equal(got, payload) {
			t.Fatalf("got %d bytes (hit %v), want %d", len(got), ok, len(payload))
		}
	}
	if want := filepath.Join(c.dir, "ab", "ab12.bin"); c.Path("ab12.bin") != want {
		t.Errorf("path %s, want %s", c.Path("ab12.bin"), want)
	}
}

// TestDamagedEntriesMiss: an entry with another header, a wrong hash or
// cut short is a miss, never wrong bytes; a Put repairs it.
func TestDamagedEntriesMiss(t *testing.T) {
	c := New(t.TempDir(), header)
	if err := c.Put("cd34", []byte("payload")); err != nil {
		t.Fatal(err)
	}
	whole, err := os.ReadFile(c.Path("cd34"))
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{
		"other header": append([]byte("EZTEST2\n"), whole[len(header):]...),
		"wrong hash":   append(append([]byte{}, whole[:len(whole)-1]...), 'X'),
		"cut short":    whole[:len(header)+10],
		"empty":        {},
	} {
		if err := os.WriteFile(c.Path("cd34"), b, 0o644); err != nil {
			t.Fatal(err)
		}
		if got, ok := c.Get("cd34"); ok {
			t.Errorf("%s: hit %q", name, got)
		}
	}
	other := New(c.dir, "EZOTHER\n")
	if err := other.Put("cd34", []byte("payload")); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get("cd34"); ok {
		t.Error("an entry of another kind was read")
	}
	if err := c.Put("cd34", []byte("payload")); err != nil {
		t.Fatal(err)
	}
	if got, ok := c.Get("cd34"); !ok || string(got) != "payload" {
		t.Errorf("not repaired: %q %v", got, ok)
	}
}

// TestSafeToDelete: the folder removed between a Put and a Get is a miss,
// and the next Put makes it again.
func TestSafeToDelete(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	c := New(dir, header)
	if err := c.Put("ef56", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get("ef56"); ok {
		t.Fatal("hit after the folder was removed")
	}
	if err := c.Put("ef56", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if got, ok := c.Get("ef56"); !ok || string(got) != "x" {
		t.Errorf("got %q %v", got, ok)
	}
}

// TestConcurrentPuts: writers of one key at the same time leave one whole
// entry and no temporary file.
func TestConcurrentPuts(t *testing.T) {
	dir := t.TempDir()
	payload := bytes.Repeat([]byte("card"), 50_000)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			c := New(dir, header)
			for range 5 {
				if err := c.Put("0123abcd.png", payload); err != nil {
					t.Error(err)
				}
				if got, ok := c.Get("0123abcd.png"); ok && !bytes.Equal(got, payload) {
					t.Error("a reader saw part of an entry")
				}
			}
		})
	}
	wg.Wait()
	if got, ok := New(dir, header).Get("0123abcd.png"); !ok || !bytes.Equal(got, payload) {
		t.Error("no whole entry")
	}
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", p)
		}
		return err
	})
}

func TestKeys(t *testing.T) {
	for key, want := range map[string]bool{
		"ab":                     false,
		"abc":                    true,
		"3fa9e1.png":             true,
		"AB_c-d.e":               true,
		".hidden":                false,
		"a.b":                    false, // the folder would be "a."
		"../etc":                 false,
		"ab/cd":                  false,
		"ab\\cd":                 false,
		"ab cd":                  false,
		"zorg.jpg":               true,
		"café":                   false,
		strings.Repeat("a", 201): false,
	} {
		if got := ValidKey(key); got != want {
			t.Errorf("ValidKey(%q) = %v, want %v", key, got, want)
		}
	}
	c := New(t.TempDir(), header)
	if err := c.Put("../../escape", []byte("x")); !errors.Is(err, ErrKey) {
		t.Errorf("Put of a bad key: %v", err)
	}
	if _, ok := c.Get("../../escape"); ok {
		t.Error("Get of a bad key hit")
	}
}

// TestNoCache: New("") is a cache that keeps nothing and never fails.
func TestNoCache(t *testing.T) {
	c := New("", header)
	if c != nil {
		t.Fatal("New(\"\") is not nil")
	}
	if err := c.Put("abc", []byte("x")); err != nil {
		t.Error(err)
	}
	if _, ok := c.Get("abc"); ok {
		t.Error("hit in no cache")
	}
}
