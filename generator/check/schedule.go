package check

import (
	"cmp"
	"strings"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/site"
)

// CodeScheduled is the Code of the finding NextChange returns, for tools
// that read check's JSON.
const CodeScheduled = "next-scheduled-change"

// Scheduled is the next moment the site changes by itself: a page's
// publish date (it appears) or expiry date (it goes, or is archived).
type Scheduled struct {
	Time  time.Time
	Path  string // the page's file
	Line  int    // the date's line
	Field string // "publishDate", "date" (a page dated in the future) or "expiryDate"
	msg   error  // the finding's message
}

// Error is the finding's message.
func (s *Scheduled) Error() string { return s.msg.Error() }

// Unwrap returns the message.
func (s *Scheduled) Unwrap() error { return s.msg }

// Localize is the finding's message in l.
func (s *Scheduled) Localize(l i18n.Lang) string {
	if m, ok := s.msg.(i18n.Localizer); ok {
		return m.Localize(l)
	}
	return s.msg.Error()
}

// NextChange returns, as a note, the earliest publish or expiry date after
// now of any page that is not a draft (a draft's dates change nothing by
// themselves); nil when no date lies ahead. A page dated in the future
// without a publishDate appears on its date, as a plain build decides.
// Ties go to the first file by name.
func NextChange(s *site.Site, now time.Time) *diag.Error {
	var next *Scheduled
	consider := func(p *site.Page, t time.Time, field, key string) {
		if !t.After(now) {
			return
		}
		c := &Scheduled{Time: t, Path: p.File(), Line: p.Meta().Lines[key], Field: field}
		if next == nil || cmp.Or(t.Compare(next.Time), strings.Compare(c.Path, next.Path)) < 0 {
			next = c
		}
	}
	pages := append(append([]*site.Page(nil), s.All()...), s.Unpublished...)
	for _, p := range pages {
		m := p.Meta()
		if p.Source == nil || m.Draft {
			continue
		}
		if !m.PublishDate.IsZero() {
			consider(p, m.PublishDate, "publishDate", "publishdate")
		} else {
			consider(p, m.Date, "date", "date")
		}
		if !(p.Status == site.StatusExpired) {
			consider(p, m.ExpiryDate, "expiryDate", "expirydate")
		}
	}
	if next == nil {
		return nil
	}
	e := diag.Notef(next.Path, next.Line, "next scheduled change: %s (%s %s)", next.Time.Format("2006-01-02 15:04"), next.Path, next.Field).
		WithHint("the site changes then without an edit; a scheduled build publishes it: see Publishing in the README")
	next.msg = e.Err
	e.Err, e.Code = next, CodeScheduled
	return e
}
