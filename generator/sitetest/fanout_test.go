package sitetest

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"
	"time"
)

// onTabs checks n jobs on browserWorkers tabs of browser, each open at
// origin, and returns each job's problems at its index, so that the
// subtests report in job order however the tabs share the work.
func onTabs(browser context.Context, origin string, n int, check func(tb *tab, i int) []string) [][]string {
	return fanOut(n, browserWorkers, func() (*tab, func(), error) {
		tb, err := newTab(browser, origin)
		if err != nil {
			return nil, nil, err
		}
		return tb, tb.cancel, nil
	}, check)
}

// fanOut runs check for every job 0..n-1 on workers workers, each with a
// worker of its own from open (closed when it is done), and returns the
// results by job. When open fails, the jobs that worker takes get its
// error as their one problem.
func fanOut[W any](n, workers int, open func() (W, func(), error), check func(w W, i int) []string) [][]string {
	results := make([][]string, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			w, closeW, err := open()
			if err != nil {
				for i := range next {
					results[i] = []string{err.Error()}
				}
				return
			}
			defer closeW()
			for i := range next {
				results[i] = check(w, i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return results
}

// TestFanOut: every job runs once, on one of at most workers workers,
// and its result is at its index; workers that cannot open give their
// jobs the error, and every opened worker is closed.
func TestFanOut(t *testing.T) {
	var mu sync.Mutex
	opened, closed, running, most := 0, 0, 0, 0
	open := func(fail bool) func() (int, func(), error) {
		return func() (int, func(), error) {
			mu.Lock()
			defer mu.Unlock()
			if fail && opened%2 == 1 {
				opened++
				return 0, nil, errors.New("no tab")
			}
			opened++
			return opened, func() { mu.Lock(); closed++; mu.Unlock() }, nil
		}
	}
	check := func(w, i int) []string {
		mu.Lock()
		running++
		most = max(most, running)
		mu.Unlock()
		time.Sleep(time.Millisecond)
		mu.Lock()
		running--
		mu.Unlock()
		return []string{strconv.Itoa(i)}
	}
	got := fanOut(50, 4, open(false), check)
	for i, r := range got {
		if len(r) != 1 || r[0] != strconv.Itoa(i) {
			t.Fatalf("job %d: %v", i, r)
		}
	}
	if opened != 4 || closed != 4 || most > 4 {
		t.Errorf("opened %d, closed %d, %d at once; want 4, 4, at most 4", opened, closed, most)
	}
	opened, closed = 0, 0
	got = fanOut(50, 4, open(true), check)
	for i, r := range got {
		if len(r) != 1 || r[0] != "no tab" && r[0] != strconv.Itoa(i) {
			t.Fatalf("job %d: %v", i, r)
		}
	}
	if opened != 4 || closed != 2 {
		t.Errorf("opened %d, closed %d workers; want 4 and the 2 that opened", opened, closed)
	}
}
