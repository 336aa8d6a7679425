package render

import (
	"errors"
	"io/fs"
	"strings"
	"sync"

	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/facts"
	"github.com/lwa-rotterdam/ezine/generator/images"
)

// imageJob makes the published files of one image (see facts.Image): the
// original without its metadata and its resized copies, from one decode,
// on the first of its outputs that is written; the others wait for it and
// take their bytes (or its error: the image is one problem, reported by
// each output and deduplicated by Render). Each output's bytes are let go
// once taken, so a site of many photos does not hold them all. An output
// written again (the dev server does that) makes them again, from the
// file as it is then, mostly from the image cache.
type imageJob struct {
	r    *renderer
	img  *facts.Image
	proc *images.Processor

	mu    sync.Mutex
	made  bool
	files [][]byte  // 0: the original; 1...: the copies
	err   diag.List // why they could not be made
	taken []bool    // outputs that had their share of what was made
}

// file returns the bytes of file i of the image (0 the original, i the
// copy img.Variants[i-1]).
func (j *imageJob) file(i int) ([]byte, diag.List) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if !j.made || j.taken[i] {
		j.files, j.err = nil, nil
		if err := j.make(); err != nil {
			j.err = diag.List{err}
		}
		j.made, j.taken = true, make([]bool, 1+len(j.img.Variants))
	}
	j.taken[i] = true
	if j.err != nil {
		return nil, j.err
	}
	b := j.files[i]
	j.files[i] = nil
	return b, nil
}

func (j *imageJob) make() *diag.Error {
	data, err := fs.ReadFile(j.r.siteFS, j.img.Path)
	if err != nil {
		return diag.Errorf(j.img.Path, 0, "cannot read: %v", err)
	}
	out, err := j.proc.Publish(j.r.ctx, j.img.Path, data, j.img.Info)
	if err != nil {
		e := diag.Errorf(j.img.Path, 0, "%v", err)
		if ie := (*images.Error)(nil); errors.As(err, &ie) {
			e.WithHintMsg(ie.HintMsg())
		}
		return e
	}
	j.files = append([][]byte{out.Original}, out.Variants...)
	return nil
}

// write publishes file i of the image as name.
func (j *imageJob) write(name string, i int) diag.List {
	b, problems := j.file(i)
	if problems != nil {
		return problems
	}
	if err := j.r.w.Write(name, b); err != nil {
		return diag.List{diag.Errorf(j.img.Path, 0, "%w", err)}
	}
	return nil
}

// imageJobs makes a job for every raster image of the site, by its path
// ("content/a/b.png", "static/x.jpg"). None when the site does not
// process images.
func (r *renderer) imageJobs() map[string]*imageJob {
	proc := r.opts.Images
	if proc == nil {
		return nil
	}
	jobs := map[string]*imageJob{}
	for _, img := range r.facts.Images() {
		if len(img.Variants) > 0 {
			jobs[img.Path] = &imageJob{r: r, img: img, proc: proc}
		}
	}
	return jobs
}

// imageOutputs plans the resized copies of the site's images (see
// facts.Image): one output per copy, however many pages show the image, so
// each copy is made and written once. An output's Source names the
// original, as errors do. A copy whose file another source also writes is
// an error naming both. The widest copy of every image comes first: the
// first output of an image to be written makes all its files, so workers
// then start on different images rather than wait for one.
func (r *renderer) imageOutputs(jobs map[string]*imageJob, diags *diag.List) []*Output {
	var first, rest []*Output
	for _, img := range r.facts.Images() {
		job := jobs[img.Path]
		for k, v := range img.Variants {
			if !r.claim(v.Output, img.Path) {
				diags.Add(diag.Errorf(img.Path, 0, "its copy %d pixels wide is %s, which %s also writes", v.Width, v.Output, r.claimedBy(v.Output)).
					WithHint("rename one of them: names ending in -<width>w are the resized copies of images"))
				continue
			}
			var file string
			if strings.HasPrefix(img.Path, "content/") {
				file = img.Path // published only when used, as the original is
			}
			o := &Output{Name: v.Output, Kind: KindImageCopy, Source: img.Path, content: file, write: func() diag.List { return job.write(v.Output, k+1) }}
			if k == len(img.Variants)-1 {
				first = append(first, o)
			} else {
				rest = append(rest, o)
			}
		}
	}
	return append(first, rest...)
}

// dedupe drops a problem equal to the one before it in a sorted list: the
// outputs of one image all report its failure.
func dedupe(l diag.List) diag.List {
	var out diag.List
	for _, e := range l {
		if len(out) > 0 && e.Error() == out[len(out)-1].Error() {
			continue
		}
		out = append(out, e)
	}
	return out
}
