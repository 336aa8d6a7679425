package devsite

import (
	"bytes"
	"cmp"
	"context"
	"io"
	"slices"
	"sync"

	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/output"
	"github.com/lwa-rotterdam/ezine/generator/pool"
	"github.com/lwa-rotterdam/ezine/generator/render"
)

// store is the output.Target that every render writes into: the files of
// the site in memory. A file whose bytes did not change keeps its Gen.
type store struct {
	d *Site
}

func (st store) Create(name string) (io.WriteCloser, error) {
	if err := output.CheckName(name); err != nil {
		return nil, err
	}
	return &storeFile{d: st.d, name: name}, nil
}

type storeFile struct {
	d    *Site
	name string
	buf  bytes.Buffer
}

func (f *storeFile) Write(p []byte) (int, error) { return f.buf.Write(p) }

func (f *storeFile) Close() error {
	d := f.d
	d.outMu.Lock()
	defer d.outMu.Unlock()
	data := bytes.Clone(f.buf.Bytes())
	if old := d.fileLocked(f.name); old != nil && old.Path == "" && bytes.Equal(old.Data, data) {
		return nil
	}
	d.setFileLocked(f.name, &File{Data: data, Gen: d.writeGen})
	return nil
}

// lazyJob is an output that changed and is rendered in the background, or
// as soon as someone asks for it.
type lazyJob struct {
	out  *render.Output
	sig  uint64
	idx  int // in the plan
	once sync.Once
}

// run renders the job once; the caller holds d.mu for reading.
func (j *lazyJob) run(d *Site) {
	j.once.Do(func() {
		problems := d.write(j.out)
		d.outMu.Lock()
		defer d.outMu.Unlock()
		delete(d.lazy, j.out.Name)
		if len(problems.Errors()) > 0 {
			d.lazyProblems[j.out.Name] = problems.Errors()
			return
		}
		d.rendered[j.out.Name] = j.sig
		delete(d.unsettled, int32(j.idx))
	})
}

// startBackground renders the outputs left over from the last rebuild on
// a pool of goroutines, until done or stopped.
func (d *Site) startBackground() {
	d.bgMu.Lock()
	defer d.bgMu.Unlock()
	jobs := d.lazyJobs()
	if len(jobs) == 0 {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	d.bgCancel, d.bgDone = cancel, done
	go func() {
		defer close(done)
		pool.Run(ctx, len(jobs), d.cfg.Workers, func(i int) {
			d.mu.RLock()
			defer d.mu.RUnlock()
			if ctx.Err() == nil {
				jobs[i].run(d)
			}
		})
		if ctx.Err() == nil && d.cfg.Notify != nil {
			d.cfg.Notify()
		}
	}()
}

// stopBackground stops background rendering and waits until it stopped.
// What is not rendered stays to be rendered on request or after the next
// rebuild.
func (d *Site) stopBackground() {
	d.bgMu.Lock()
	defer d.bgMu.Unlock()
	if d.bgCancel == nil {
		return
	}
	d.bgCancel()
	<-d.bgDone
	d.bgCancel, d.bgDone = nil, nil
}

// Settle renders everything still waiting to be rendered and returns when
// the site in memory is complete. Tests use it to compare with a full
// build.
func (d *Site) Settle() {
	d.stopBackground()
	d.mu.RLock()
	defer d.mu.RUnlock()
	jobs := d.lazyJobs()
	pool.Run(context.Background(), len(jobs), d.cfg.Workers, func(i int) { jobs[i].run(d) })
}

// lazyJobs lists the outputs waiting to be rendered, in plan order:
// regular pages, then lists, as a full render goes.
func (d *Site) lazyJobs() []*lazyJob {
	d.outMu.Lock()
	defer d.outMu.Unlock()
	jobs := make([]*lazyJob, 0, len(d.lazy))
	for _, j := range d.lazy {
		jobs = append(jobs, j)
	}
	slices.SortFunc(jobs, func(a, b *lazyJob) int { return cmp.Compare(a.idx, b.idx) })
	return jobs
}

// lazyErrors gathers the problems of outputs rendered in the background.
func (d *Site) lazyErrors() diag.List {
	d.outMu.Lock()
	defer d.outMu.Unlock()
	var out diag.List
	for _, l := range d.lazyProblems {
		out = append(out, l...)
	}
	return out
}
