package serve

import (
	"bytes"
	_ "embed"
	"fmt"
	"hash/fnv"
	"html"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/devsite"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// The dev server's own files, under a prefix no site path can take (the
// generator never writes a name starting with "__ezine").
const (
	prefix    = "/__ezine/"
	scriptURL = prefix + "reload.js"
	styleURL  = prefix + "reload.css"
	eventsURL = prefix + "events"
)

// inject is added before </body> of every page in serve: an external
// script (no inline script, so a page's Content-Security-Policy holds).
const inject = `<script src="` + scriptURL + `" defer></script>`

var (
	//go:embed client/reload.js
	reloadJS []byte
	//go:embed client/reload.css
	reloadCSS []byte
)

// contentTypes are the media types of the files a site has; others come
// from the system's table, else from sniffing the content.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".xml":         "application/xml",
	".txt":         "text/plain; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".pdf":         "application/pdf",
	".woff":        "font/woff",
	".woff2":       "font/woff2",
	".webmanifest": "application/manifest+json",
	".mp4":         "video/mp4",
	".webm":        "video/webm",
	".vtt":         "text/vtt; charset=utf-8",
}

func contentType(name string, data []byte) string {
	if t := typeByName(name); t != "" {
		return t
	}
	return http.DetectContentType(data)
}

// typeByName is the media type of a file by its extension; "" when the
// extension tells none.
func typeByName(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	return mime.TypeByExtension(ext)
}

// ServeHTTP serves the built site, and the dev server's files, to
// requests for this server's own names and addresses.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == eventsURL && s.hosts.allowed(r.Host) {
		s.hub.serveEvents(w, r) // it sets its own deadlines
		return
	}
	w = &stallWriter{ResponseWriter: w, rc: http.NewResponseController(w), stall: s.lim.writeStall}
	if !s.hosts.allowed(r.Host) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprintf(w, "Forbidden: this preview answers only to this computer's own names and addresses with port %s (such as http://localhost:%[1]s/), not to Host %q.\n", s.hosts.port, r.Host)
		return
	}
	switch r.URL.Path {
	case scriptURL:
		s.serveBytes(w, r, scriptURL, reloadJS, "")
		return
	case styleURL:
		s.serveBytes(w, r, styleURL, reloadCSS, "")
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, f, found := s.lookup(r.URL.Path)
	switch {
	case found && name == "":
		// A folder asked for without its slash: where a static host sends
		// the browser too, so relative links resolve the same way. To the
		// cleaned name, as http.FileServer does: the path as asked may
		// start with "//host" (or "/%2fhost"), which a browser reads as
		// another site.
		target := url.URL{Path: "/" + strings.TrimPrefix(path.Clean(r.URL.Path), "/") + "/", RawQuery: r.URL.RawQuery}
		http.Redirect(w, r, target.String(), http.StatusMovedPermanently)
		return
	case found && f.Path != "":
		s.serveFile(w, r, name, f)
		return
	case found:
		s.serveBytes(w, r, name, s.stamp(name, f), s.token(name, f))
		return
	}
	s.notFound(w, r)
}

// notFound answers with the site's 404 page, or while the site has not
// built, with a page that waits for it.
func (s *server) notFound(w http.ResponseWriter, r *http.Request) {
	if nf, ok := s.site.Get("404.html"); ok {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusNotFound)
		if r.Method != http.MethodHead {
			w.Write(s.stamp("404.html", nf))
		}
		return
	}
	if len(s.site.Names()) == 0 {
		// Nothing built yet: a page that shows the problems and reloads
		// once the site builds.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusServiceUnavailable)
		// In the editor's language, as the terminal's lines are.
		l := s.cfg.Lang
		title := html.EscapeString(i18n.Text(l, "The site has not been built yet"))
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="%s"><head><meta charset="utf-8"><title>%s</title></head><body><h1>%s</h1><p>%s</p><script src="%s?v=%s" defer></script></body></html>`,
			l, title, title, html.EscapeString(i18n.Text(l, "See the problems below or in the terminal.")), scriptURL, s.version(r.URL.Path))
		return
	}
	http.NotFound(w, r)
}

// lookup finds the file for a URL path: the file itself, or the folder's
// index.html. Found with an empty name means the path is a folder asked
// for without its trailing slash. Names are those of the built site only,
// so no path can reach anything else.
func (s *server) lookup(urlPath string) (string, *devsite.File, bool) {
	if !strings.HasPrefix(urlPath, "/") || strings.ContainsRune(urlPath, 0) {
		return "", nil, false
	}
	rel := strings.TrimPrefix(path.Clean(urlPath), "/")
	name := rel
	switch {
	case rel == "":
		name = "index.html"
	case strings.HasSuffix(urlPath, "/"):
		name = rel + "/index.html"
	}
	if f, ok := s.site.Get(name); ok {
		return name, f, true
	}
	if name == rel && rel != "" {
		if _, ok := s.site.Get(rel + "/index.html"); ok {
			return "", nil, true
		}
	}
	return "", nil, false
}

// version is what a browser on urlPath should have: the token of the file
// served there now (404.html when there is none).
func (s *server) version(urlPath string) string {
	name, f, found := s.lookup(urlPath)
	if !found || name == "" {
		name = "404.html"
		f, found = s.site.Get(name)
		if !found {
			return s.instance + "-none"
		}
	}
	return s.token(name, f)
}

// token names one version of one file: this run of the server, the file
// and the rebuild that last changed it.
func (s *server) token(name string, f *devsite.File) string {
	h := fnv.New32a()
	h.Write([]byte(name))
	return fmt.Sprintf("%s-%x-%d", s.instance, h.Sum32(), f.Gen)
}

// stamp puts the version of an HTML page into its reload script's URL, so
// that a page loaded just before a rebuild knows it missed it.
func (s *server) stamp(name string, f *devsite.File) []byte {
	if !strings.HasSuffix(name, ".html") {
		return f.Data
	}
	return bytes.Replace(f.Data, []byte(scriptURL), []byte(scriptURL+"?v="+s.token(name, f)), 1)
}

// serveFile streams a file that the site keeps in the site folder (a
// copied static file or page resource), from disk. Its ETag holds the
// size and time of the file served, which may have changed since the
// rebuild that listed it (the watcher's next batch follows).
func (s *server) serveFile(w http.ResponseWriter, r *http.Request, name string, f *devsite.File) {
	file, err := s.site.Open(f)
	if err != nil {
		s.notFound(w, r)
		return
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		s.notFound(w, r)
		return
	}
	if t := typeByName(name); t != "" {
		w.Header().Set("Content-Type", t)
	} // else http.ServeContent sniffs the first bytes
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("ETag", fmt.Sprintf(`"%s-%x-%x"`, s.token(name, f), info.Size(), info.ModTime().UnixNano()))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, name, time.Time{}, file)
}

func (s *server) serveBytes(w http.ResponseWriter, r *http.Request, name string, data []byte, etag string) {
	w.Header().Set("Content-Type", contentType(name, data))
	// Always ask again: a preview must never show a stale file.
	w.Header().Set("Cache-Control", "no-cache")
	if etag != "" {
		w.Header().Set("ETag", `"`+etag+`"`)
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// stallWriter gives each write of a response its own deadline: a client
// that stops reading is dropped after the stall time, while a slow but
// steady one (a video to a phone) gets all of it.
type stallWriter struct {
	http.ResponseWriter
	rc    *http.ResponseController
	stall time.Duration
}

// WriteHeader, Write and ReadFrom set the deadline of what they send
// (the header may go out alone, a 304 or a 403).
func (w *stallWriter) WriteHeader(code int) {
	w.rc.SetWriteDeadline(time.Now().Add(w.stall))
	w.ResponseWriter.WriteHeader(code)
}

func (w *stallWriter) Write(p []byte) (int, error) {
	w.rc.SetWriteDeadline(time.Now().Add(w.stall))
	return w.ResponseWriter.Write(p)
}

// stallChunk is how much of a file one deadline covers: a client must take
// 1 MiB in the stall time, 35 KB/s, which a phone on a weak network does.
const stallChunk = 1 << 20

// ReadFrom sends a file (http.ServeContent copies one in) in pieces, each
// with its own deadline, through the response's ReadFrom, which hands a
// file to the kernel (sendfile) rather than copying it through a buffer.
func (w *stallWriter) ReadFrom(src io.Reader) (int64, error) {
	rf, ok := w.ResponseWriter.(io.ReaderFrom)
	if !ok {
		return io.Copy(struct{ io.Writer }{w}, src)
	}
	// The kernel's path takes a file, or a file in one LimitedReader.
	left := int64(-1)
	if lr, ok := src.(*io.LimitedReader); ok {
		src, left = lr.R, lr.N
		defer func() { lr.N = max(left, 0) }()
	}
	var total int64
	for left != 0 {
		chunk := int64(stallChunk)
		if left > 0 {
			chunk = min(chunk, left)
		}
		w.rc.SetWriteDeadline(time.Now().Add(w.stall))
		n, err := rf.ReadFrom(&io.LimitedReader{R: src, N: chunk})
		total += n
		if left > 0 {
			left -= n
		}
		if err != nil || n < chunk {
			return total, err
		}
	}
	return total, nil
}

// Unwrap gives http.ResponseController the response underneath.
func (w *stallWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
