package site

import (
	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/markdown"
)

// Converted is what converting one version of a page's file yielded, less the
// HTML: the summary, outline, word count and links that lists and other
// pages read, the problems found, and every link target the body resolved
// against the site. A FactCache keeps them so that a rebuild of the model
// (the dev server's) need not convert unchanged pages again.
type Converted struct {
	// Result is the conversion without its HTML; nil when it failed.
	Result *markdown.Result
	// Problems are the conversion's problems, at file lines.
	Problems diag.List
	// Resolved lists the relative link targets the body asked the site to
	// resolve, in order, with their answers. The facts hold for another
	// build of the site only if every one resolves the same there.
	Resolved []Resolved
}

// Resolved is one relative link target and what the site made of it.
type Resolved struct {
	Dest string // as written
	URL  string // the URL it resolved to, or ""
	Err  string // why it did not resolve, or ""
}

// FactCache keeps the Converted facts of page files across builds. It is called from
// several goroutines at once. The key is the loaded file: a new version of
// a file is a new *content.Page.
type FactCache interface {
	Facts(src *content.Page) *Converted
	SetFacts(src *content.Page, f *Converted)
}

// firstConvert converts the page for the first time, or takes its facts
// from the cache when they still hold. It reports whether the result is
// released: facts without HTML, which convert makes again when asked.
// The caller holds p.mu.
func (p *Page) firstConvert() (*markdown.Result, diag.List, bool) {
	cache := p.site.cfg.Cache
	if cache == nil || p.Source == nil {
		res, problems := p.doConvert()
		return res, problems, false
	}
	if f := cache.Facts(p.Source); f != nil && p.stillResolves(f.Resolved) {
		if f.Result == nil {
			return nil, f.Problems, false
		}
		kept := *f.Result
		return &kept, f.Problems, true
	}
	var rec []Resolved
	p.record = &rec
	res, problems := p.doConvert()
	p.record = nil
	f := &Converted{Problems: problems, Resolved: rec}
	if res != nil {
		kept := *res
		kept.HTML = ""
		f.Result = &kept
	}
	cache.SetFacts(p.Source, f)
	return res, problems, false
}

// resolver returns the link resolver for a conversion: p.resolve, recording
// its answers while firstConvert fills the cache.
func (p *Page) resolver() func(string) (string, error) {
	rec := p.record
	if rec == nil {
		return p.resolve
	}
	return func(dest string) (string, error) {
		u, err := p.resolve(dest)
		r := Resolved{Dest: dest, URL: u}
		if err != nil {
			r.Err = err.Error()
		}
		*rec = append(*rec, r)
		return u, err
	}
}

// stillResolves reports whether every recorded link target resolves the
// same way in this build of the site.
func (p *Page) stillResolves(recorded []Resolved) bool {
	for _, r := range recorded {
		u, err := p.resolve(r.Dest)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if u != r.URL || msg != r.Err {
			return false
		}
	}
	return true
}

// SetSource gives the page a new version of its file and forgets what was
// converted from the old one. It is for the dev server, which calls it only
// when the front matter is unchanged (so nothing else in the model
// changes) and while nothing renders the site.
func (p *Page) SetSource(src *content.Page) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.Source = src
	p.rendered, p.problems = nil, nil
	p.done, p.released = false, false
}
