package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"

	"github.com/lwa-rotterdam/ezine/generator/diag"
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
	c := &client{path: r.URL.Query().Get("path"), version: r.URL.Query().Get("v"), events: make(chan event, clientBuffer)}
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 500\n\n")
	flusher.Flush()

	// A page loaded before a rebuild and connected after it missed the
	// reload; one served by an earlier run of the server is stale too.
	h.mu.Lock()
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
	for {
		select {
		case <-r.Context().Done():
			return
		case ev := <-c.events:
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

// swapStyles tells every browser to swap changed stylesheets (old URL path
// to new) and takes note of the pages' new versions, which differ only in
// the stylesheets' URLs.
func (h *hub) swapStyles(swap map[string]string) {
	data, _ := json.Marshal(swap)
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		c.version = h.s.version(c.path)
		c.send(event{name: "css", data: string(data)})
	}
}

// problemJSON is a problem as the overlay shows it.
type problemJSON struct {
	Position string `json:"position"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
}

// setProblems shows the errors in every browser, or clears them; nothing
// is sent when they did not change.
func (h *hub) setProblems(errs diag.List) {
	text := ""
	if len(errs) > 0 {
		list := make([]problemJSON, len(errs))
		for i, e := range errs {
			list[i] = problemJSON{Position: e.Position(), Message: e.Message(), Hint: e.Hint}
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
