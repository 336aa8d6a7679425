package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// hub keeps the browsers connected to /__ezine/events and tells them what
// happened: reload, swap stylesheets, show or clear the build's problems.
type hub struct {
	s        *server
	mu       sync.Mutex
	clients  map[*client]bool
	problems string // JSON of the current errors; "" when there are none
}

// client is one open page.
type client struct {
	path    string // its URL path
	version string // the version of the file it was served, from reload.js
	events  chan event
}

type event struct{ name, data string }

// clientBuffer is how many events may wait for a slow browser before
// further ones are dropped (a reload or the latest problems will follow).
const clientBuffer = 16

func newHub(s *server) *hub { return &hub{s: s, clients: map[*client]bool{}} }

// serveEvents streams events to one browser until it goes or the server
// stops.
func (h *hub) serveEvents(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	lim := h.s.lim
	q := r.URL.Query()
	c := &client{path: q.Get("path"), version: q.Get("v"), events: make(chan event, clientBuffer)}
	if len(c.path) > lim.maxParam || len(c.version) > lim.maxParam {
		http.Error(w, fmt.Sprintf("the path and v parameters may be %d bytes long at most", lim.maxParam), http.StatusRequestURITooLong)
		return
	}
	// The script sends location.pathname, which the browser keeps
	// percent-encoded ("/caf%C3%A9/"); files are looked up by the decoded
	// path, as requests are, or every page with such a name would reload
	// without end.
	if p, err := url.PathUnescape(c.path); err == nil {
		c.path = p
	}
	// A page loaded before a rebuild and connected after it missed the
	// reload; one served by an earlier run of the server is stale too.
	h.mu.Lock()
	if len(h.clients) >= lim.maxClients {
		h.mu.Unlock()
		w.Header().Set("Retry-After", "10")
		http.Error(w, fmt.Sprintf("%d live-reload connections are open, the most this preview keeps; close some of its tabs", lim.maxClients), http.StatusServiceUnavailable)
		return
	}
	h.clients[c] = true
	if now := h.s.version(c.path); now != c.version {
		c.version = now
		c.send(event{name: "reload"})
	} else if h.problems != "" {
		c.send(event{name: "problems", data: h.problems})
	}
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		delete(h.clients, c)
		h.mu.Unlock()
	}()

	// The stream has no deadline while it waits for events; each write
	// has one, so that a browser that reads nothing is let go.
	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Now().Add(lim.writeStall))
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 500\n\n")
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev := <-c.events:
			rc.SetWriteDeadline(time.Now().Add(lim.writeStall))
			if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}

// send queues an event for a client, dropping it if the client is stuck.
func (c *client) send(ev event) {
	select {
	case c.events <- ev:
	default:
	}
}

// paths returns the URL paths of the open pages.
func (h *hub) paths() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	for c := range h.clients {
		out = append(out, c.path)
	}
	return out
}

// reloadChanged tells each browser whose page changed to reload.
func (h *hub) reloadChanged() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		if v := h.s.version(c.path); v != c.version {
			c.version = v
			c.send(event{name: "reload"})
		}
	}
}

// shown is the page a browser shows, taken before a rebuild.
type shown struct {
	c     *client
	data  []byte
	token string // the version data is; the browser has it if c.version is this
}

// snapshot takes the pages the browsers show.
func (h *hub) snapshot() []shown {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []shown
	for c := range h.clients {
		if name, f, ok := h.s.lookup(c.path); ok && name != "" {
			out = append(out, shown{c, f.Data, h.s.token(name, f)})
		}
	}
	return out
}

// afterRebuild tells each browser what to do about its page: nothing when
// it did not change, swap stylesheets when only their URLs changed (or a
// stylesheet it links changed in place), swap the changed part of <main>
// when nothing outside it changed, else reload.
func (h *hub) afterRebuild(before []shown, styles map[string]string) {
	var swap []byte
	if len(styles) > 0 {
		swap, _ = json.Marshal(styles)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, b := range before {
		c := b.c
		if !h.clients[c] {
			continue
		}
		name, f, ok := h.s.lookup(c.path)
		// What the browser shows once its stylesheets are swapped.
		restyled := replaceAll(b.data, styles)
		switch {
		case !ok || name == "":
			// Gone: reload, to the 404 page.
		case bytes.Equal(f.Data, b.data):
			c.version = h.s.token(name, f)
			if swap != nil {
				c.send(event{name: "css", data: string(swap)})
			}
			continue
		case swap != nil && bytes.Equal(f.Data, restyled):
			c.version = h.s.token(name, f)
			c.send(event{name: "css", data: string(swap)})
			continue
		case c.version == b.token:
			if m, ok := mainSwap(restyled, f.Data); ok {
				c.version = h.s.token(name, f)
				if swap != nil {
					c.send(event{name: "css", data: string(swap)})
				}
				c.send(event{name: "main", data: m})
				continue
			}
		}
		if v := h.s.version(c.path); v != c.version {
			c.version = v
			c.send(event{name: "reload"})
		}
	}
	// Browsers that connected during the rebuild: by version.
	for c := range h.clients {
		if !slices.ContainsFunc(before, func(b shown) bool { return b.c == c }) {
			if v := h.s.version(c.path); v != c.version {
				c.version = v
				c.send(event{name: "reload"})
			}
		}
	}
}

// mainSwap decides whether a browser showing the page before can be
// brought to the page after by swapping part of its <main> element: the
// bytes outside the one <main>…</main> are the same (the head, the
// scripts, the stylesheets, the layout around it), and the new <main>
// holds no script (a swapped-in script would not run). The event's data is
// the old and the new element as JSON: the browser compares the two to
// find what changed, so that what its scripts did to the rest of the page
// (a player started, a button shown) stays.
func mainSwap(before, after []byte) (string, bool) {
	ob, oe, ok := mainElement(before)
	if !ok {
		return "", false
	}
	nb, ne, ok := mainElement(after)
	if !ok || !bytes.Equal(before[:ob], after[:nb]) || !bytes.Equal(before[oe:], after[ne:]) {
		return "", false
	}
	main := after[nb:ne]
	if bytes.Contains(main, []byte("<script")) {
		return "", false
	}
	data, err := json.Marshal(struct {
		Old string `json:"old"`
		New string `json:"new"`
	}{string(before[ob:oe]), string(main)})
	if err != nil {
		return "", false
	}
	return string(data), true
}

// mainElement finds the page's one <main> element: its first byte and the
// byte after its end tag. ok is false unless there is exactly one.
func mainElement(page []byte) (begin, end int, ok bool) {
	begin = bytes.Index(page, []byte("<main"))
	if begin < 0 || bytes.Count(page, []byte("<main")) != 1 || bytes.Count(page, []byte("</main>")) != 1 {
		return 0, 0, false
	}
	if begin+len("<main") >= len(page) {
		return 0, 0, false
	}
	if c := page[begin+len("<main")]; c != '>' && c != ' ' && c != '\t' && c != '\n' {
		return 0, 0, false // <mainx>, not <main>
	}
	end = bytes.Index(page, []byte("</main>"))
	if end < begin {
		return 0, 0, false
	}
	return begin, end + len("</main>"), true
}

// replaceAll replaces every old URL of styles in data by its new one.
func replaceAll(data []byte, styles map[string]string) []byte {
	for from, to := range styles {
		if from != to {
			data = bytes.ReplaceAll(data, []byte(from), []byte(to))
		}
	}
	return data
}

// problemJSON is a problem as the overlay shows it.
type problemJSON struct {
	Position string `json:"position"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
}

// setProblems shows the errors in every browser, in the language l (the
// site's), or clears them; nothing is sent when they did not change.
func (h *hub) setProblems(errs diag.List, l i18n.Lang) {
	text := ""
	if len(errs) > 0 {
		list := make([]problemJSON, len(errs))
		for i, e := range errs {
			list[i] = problemJSON{Position: e.Position(), Message: e.MessageIn(l), Hint: e.HintIn(l)}
		}
		b, _ := json.Marshal(list)
		text = string(b)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if text == h.problems {
		return
	}
	h.problems = text
	for c := range h.clients {
		if text == "" {
			c.send(event{name: "ok"})
		} else {
			c.send(event{name: "problems", data: text})
		}
	}
}
