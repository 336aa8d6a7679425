package serve

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/internal/testcorpus"
	"github.com/lwa-rotterdam/ezine/generator/output"
	"github.com/lwa-rotterdam/ezine/generator/pipeline"
)

// waitFor bounds every wait for something that must happen; changes show
// up in milliseconds, but a loaded CI machine can be slow.
const waitFor = 20 * time.Second

var testNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// syncBuffer is a bytes.Buffer safe for the server and the test at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// running is a dev server started by a test.
type running struct {
	t        *testing.T
	dir, url string
	out, err *syncBuffer
	client   *http.Client
	cancel   context.CancelFunc
	done     chan error
}

var smallSite = map[string]string{
	"content/_index.md":            "---\ntitle: Proef\ndescription: Een proefsite.\n---\nWelkom.\n",
	"content/verhalen/_index.md":   "---\ntitle: Verhalen\n---\n",
	"content/verhalen/haven.md":    "---\ntitle: De haven\nweight: 1\ntags: [haven]\n---\nHet verhaal van de haven.\n",
	"content/verhalen/zorg.md":     "---\ntitle: De zorg\nweight: 2\ntags: [zorg]\n---\nHet verhaal van de zorg.\n",
	"content/verhalen/concept.md":  "---\ntitle: Nog niet af\ndraft: true\n---\nEen concept.\n",
	"content/verhalen/straks.md":   "---\ntitle: Straks\npublishDate: 2027-01-01\n---\nLater.\n",
	"content/interviews/_index.md": "---\ntitle: Interviews\n---\n",
	"static/css/extra.css":         "body { color: black }\n",
	"static/docs/uitleg.txt":       "uitleg\n",
}

func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	if err := testcorpus.WriteFiles(dir, files); err != nil {
		t.Fatal(err)
	}
}

// startServer writes files into a new site folder and serves it.
func startServer(t *testing.T, files map[string]string, cfg Config) *running {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, files)
	return serveDir(t, dir, cfg)
}

func serveDir(t *testing.T, dir string, cfg Config) *running {
	t.Helper()
	r := &running{t: t, dir: dir, out: &syncBuffer{}, err: &syncBuffer{}, done: make(chan error, 1),
		client: &http.Client{Transport: &http.Transport{}, Timeout: waitFor}}
	cfg.Source = dir
	cfg.Stdout, cfg.Stderr = r.out, r.err
	if cfg.Port == 0 {
		cfg.PortFixed = true // port 0: any free port
	}
	if cfg.Now == nil {
		cfg.Now = func() time.Time { return testNow }
	}
	ready := make(chan string, 1)
	cfg.Ready = func(url string) { ready <- url }
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	go func() { r.done <- Run(ctx, cfg) }()
	select {
	case r.url = <-ready:
	case err := <-r.done:
		t.Fatalf("serve did not start: %v\n%s%s", err, r.out, r.err)
	case <-time.After(waitFor):
		t.Fatal("serve did not start")
	}
	t.Cleanup(r.stop)
	return r
}

func (r *running) stop() {
	if r.cancel == nil {
		return
	}
	r.cancel()
	r.cancel = nil
	select {
	case err := <-r.done:
		if err != nil {
			r.t.Errorf("serve: %v", err)
		}
	case <-time.After(waitFor):
		r.t.Error("serve did not stop")
	}
	r.client.CloseIdleConnections()
}

func (r *running) write(name, data string) {
	r.t.Helper()
	writeFiles(r.t, r.dir, map[string]string{name: data})
}

func (r *running) path(name string) string { return filepath.Join(r.dir, filepath.FromSlash(name)) }

// get fetches a URL path and returns status, content type and body.
func (r *running) get(p string) (int, string, string) {
	r.t.Helper()
	resp, err := r.client.Get(r.url + strings.TrimPrefix(p, "/"))
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
}

// eventually waits until fetching p gives status and a body holding want.
func (r *running) eventually(p string, status int, want string) string {
	r.t.Helper()
	deadline := time.Now().Add(waitFor)
	var code int
	var body string
	for time.Now().Before(deadline) {
		code, _, body = r.get(p)
		if code == status && strings.Contains(body, want) {
			return body
		}
		time.Sleep(10 * time.Millisecond)
	}
	r.t.Fatalf("%s: got %d, want %d with %q\nstdout:\n%s\nstderr:\n%s", p, code, status, want, r.out, r.err)
	return ""
}

// waitOut waits until the server's standard output holds text.
func (r *running) waitOut(text string) {
	r.t.Helper()
	deadline := time.Now().Add(waitFor)
	for !strings.Contains(r.out.String(), text) {
		if time.Now().After(deadline) {
			r.t.Fatalf("stdout has no %q:\n%s", text, r.out)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestServesTheBuiltSite(t *testing.T) {
	r := startServer(t, smallSite, Config{})
	tests := []struct {
		path   string
		status int
		ctype  string
		want   string
	}{
		{"/", 200, "text/html; charset=utf-8", "Welkom"},
		{"/verhalen/haven/", 200, "text/html; charset=utf-8", "Het verhaal van de haven"},
		{"/verhalen/concept/", 200, "text/html; charset=utf-8", "Een concept"},   // drafts shown
		{"/verhalen/straks/", 200, "text/html; charset=utf-8", "Later"},          // future shown
		{"/verhalen/haven/index.html", 200, "text/html; charset=utf-8", "haven"}, // the file itself
		{"/css/extra.css", 200, "text/css; charset=utf-8", "color"},
		{"/docs/uitleg.txt", 200, "text/plain; charset=utf-8", "uitleg"},
		{"/feed.xml", 200, "application/xml", "<feed"},
		{"/__ezine/reload.js", 200, "text/javascript; charset=utf-8", "EventSource"},
		{"/__ezine/reload.css", 200, "text/css; charset=utf-8", "#ezine-problems"},
		{"/bestaat-niet/", 404, "text/html; charset=utf-8", "<html"},
		{"/content/verhalen/haven.md", 404, "text/html; charset=utf-8", ""}, // only the built site
		{"/../../../etc/passwd", 404, "text/html; charset=utf-8", ""},
		{"/%2e%2e/%2e%2e/etc/passwd", 404, "text/html; charset=utf-8", ""},
	}
	for _, tt := range tests {
		code, ctype, body := r.get(tt.path)
		if code != tt.status || ctype != tt.ctype || !strings.Contains(body, tt.want) {
			t.Errorf("%s: %d %q, want %d %q containing %q", tt.path, code, ctype, tt.status, tt.ctype, tt.want)
		}
	}
	// The 404 page is the site's own.
	if _, _, body := r.get("/bestaat-niet/"); !strings.Contains(body, "reload.js") {
		t.Error("the 404 page is not the site's (no reload script)")
	}
	// A folder without its slash is sent to the one with it.
	r.client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := r.client.Get(r.url + "verhalen/haven?x=1")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/verhalen/haven/?x=1" {
		t.Errorf("redirect: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	r.client.CheckRedirect = nil
	// Only GET and HEAD.
	resp, err = r.client.Post(r.url, "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", resp.StatusCode)
	}
	// The reload script is in pages served, never in a build.
	_, _, home := r.get("/")
	if !regexp.MustCompile(`<script src="?/__ezine/reload\.js\?v=[0-9a-f]+-[0-9a-f]+-\d+"? defer`).MatchString(home) {
		t.Errorf("no versioned reload script in the home page")
	}
	if _, err := os.Stat(r.path("public")); !os.IsNotExist(err) {
		t.Error("serve wrote public/")
	}
	if !strings.Contains(r.out.String(), "Serving ") || !strings.Contains(r.out.String(), r.url) {
		t.Errorf("stdout does not give the URL:\n%s", r.out)
	}
}

// sse reads Server-Sent Events from the events stream of a page.
type sse struct {
	t      *testing.T
	events chan [2]string
	cancel context.CancelFunc
}

// listen opens the event stream as the reload script does, for the page
// at p as it is served now.
func (r *running) listen(p string) *sse {
	r.t.Helper()
	_, _, body := r.get(p)
	v := regexp.MustCompile(`reload\.js\?v=([^" >]+)`).FindStringSubmatch(body)
	if v == nil {
		r.t.Fatalf("%s has no reload script", p)
	}
	ctx, cancel := context.WithCancel(context.Background())
	// As the script sends it: location.pathname is percent-encoded.
	pathname := (&url.URL{Path: p}).EscapedPath()
	req, _ := http.NewRequestWithContext(ctx, "GET", r.url+"__ezine/events?path="+url.QueryEscape(pathname)+"&v="+url.QueryEscape(v[1]), nil)
	resp, err := r.client.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	s := &sse{t: r.t, events: make(chan [2]string, 64), cancel: cancel}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var name string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: ") && name != "":
				s.events <- [2]string{name, strings.TrimPrefix(line, "data: ")}
				name = ""
			}
		}
		close(s.events)
	}()
	r.t.Cleanup(cancel)
	return s
}

// expect waits for an event of the given name and returns its data;
// other events on the way are skipped.
func (s *sse) expect(name string) string {
	s.t.Helper()
	timeout := time.After(waitFor)
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				s.t.Fatalf("event stream closed before %q", name)
			}
			if ev[0] == name {
				return ev[1]
			}
		case <-timeout:
			s.t.Fatalf("no %q event", name)
		}
	}
}

func TestReloadAndErrorOverlayEvents(t *testing.T) {
	r := startServer(t, smallSite, Config{})
	ev := r.listen("/verhalen/haven/")
	// An edit reloads the page, which then shows it.
	r.write("content/verhalen/haven.md", "---\ntitle: De haven\nweight: 1\ntags: [haven]\n---\nHet verhaal van de haven. Een nieuwe zin.\n")
	ev.expect("reload")
	r.eventually("/verhalen/haven/", 200, "Een nieuwe zin.")
	// Broken front matter: the errors, naming the file, and the last good
	// page stays.
	r.write("content/verhalen/haven.md", "---\ntitle: [De haven\n---\nKapot.\n")
	data := ev.expect("problems")
	if !strings.Contains(data, `content/verhalen/haven.md:2`) {
		t.Errorf("problems do not name the file and line: %s", data)
	}
	if _, _, body := r.get("/verhalen/haven/"); !strings.Contains(body, "Een nieuwe zin.") || strings.Contains(body, "Kapot") {
		t.Error("the last good page is not served")
	}
	// A page opened while it is broken shows the errors at once.
	ev2 := r.listen("/")
	ev2.expect("problems")
	// The terminal says it once, however often the file is saved broken.
	for range 3 {
		r.write("content/verhalen/haven.md", "---\ntitle: [De haven\n---\nKapot en nog eens.\n")
		time.Sleep(50 * time.Millisecond)
	}
	// Fixed: the errors go, the page reloads.
	r.write("content/verhalen/haven.md", "---\ntitle: De haven\nweight: 1\n---\nWeer heel.\n")
	ev.expect("ok")
	ev.expect("reload")
	r.eventually("/verhalen/haven/", 200, "Weer heel.")
	if n := strings.Count(r.err.String(), "content/verhalen/haven.md:2"); n != 1 {
		t.Errorf("the error was printed %d times:\n%s", n, r.err)
	}
	if !strings.Contains(r.out.String(), "content/verhalen/haven.md: ") || !strings.Contains(r.out.String(), " ms") {
		t.Errorf("no rebuild line:\n%s", r.out)
	}
}

// A page whose path is not ASCII is current when it connects: the script
// sends its path percent-encoded, and a wrong lookup would reload it
// again and again.
func TestNonASCIIPathIsNotReloaded(t *testing.T) {
	files := maps.Clone(smallSite)
	files["content/café.md"] = "---\ntitle: Het café\n---\nKoffie.\n"
	r := startServer(t, files, Config{})
	r.eventually("/café/", 200, "Koffie.")
	ev := r.listen("/café/")
	select {
	case e, ok := <-ev.events:
		if ok {
			t.Fatalf("a current page got %q at once", e[0])
		}
	case <-time.After(500 * time.Millisecond):
	}
	r.write("content/café.md", "---\ntitle: Het café\n---\nThee.\n")
	ev.expect("reload")
}

func TestStylesheetSwapsWithoutReload(t *testing.T) {
	r := startServer(t, smallSite, Config{})
	ev := r.listen("/")
	r.write("static/css/extra.css", "body { color: navy }\n")
	if data := ev.expect("css"); !strings.Contains(data, `"/css/extra.css"`) {
		t.Errorf("css event %s", data)
	}
	r.eventually("/css/extra.css", 200, "navy")
}

func TestNewFolderRenameDelete(t *testing.T) {
	r := startServer(t, smallSite, Config{})
	// A new folder with a page in it.
	r.write("content/nieuw/eerste.md", "---\ntitle: Eerste\n---\nIn een nieuwe map.\n")
	r.eventually("/nieuw/eerste/", 200, "In een nieuwe map.")
	r.eventually("/", 200, "/nieuw/")
	// A page in it later (the new folder is watched).
	r.write("content/nieuw/tweede.md", "---\ntitle: Tweede\n---\nOok hier.\n")
	r.eventually("/nieuw/tweede/", 200, "Ook hier.")
	// Rename a page: the old URL goes, the new one comes.
	if err := os.Rename(r.path("content/nieuw/tweede.md"), r.path("content/nieuw/derde.md")); err != nil {
		t.Fatal(err)
	}
	r.eventually("/nieuw/derde/", 200, "Ook hier.")
	r.eventually("/nieuw/tweede/", 404, "")
	// Rename the folder.
	if err := os.Rename(r.path("content/nieuw"), r.path("content/anders")); err != nil {
		t.Fatal(err)
	}
	r.eventually("/anders/eerste/", 200, "In een nieuwe map.")
	r.eventually("/nieuw/eerste/", 404, "")
	r.write("content/anders/eerste.md", "---\ntitle: Eerste\n---\nNa het hernoemen.\n")
	r.eventually("/anders/eerste/", 200, "Na het hernoemen.")
	// Delete a page and a folder.
	if err := os.Remove(r.path("content/verhalen/zorg.md")); err != nil {
		t.Fatal(err)
	}
	r.eventually("/verhalen/zorg/", 404, "")
	if err := os.RemoveAll(r.path("content/anders")); err != nil {
		t.Fatal(err)
	}
	r.eventually("/anders/eerste/", 404, "")
	// The removal may come in two batches; while the second rebuild runs,
	// a page the first left for later is served as it was (and reloaded
	// in the browser after), so wait for the home page.
	deadline := time.Now().Add(waitFor)
	for {
		code, _, body := r.get("/")
		if code == 200 && !strings.Contains(body, "/anders/") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the home page still links the deleted section (%d)", code)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestPolling(t *testing.T) {
	r := startServer(t, smallSite, Config{Poll: 20 * time.Millisecond})
	r.write("content/verhalen/haven.md", "---\ntitle: De haven\n---\nGevonden door te kijken.\n")
	r.eventually("/verhalen/haven/", 200, "Gevonden door te kijken.")
	if !strings.Contains(r.out.String(), "polling") {
		t.Errorf("stdout does not say it polls:\n%s", r.out)
	}
}

// goroutines counts the running goroutines once they settle.
func goroutines(limit int) int {
	var n int
	for range 200 {
		runtime.GC()
		n = runtime.NumGoroutine()
		if n <= limit {
			return n
		}
		time.Sleep(10 * time.Millisecond)
	}
	return n
}

// A thousand saves in a row end in one correct site, and stopping the
// server leaves no goroutine behind: not of the watcher, the rebuilds,
// the background rendering or the event streams.
func TestRapidSavesAndNoLeaks(t *testing.T) {
	before := goroutines(0)
	r := startServer(t, smallSite, Config{})
	ev := r.listen("/verhalen/haven/")
	for i := range 1000 {
		r.write("content/verhalen/haven.md", fmt.Sprintf("---\ntitle: De haven\nweight: 1\ntags: [haven]\n---\nVersie %d van de haven.\n", i))
	}
	r.eventually("/verhalen/haven/", 200, "Versie 999 van de haven.")
	ev.expect("reload")
	// Let the last rebuild's background work finish, then compare every
	// file with a full build.
	time.Sleep(200 * time.Millisecond)
	want := fullBuild(t, r.dir)
	for name, data := range want {
		code, _, body := r.get("/" + name)
		body = stampRE.ReplaceAllString(body, "")
		if code != 200 || body != string(data) {
			t.Errorf("%s differs from a full build (%d)", name, code)
		}
	}
	rebuilds := strings.Count(r.out.String(), "content/verhalen/haven.md: ")
	t.Logf("1000 saves, %d rebuilds", rebuilds)
	ev.cancel()
	r.stop()
	if after := goroutines(before); after > before {
		buf := make([]byte, 1<<20)
		n := runtime.Stack(buf, true)
		t.Errorf("%d goroutines before, %d after:\n%s", before, after, buf[:n])
	}
}

var stampRE = regexp.MustCompile(`\?v=[0-9a-f]+-[0-9a-f]+-\d+`)

// fullBuild builds dir from scratch into memory, as serve shows it.
func fullBuild(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	mem := output.NewMemory()
	if _, diags := pipeline.Run(context.Background(), root.FS(), mem, pipeline.Config{Drafts: true, Now: testNow, Inject: inject}); diags.HasErrors() {
		t.Fatal(diags)
	}
	out := map[string][]byte{}
	for _, n := range mem.Names() {
		out[n], _ = mem.Get(n)
	}
	return out
}

func TestPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	dir := t.TempDir()
	writeFiles(t, dir, smallSite)

	// Asked for: a clear error.
	err = Run(context.Background(), Config{Source: dir, Port: port, PortFixed: true})
	if err == nil || !strings.Contains(err.Error(), "port "+strconv.Itoa(port)+" on 127.0.0.1 is in use") {
		t.Errorf("got %v", err)
	}
	// The default taken: the next free one, and it says which.
	r := serveDir(t, dir, Config{Port: port})
	if strings.Contains(r.url, ":"+strconv.Itoa(port)+"/") {
		t.Errorf("served on the taken port: %s", r.url)
	}
	if !strings.Contains(r.out.String(), fmt.Sprintf("Port %d is in use; using port", port)) {
		t.Errorf("does not say it moved:\n%s", r.out)
	}
}

func TestBrokenSiteAtStartShowsProblems(t *testing.T) {
	files := withFile(smallSite, "content/verhalen/haven.md", "---\ntitle: [kapot\n---\n")
	r := startServer(t, files, Config{})
	code, _, body := r.get("/")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "reload.js") || !strings.Contains(body, `<html lang="en"><head><meta charset="utf-8"><title>The site has not been built yet</title>`) {
		t.Fatalf("%d %s", code, body)
	}
	if _, _, nl := startServer(t, files, Config{Lang: i18n.Dutch}).get("/"); !strings.Contains(nl, `<html lang="nl"><head><meta charset="utf-8"><title>De site is nog niet gebouwd</title>`) {
		t.Errorf("Dutch: %s", nl)
	}
	if !strings.Contains(r.err.String(), "content/verhalen/haven.md:2") {
		t.Errorf("stderr:\n%s", r.err)
	}
	r.write("content/verhalen/haven.md", "---\ntitle: Heel\n---\nGoed nu.\n")
	r.eventually("/verhalen/haven/", 200, "Goed nu.")
}

func withFile(m map[string]string, k, v string) map[string]string {
	out := map[string]string{}
	for a, b := range m {
		out[a] = b
	}
	out[k] = v
	return out
}

func TestDescribe(t *testing.T) {
	if got := (&server{}).describe([]string{"a", "b", "c", "d"}); got != "a, b and 2 more" {
		t.Error(got)
	}
	if got := (&server{}).describe([]string{""}); got != "the site" {
		t.Error(got)
	}
}
