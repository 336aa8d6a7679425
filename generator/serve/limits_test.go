package serve

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"
)

// hostPort is the address the test server listens on.
func (r *running) hostPort() string {
	u, err := url.Parse(r.url)
	if err != nil {
		r.t.Fatal(err)
	}
	return u.Host
}

// rawGet sends a request line exactly as given, with a Host header, and
// returns the response with its body read.
func (r *running) rawGet(target, host string, header ...string) (*http.Response, string) {
	r.t.Helper()
	conn, err := net.Dial("tcp", r.hostPort())
	if err != nil {
		r.t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(waitFor))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n%s\r\n", target, host, strings.Join(header, ""))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		r.t.Fatalf("GET %s (Host %s): %v", target, host, err)
	}
	if resp.Header.Get("Content-Type") == "text/event-stream; charset=utf-8" {
		return resp, "" // a stream: its headers are the answer (closing the connection ends it)
	}
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

// A request naming another host (a web page that pointed its own name at
// this computer: DNS rebinding) is refused, on every path: pages, drafts,
// the event stream, the server's own files. The names and addresses of
// this computer with the server's port are answered.
func TestRefusesOtherHosts(t *testing.T) {
	r := startServer(t, smallSite, Config{})
	_, port, _ := net.SplitHostPort(r.hostPort())
	other := fmt.Sprint(mustAtoi(t, port) + 1)
	paths := []string{"/", "/verhalen/concept/", "/robots.txt", "/docs/uitleg.txt", "/__ezine/events?path=/&v=x", "/__ezine/reload.js", "/bestaat-niet/"}
	for _, tt := range []struct {
		host string
		ok   bool
	}{
		{"127.0.0.1:" + port, true},
		{"localhost:" + port, true},
		{"LocalHost:" + port, true},
		{"localhost.:" + port, true},
		{"[::1]:" + port, true},
		{"preview.localhost:" + port, true},
		{"evil.example:" + port, false},
		{"evil.example", false},
		{"localhost.evil.example:" + port, false},
		{"127.0.0.1.nip.io:" + port, false},
		{"127.0.0.1:" + other, false},
		{"localhost", false},
		{":" + port, false},
	} {
		for _, p := range paths {
			resp, body := r.rawGet(p, tt.host)
			switch {
			case tt.ok && resp.StatusCode == http.StatusForbidden:
				t.Errorf("Host %s, %s: refused", tt.host, p)
			case !tt.ok && (resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "Forbidden") || strings.Contains(body, "<html")):
				t.Errorf("Host %s, %s: %d %.80q, want 403", tt.host, p, resp.StatusCode, body)
			case !tt.ok && resp.Header.Get("Content-Type") != "text/plain; charset=utf-8":
				t.Errorf("Host %s, %s: Content-Type %q", tt.host, p, resp.Header.Get("Content-Type"))
			}
		}
	}
}

func mustAtoi(t *testing.T, s string) int {
	var n int
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Listening on every address (-bind 0.0.0.0, for a phone on the network),
// the server also answers to this computer's name and to the addresses of
// its network interfaces; never to another name.
func TestHostCheckOnEveryAddress(t *testing.T) {
	name, err := os.Hostname()
	if err != nil {
		t.Skip("no host name:", err)
	}
	addrs := machineAddrs()
	if len(addrs) == 0 {
		t.Skip("no interface addresses")
	}
	h := newHostCheck("0.0.0.0", 1313)
	ok := []string{strings.ToUpper(name) + ":1313", "localhost:1313", "0.0.0.0:1313", "127.0.0.1:1313"}
	if !strings.Contains(name, ".") {
		ok = append(ok, name+".local:1313")
	}
	for _, a := range addrs {
		ok = append(ok, net.JoinHostPort(a, "1313"))
	}
	for _, host := range ok {
		if !h.allowed(host) {
			t.Errorf("%s refused", host)
		}
	}
	for _, host := range []string{"evil.example:1313", name + ".evil.example:1313", name + ":1314", "203.0.113.9:1313"} {
		if h.allowed(host) {
			t.Errorf("%s allowed", host)
		}
	}
	// Bound to one address: that one, and this computer's loopback names.
	h = newHostCheck("192.0.2.7", 1313)
	for host, want := range map[string]bool{"192.0.2.7:1313": true, "localhost:1313": true, "192.0.2.8:1313": false, name + ":1313": name == "localhost"} {
		if h.allowed(host) != want {
			t.Errorf("bound to 192.0.2.7: %s allowed %v, want %v", host, !want, want)
		}
	}

	// And the running server, on every address.
	r := startServer(t, smallSite, Config{Bind: "0.0.0.0"})
	_, port, _ := net.SplitHostPort(r.hostPort())
	r.url = "http://" + net.JoinHostPort("127.0.0.1", port) + "/"
	for host, want := range map[string]int{
		net.JoinHostPort(name, port):     200,
		net.JoinHostPort(addrs[0], port): 200,
		"evil.example:" + port:           403,
	} {
		if resp, _ := r.rawGet("/", host); resp.StatusCode != want {
			t.Errorf("bound to 0.0.0.0, Host %s: %d, want %d", host, resp.StatusCode, want)
		}
	}
}

// A folder asked for without its slash is redirected to its cleaned name
// on this site, whatever the path says: never to "//host" (an open
// redirect).
func TestRedirectsStayOnTheSite(t *testing.T) {
	r := startServer(t, smallSite, Config{})
	for target, want := range map[string]string{
		"/verhalen/haven":                        "/verhalen/haven/",
		"/verhalen/haven?x=1":                    "/verhalen/haven/?x=1",
		"//evil.example/..//verhalen/haven":      "/verhalen/haven/",
		"/%2fevil.example%2f..%2fverhalen/haven": "/verhalen/haven/",
		"/%2F%2Fevil.example/../verhalen/haven":  "/verhalen/haven/",
		`/\evil.example/../verhalen/haven`:       "/verhalen/haven/",
		"/%5cevil.example/../verhalen/haven":     "/verhalen/haven/",
		"/./verhalen//haven":                     "/verhalen/haven/",
		"/verhalen/%2e%2e/verhalen/haven":        "/verhalen/haven/",
	} {
		resp, _ := r.rawGet(target, r.hostPort())
		loc := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusMovedPermanently || loc != want {
			t.Errorf("%s: %d Location %q, want 301 %q", target, resp.StatusCode, loc, want)
		}
	}
}

// The live-reload streams are capped in number (503 beyond), and what
// each may send is capped: its path parameter (414), the request header
// (431).
func TestEventStreamLimits(t *testing.T) {
	lim := defaultLimits
	lim.maxClients = 2
	r := startServer(t, smallSite, Config{limits: &lim})
	open := func(query string) (*http.Response, context.CancelFunc) {
		t.Helper()
		ctx, cancel := context.WithCancel(context.Background())
		req, _ := http.NewRequestWithContext(ctx, "GET", r.url+"__ezine/events?"+query, nil)
		resp, err := r.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return resp, func() { cancel(); resp.Body.Close() }
	}
	a, closeA := open("path=/&v=x")
	defer closeA()
	b, closeB := open("path=" + strings.Repeat("a", lim.maxParam) + "&v=x")
	defer closeB()
	if a.StatusCode != 200 || b.StatusCode != 200 {
		t.Fatalf("streams: %d %d", a.StatusCode, b.StatusCode)
	}
	c, closeC := open("path=/&v=x")
	if c.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("a stream beyond the cap: %d", c.StatusCode)
	}
	closeC()
	// A page is served as ever, and a stream closed frees its place.
	if code, _, _ := r.get("/"); code != 200 {
		t.Errorf("GET / with the streams full: %d", code)
	}
	closeA()
	deadline := time.Now().Add(waitFor)
	for {
		d, closeD := open("path=/&v=x")
		closeD()
		if d.StatusCode == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no stream after one closed: %d", d.StatusCode)
		}
		time.Sleep(10 * time.Millisecond)
	}
	d, closeD := open("path=" + strings.Repeat("a", lim.maxParam+1) + "&v=x")
	closeD()
	if d.StatusCode != http.StatusRequestURITooLong {
		t.Errorf("a path parameter of %d bytes: %d", lim.maxParam+1, d.StatusCode)
	}
	resp, _ := r.rawGet("/__ezine/events?path=/&v=x", r.hostPort(), "X-Big: "+strings.Repeat("b", 2*lim.maxHeader)+"\r\n")
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("a header of %d bytes: %d", 2*lim.maxHeader, resp.StatusCode)
	}
}

// A kept-alive connection with no request is closed after the idle time,
// and so is one whose client stops reading a response.
func TestIdleAndStalledConnectionsAreClosed(t *testing.T) {
	lim := defaultLimits
	lim.idle, lim.writeStall = 100*time.Millisecond, 100*time.Millisecond
	const size = 32 << 20 // more than the socket buffers hold
	files := withFile(smallSite, "static/film.mp4", strings.Repeat("f", size))
	r := startServer(t, files, Config{limits: &lim})

	conn, err := net.Dial("tcp", r.hostPort())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET /robots.txt HTTP/1.1\r\nHost: %s\r\n\r\n", r.hostPort())
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	conn.SetReadDeadline(time.Now().Add(waitFor))
	if _, err := br.ReadByte(); !errors.Is(err, io.EOF) {
		t.Errorf("an idle connection: %v, want it closed by the server", err)
	}

	stalled, err := net.Dial("tcp", r.hostPort())
	if err != nil {
		t.Fatal(err)
	}
	defer stalled.Close()
	fmt.Fprintf(stalled, "GET /film.mp4 HTTP/1.1\r\nHost: %s\r\n\r\n", r.hostPort())
	time.Sleep(10 * lim.writeStall)
	stalled.SetReadDeadline(time.Now().Add(waitFor))
	n, err := io.Copy(io.Discard, stalled)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("a stalled download is still open after %v (%d bytes read)", waitFor, n)
	}
	t.Logf("a client that stopped reading got %d of %d bytes", n, size)
	if n >= size {
		t.Errorf("a client that read nothing for %v got all %d bytes", 10*lim.writeStall, n)
	}
}

// Static files are streamed from the site folder with their type, an
// ETag that follows the file, ranges and conditional requests.
func TestStaticFilesStreamFromDisk(t *testing.T) {
	png := "\x89PNG\r\n\x1a\n" + strings.Repeat("\x00", 100)
	files := withFile(smallSite, "static/film.mp4", "0123456789abcdef")
	files = withFile(files, "static/LEESMIJ", png)
	var big strings.Builder // several of the pieces a deadline covers
	for i := 0; big.Len() < 3*stallChunk+100; i++ {
		fmt.Fprintf(&big, "%08d\n", i)
	}
	files = withFile(files, "static/groot.txt", big.String())
	r := startServer(t, files, Config{})
	if _, body := r.rawGet("/groot.txt", r.hostPort()); body != big.String() {
		t.Errorf("a file of %d bytes: got %d bytes", big.Len(), len(body))
	}
	lo, hi := stallChunk-5, 2*stallChunk+5
	if resp, body := r.rawGet("/groot.txt", r.hostPort(), fmt.Sprintf("Range: bytes=%d-%d\r\n", lo, hi)); resp.StatusCode != http.StatusPartialContent || body != big.String()[lo:hi+1] {
		t.Errorf("a range over two pieces: %d, %d bytes", resp.StatusCode, len(body))
	}
	resp, body := r.rawGet("/film.mp4", r.hostPort())
	etag := resp.Header.Get("ETag")
	if resp.StatusCode != 200 || body != "0123456789abcdef" || resp.Header.Get("Content-Type") != "video/mp4" || etag == "" {
		t.Fatalf("GET: %d %q %q ETag %q", resp.StatusCode, body, resp.Header.Get("Content-Type"), etag)
	}
	if resp, body := r.rawGet("/film.mp4", r.hostPort(), "Range: bytes=4-7\r\n"); resp.StatusCode != http.StatusPartialContent || body != "4567" || resp.Header.Get("Content-Range") != "bytes 4-7/16" {
		t.Errorf("Range: %d %q %q", resp.StatusCode, body, resp.Header.Get("Content-Range"))
	}
	if resp, _ := r.rawGet("/film.mp4", r.hostPort(), "If-None-Match: "+etag+"\r\n"); resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: %d", resp.StatusCode)
	}
	if resp, _ := r.rawGet("/LEESMIJ", r.hostPort()); resp.Header.Get("Content-Type") != "image/png" {
		t.Errorf("no extension: %q, want it sniffed", resp.Header.Get("Content-Type"))
	}
	r.write("static/film.mp4", "fedcba9876543210, changed")
	r.eventually("/film.mp4", 200, "changed")
	if resp, _ := r.rawGet("/film.mp4", r.hostPort(), "If-None-Match: "+etag+"\r\n"); resp.StatusCode != 200 || resp.Header.Get("ETag") == etag {
		t.Errorf("after a change: %d, ETag %q (was %q)", resp.StatusCode, resp.Header.Get("ETag"), etag)
	}
}

// While a rebuild runs (held here before its files go in, as a slow page
// would hold it), every request is answered from the last good site: pages,
// static files, 404s, the event stream. A rebuild that takes longer than a
// second (here: the test's limit) says so in the terminal.
func TestServesWhileARebuildRuns(t *testing.T) {
	held, release := make(chan struct{}), make(chan struct{})
	lim := defaultLimits
	lim.slowRebuild = 50 * time.Millisecond
	cfg := Config{limits: &lim, beforeSwap: func(changed []string) {
		for _, p := range changed {
			if p == "content/verhalen/haven.md" {
				close(held)
				<-release
			}
		}
	}}
	r := startServer(t, smallSite, cfg)
	defer func() {
		select {
		case <-release:
		default:
			close(release)
		}
	}()
	r.write("content/verhalen/haven.md", "---\ntitle: De haven\nweight: 1\n---\nDe nieuwe haven.\n")
	select {
	case <-held:
	case <-time.After(waitFor):
		t.Fatal("the rebuild did not start")
	}
	for p, want := range map[string]string{"/": "Welkom", "/verhalen/haven/": "Het verhaal van de haven", "/robots.txt": "User-agent", "/docs/uitleg.txt": "uitleg", "/bestaat-niet/": "<html"} {
		if _, _, body := r.get(p); !strings.Contains(body, want) {
			t.Errorf("%s during the rebuild: %.100q, want %q", p, body, want)
		}
	}
	ev := r.listen("/verhalen/haven/")
	r.waitOut("still rebuilding content/verhalen/haven.md …")
	close(release)
	ev.expect("reload")
	r.eventually("/verhalen/haven/", 200, "De nieuwe haven.")
	out := r.out.String()
	if i, j := strings.Index(out, "still rebuilding"), strings.Index(out, "content/verhalen/haven.md: 1 file rendered"); i < 0 || j < i {
		t.Errorf("the rebuild's lines are not in order:\n%s", out)
	}
}
