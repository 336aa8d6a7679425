// Package output writes the built site: it minifies HTML, CSS, JS, SVG,
// JSON and XML with tdewolff/minify, names fingerprinted assets by their
// content hash, and writes files into a Target.
//
// A Target is a directory (Dir: names checked, no link followed, so that
// no name can write outside it) or memory (for the dev server). A Staging
// directory beside the destination receives a whole build and replaces the
// destination only when the build succeeded; it is locked while its build
// runs, so that the next build can tell the staging folders of killed
// builds from running ones and remove them. A file the Target cannot take
// comes back as a *WriteError.
package output

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// Target receives the files of a build. Create is called from several
// goroutines at once, never twice for one name.
type Target interface {
	Create(name string) (io.WriteCloser, error)
}

// Writer minifies and writes files to a Target and counts them. It is safe
// for concurrent use.
type Writer struct {
	target Target
	min    *minify.M
	files  atomic.Int64
	bytes  atomic.Int64
	names  sync.Map // every name written
}

// Has reports whether a file of that name was written.
func (w *Writer) Has(name string) bool {
	_, ok := w.names.Load(name)
	return ok
}

// NewWriter returns a Writer into target.
func NewWriter(target Target) *Writer {
	return &Writer{target: target, min: newMinifier()}
}

// newMinifier registers a minifier per media type. HTML keeps the html,
// head and body tags (lang stays on <html>) and end tags are dropped only
// where HTML allows it.
func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	// SVG files are minified; SVG inside HTML is not: the HTML minifier
	// would run the SVG minifier for every little icon of every page (a
	// tenth of the minifying of a large site), and the theme's inline
	// icons are written small already. So files get a media type of their
	// own, and "image/svg+xml", which the HTML minifier asks for, has none.
	m.AddFunc(svgFile, svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return m
}

// svgFile is the media type SVG files are minified as (see newMinifier).
const svgFile = "image/x-svg-file"

// mediaTypes maps the extensions that are minified to their media type.
var mediaTypes = map[string]string{
	".html":        "text/html",
	".css":         "text/css",
	".js":          "application/javascript",
	".mjs":         "application/javascript",
	".svg":         svgFile,
	".json":        "application/json",
	".xml":         "application/xml",
	".webmanifest": "application/manifest+json",
}

// MediaType returns the media type the writer minifies a file name as, or
// "" for files that are copied as they are.
func MediaType(name string) string { return mediaTypes[strings.ToLower(path.Ext(name))] }

// Files returns the number of files written so far.
func (w *Writer) Files() int { return int(w.files.Load()) }

// Bytes returns the number of bytes written so far.
func (w *Writer) Bytes() int64 { return w.bytes.Load() }

// Write minifies data by the media type of name's extension (or copies it
// when there is none) and writes it as name.
func (w *Writer) Write(name string, data []byte) error {
	return w.write(name, MediaType(name), data, false)
}

// WriteHTML minifies data as HTML whatever name's extension. It takes
// data over: the minifier works on it in place (it rewrites runs of white
// space, and borrows the byte just past it), so the caller must not use
// data, during the call or after.
func (w *Writer) WriteHTML(name string, data []byte) error {
	return w.write(name, "text/html", data, true)
}

// write minifies data into a pooled buffer and writes the file with one
// call: the minifier emits many small writes, and a system call for each
// of them would cost more than the minifying. Unless owned is set, the
// minifier works on a copy of data, as it may be shared.
func (w *Writer) write(name, mediaType string, data []byte, owned bool) error {
	out := data
	if mediaType != "" {
		buf := bufPool.Get().(*bytes.Buffer)
		buf.Reset()
		defer bufPool.Put(buf)
		if !owned {
			// One copy of the right size, with room for the parser's NUL.
			data = append(make([]byte, 0, len(data)+1), data...)
		}
		// A reader with a Bytes method (bytes.Buffer) makes the minifier's
		// parser (tdewolff/parse.NewInput) read the slice in place instead
		// of copying it with io.ReadAll; it writes a NUL just past the
		// slice when there is room and restores the byte when done.
		if err := w.min.Minify(mediaType, buf, bytes.NewBuffer(data)); err != nil {
			return i18n.Errorf("minify %s: %w", name, err)
		}
		out = buf.Bytes()
	}
	f, err := w.target.Create(name)
	if err != nil {
		return &WriteError{Name: name, Err: err}
	}
	_, err = f.Write(out)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return &WriteError{Name: name, Err: err}
	}
	w.files.Add(1)
	w.bytes.Add(int64(len(out)))
	w.names.Store(name, true)
	return nil
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// WriteError is the error of a file the Target could not take: the disk
// is full, read-only, or refuses it. Err is the Target's error.
type WriteError struct {
	Name string // output file
	Err  error
}

func (e *WriteError) Error() string { return "write " + e.Name + ": " + e.Err.Error() }

// Unwrap returns the Target's error.
func (e *WriteError) Unwrap() error { return e.Err }

// Copy writes the contents of r as name, unchanged.
func (w *Writer) Copy(name string, r io.Reader) (err error) {
	f, err := w.target.Create(name)
	if err != nil {
		return &WriteError{Name: name, Err: err}
	}
	n, err := io.Copy(f, r) // kept plain: between files the kernel copies (copy_file_range)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) && pe.Op == "read" {
		return i18n.Errorf("read the source of %s: %w", name, err) // not the Target's fault
	}
	if err != nil {
		return &WriteError{Name: name, Err: err}
	}
	w.files.Add(1)
	w.bytes.Add(n)
	w.names.Store(name, true)
	return nil
}

// Fingerprint minifies data by the type of name, writes it under a name
// with its content hash ("css/main.css" -> "css/main.1a2b3c4d5e.css") and
// returns that name. The same content always gives the same name.
func (w *Writer) Fingerprint(name string, data []byte) (string, error) {
	var min bytes.Buffer
	if mt := MediaType(name); mt != "" {
		if err := w.min.Minify(mt, &min, bytes.NewReader(data)); err != nil {
			return "", i18n.Errorf("minify %s: %w", name, err)
		}
	} else {
		min.Write(data)
	}
	sum := sha256.Sum256(min.Bytes())
	ext := path.Ext(name)
	hashed := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
	if err := w.write(hashed, "", min.Bytes(), false); err != nil {
		return "", err
	}
	return hashed, nil
}

// Minify returns data minified as mediaType, for callers that need the
// bytes rather than a file (inline styles, hashes).
func (w *Writer) Minify(mediaType string, data []byte) ([]byte, error) {
	return w.min.Bytes(mediaType, data)
}

// Memory is a Target that keeps files in memory, for the dev server.
type Memory struct {
	mu    sync.RWMutex
	files map[string][]byte
}

// NewMemory returns an empty Memory target.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// Create implements Target.
func (m *Memory) Create(name string) (io.WriteCloser, error) {
	if err := CheckName(name); err != nil {
		return nil, err
	}
	return &memFile{m: m, name: name}, nil
}

// Get returns a file's contents.
func (m *Memory) Get(name string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.files[name]
	return b, ok
}

// Names returns the names of all files.
func (m *Memory) Names() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := make([]string, 0, len(m.files))
	for n := range m.files {
		out = append(out, n)
	}
	return out
}

type memFile struct {
	m    *Memory
	name string
	buf  bytes.Buffer
}

func (f *memFile) Write(p []byte) (int, error) { return f.buf.Write(p) }

func (f *memFile) Close() error {
	f.m.mu.Lock()
	f.m.files[f.name] = f.buf.Bytes()
	f.m.mu.Unlock()
	return nil
}

// CheckName refuses names that could leave the output: absolute paths,
// "..", backslashes and empty segments. Every Target checks the names it
// is given with it.
func CheckName(name string) error {
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, `\`) || strings.ContainsRune(name, 0) {
		return i18n.Errorf("refusing output name %q", name)
	}
	for seg := range strings.SplitSeq(name, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return i18n.Errorf("refusing output name %q", name)
		}
	}
	return nil
}
