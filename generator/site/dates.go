package site

import (
	"cmp"
	"time"
)

// Updated returns the date the page last changed as far as its front
// matter says: lastmod, else FirstPublished; zero when none is known. The
// feeds' updated dates and the sitemap's lastmod both read it.
func (p *Page) Updated() time.Time {
	return cmp.Or(p.Meta().Lastmod, p.FirstPublished())
}

// FirstPublished returns the date the page was first published: its date,
// else its publishDate, else the original publication date of an archive
// page; zero when none is known. Not Page.Date, which falls back to
// lastmod (as Hugo's does): a revision is not a publication.
func (p *Page) FirstPublished() time.Time {
	m := p.Meta()
	return cmp.Or(m.Date, m.PublishDate, m.Published.Time)
}
