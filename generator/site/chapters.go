package site

// Chapters returns the chapters of the edition in reading order: each
// top-level section, and each page at the root of the site, in the order in
// which the edition (Prev/Next) first reaches it. Sections that the edition
// does not reach follow in section order; root pages without a weight
// (a colofon, a search page) are not chapters. The cover lists these.
func (s *Site) Chapters() []*Page {
	var out []*Page
	seen := map[*Page]bool{}
	add := func(p *Page) {
		if p != nil && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	top := map[string]*Page{}
	for _, sec := range s.Sections {
		top[sec.Section] = sec
	}
	for _, p := range s.Edition {
		if p.Section == "" {
			add(p)
			continue
		}
		add(top[p.Section])
	}
	for _, sec := range s.Sections {
		add(sec)
	}
	return out
}
