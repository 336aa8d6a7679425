package facts

import (
	"github.com/lwa-rotterdam/ezine/generator/content"
	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/markdown"
	"github.com/lwa-rotterdam/ezine/generator/site"
)

// converted returns what converting page p yielded, converting it the
// first time. After Release only the HTML is gone: asking for it (html
// true) converts the body again without keeping the HTML, and the other
// facts are served from what was kept.
func (st *Store) converted(p *site.Page, html bool) (*markdown.Result, diag.List) {
	e := st.entry(p)
	if e == nil {
		return &markdown.Result{}, nil
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.done {
		e.done = true
		e.res, e.problems, e.released = st.first(p, e.src)
		if !html || !e.released {
			return e.res, e.problems
		}
	}
	if html && e.released && e.res != nil {
		if res, _ := st.convert(p, e.src, st.resolver(p), markdown.Embed{}); res != nil {
			out := *e.res
			out.HTML = res.HTML
			return &out, e.problems
		}
	}
	return e.res, e.problems
}

// first converts page p for the first time, or takes its facts from a
// cache when they still hold: the in-memory Cache (facts without HTML),
// then the Disk (with HTML). It reports whether the result is released:
// facts without HTML, which converted makes again when asked. The caller
// holds the page's entry.
func (st *Store) first(p *site.Page, src *content.Page) (*markdown.Result, diag.List, bool) {
	cache := st.cfg.Cache
	if cache != nil {
		if c := cache.lookup(src, func(r []Resolved) bool { return st.stillResolves(p, r) }); c != nil {
			if c.result == nil {
				return nil, c.problems, false
			}
			kept := *c.result
			return &kept, c.problems, true
		}
	}
	if cache == nil && st.cfg.Disk == nil {
		res, problems := st.convert(p, src, st.resolver(p), markdown.Embed{})
		return res, problems, false
	}
	res, problems, rec := st.convertRecorded(p, src)
	if cache != nil {
		cache.store(src, res, problems, rec)
	}
	return res, problems, false
}

// convertRecorded converts page p's body, recording the answers of the
// model (link targets) for the Cache and of the store (images) for the
// Disk, whose entry it takes instead when one holds, and stores otherwise.
func (st *Store) convertRecorded(p *site.Page, src *content.Page) (*markdown.Result, diag.List, []Resolved) {
	body, err := st.body(src)
	if err != nil {
		return nil, diag.List{diag.Errorf(src.Path, 0, "read body: %v", err)}, nil
	}
	disk := st.cfg.Disk
	if st.cfg.Markdown == nil || st.cfg.FS == nil {
		disk = nil // nothing is converted
	}
	var key string
	if disk != nil {
		key = disk.key(body, src.BodyLine, st.keepText)
		if e := disk.get(key); e != nil && st.holds(p, e) {
			disk.hits.Add(1)
			res := e.Result
			return &res, nil, e.Resolved
		}
	}
	var rec []Resolved
	var imgs []imageAnswer
	image := st.image(p)
	if disk != nil {
		image = recordImages(image, &imgs)
	}
	res, problems := st.convertBody(p, src, body, st.recorder(p, &rec), image, markdown.Embed{})
	// Only a conversion without problems goes to disk: problems are
	// messages of the catalogue, made again rather than stored.
	if disk != nil && res != nil && len(problems) == 0 {
		disk.put(key, &diskEntry{Result: *res, Resolved: rec, Images: imgs})
	}
	return res, problems, rec
}

// body reads version src of a file's body, or nothing when the store has
// no files or converter.
func (st *Store) body(src *content.Page) ([]byte, error) {
	if st.cfg.Markdown == nil || st.cfg.FS == nil {
		return nil, nil
	}
	return src.Body(st.cfg.FS)
}

// convert reads version src of page p's file and converts its body with a
// link resolver, for the page itself or for a page that embeds it.
// Problems, links and headings come at file lines.
func (st *Store) convert(p *site.Page, src *content.Page, resolve func(string) (string, error), embed markdown.Embed) (*markdown.Result, diag.List) {
	body, err := st.body(src)
	if err != nil {
		return nil, diag.List{diag.Errorf(src.Path, 0, "read body: %v", err)}
	}
	return st.convertBody(p, src, body, resolve, st.image(p), embed)
}

// convertBody converts body, the body of version src of page p's file.
func (st *Store) convertBody(p *site.Page, src *content.Page, body []byte, resolve func(string) (string, error), image func(string) (*markdown.ImageSet, error), embed markdown.Embed) (*markdown.Result, diag.List) {
	if st.cfg.Markdown == nil || st.cfg.FS == nil {
		return &markdown.Result{}, nil
	}
	res, problems := st.cfg.Markdown.Convert(markdown.Input{Source: body, Resolve: resolve, Image: image, Embed: embed, Text: st.keepText})
	shift := src.BodyLine - 1
	for _, e := range problems {
		e.Path = src.Path
		if e.Line > 0 {
			e.Line += shift
		}
	}
	if res != nil {
		for i := range res.Links {
			res.Links[i].Line += shift
		}
		for i := range res.Headings {
			res.Headings[i].Line += shift
		}
	}
	return res, problems
}

// image answers the image targets of page p's body: the store's image
// sets. It never fails.
func (st *Store) image(p *site.Page) func(string) (*markdown.ImageSet, error) {
	return func(dest string) (*markdown.ImageSet, error) { return st.ImageSet(p, dest), nil }
}

// resolver resolves the link targets of page p's body in the model.
func (st *Store) resolver(p *site.Page) func(string) (string, error) {
	return func(dest string) (string, error) { return st.model.Resolve(p, dest) }
}

// recorder is resolver, recording every answer in rec for the cache.
func (st *Store) recorder(p *site.Page, rec *[]Resolved) func(string) (string, error) {
	return func(dest string) (string, error) {
		u, err := st.model.Resolve(p, dest)
		*rec = append(*rec, resolved(dest, u, err))
		return u, err
	}
}

// stillResolves reports whether every recorded link target resolves the
// same way in the store's model.
func (st *Store) stillResolves(p *site.Page, recorded []Resolved) bool {
	for _, r := range recorded {
		u, err := st.model.Resolve(p, r.Dest)
		if resolved(r.Dest, u, err) != r {
			return false
		}
	}
	return true
}

func resolved(dest, u string, err error) Resolved {
	r := Resolved{Dest: dest, URL: u}
	if err != nil {
		r.Err = err.Error()
	}
	return r
}
