package pool

import (
	"context"
	"sync/atomic"
	"testing"
)

func TestRunCallsEveryJobOnce(t *testing.T) {
	for _, workers := range []int{0, 1, 3, 100} {
		seen := make([]atomic.Int32, 1000)
		Run(context.Background(), len(seen), workers, func(i int) { seen[i].Add(1) })
		for i := range seen {
			if seen[i].Load() != 1 {
				t.Fatalf("workers %d: job %d ran %d times", workers, i, seen[i].Load())
			}
		}
	}
}

func TestRunStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var ran atomic.Int32
	Run(ctx, 1000, 2, func(i int) {
		if ran.Add(1) == 10 {
			cancel()
		}
	})
	if n := ran.Load(); n >= 1000 {
		t.Errorf("all %d jobs ran after cancel", n)
	}
}

func TestRunRepanics(t *testing.T) {
	defer func() {
		if r := recover(); r != "boom" {
			t.Errorf("recovered %v", r)
		}
	}()
	Run(context.Background(), 10, 2, func(i int) {
		if i == 5 {
			panic("boom")
		}
	})
	t.Error("no panic")
}
