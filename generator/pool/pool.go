// Package pool runs independent jobs on a bounded number of goroutines.
//
// It is the generator's one place of concurrency: stages hand it n jobs and
// store each job's result at the job's index, so output, logs and error
// lists come out in the same order on every run whatever the scheduling.
package pool

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Workers is the default number of goroutines: one per usable core.
func Workers() int { return runtime.GOMAXPROCS(0) }

// Run calls job(i) for every i in [0, n) on at most workers goroutines
// (Workers() when workers <= 0) and returns when all calls have returned.
// Jobs still waiting when ctx is cancelled are not started. A panic in a job
// is re-raised in the caller's goroutine after the others finish.
func Run(ctx context.Context, n, workers int, job func(i int)) {
	if workers <= 0 {
		workers = Workers()
	}
	if workers > n {
		workers = n
	}
	if workers <= 1 {
		for i := 0; i < n && ctx.Err() == nil; i++ {
			job(i)
		}
		return
	}
	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		mu       sync.Mutex
		panicked any
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					mu.Lock()
					if panicked == nil {
						panicked = r
					}
					mu.Unlock()
				}
			}()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				job(i)
			}
		}()
	}
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
}
