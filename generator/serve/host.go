package serve

import (
	"net"
	"os"
	"strconv"
	"strings"
)

// hostCheck decides which Host headers the dev server answers: the names
// and addresses of this computer that it listens on, with its port, as
// Vite and webpack-dev-server do. A web page on another site can point its
// own name at 127.0.0.1 (DNS rebinding) and then read the preview, drafts
// included, as if it were its own; its requests name that site as Host,
// and are refused.
type hostCheck struct {
	port  string
	names map[string]bool // lower case; IPv6 addresses without brackets
	// anyAddr is set when the server listens on every address (-bind
	// 0.0.0.0): a phone on the network may then use this computer's name
	// or any of its addresses, which can change while it runs (DHCP).
	anyAddr bool
}

// newHostCheck returns the check for a server listening on bind and port.
func newHostCheck(bind string, port int) *hostCheck {
	h := &hostCheck{port: strconv.Itoa(port), names: map[string]bool{
		"localhost": true,
		"127.0.0.1": true,
		"::1":       true,
	}}
	h.names[normalHost(bind)] = true
	if ip := net.ParseIP(bind); ip != nil && ip.IsUnspecified() {
		h.anyAddr = true
		h.addMachine()
	}
	return h
}

// addMachine adds this computer's name and addresses.
func (h *hostCheck) addMachine() {
	if name, err := os.Hostname(); err == nil && name != "" {
		name = normalHost(name)
		h.names[name] = true
		if !strings.Contains(name, ".") {
			h.names[name+".local"] = true // its name on the local network (mDNS)
		}
	}
	for _, ip := range machineAddrs() {
		h.names[ip] = true
	}
}

// machineAddrs lists the addresses of this computer's network interfaces.
func machineAddrs() []string {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	var out []string
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok {
			out = append(out, n.IP.String())
		}
	}
	return out
}

// allowed reports whether a request with this Host header is for this
// server.
func (h *hostCheck) allowed(hostHeader string) bool {
	name, port, err := net.SplitHostPort(hostHeader)
	if err != nil {
		name, port = hostHeader, "80" // no port: HTTP's own
	}
	if port != h.port || name == "" {
		return false
	}
	name = normalHost(name)
	// Names under .localhost always mean this computer (RFC 6761);
	// browsers never ask the DNS for them.
	if h.names[name] || strings.HasSuffix(name, ".localhost") {
		return true
	}
	if h.anyAddr && net.ParseIP(name) != nil {
		// An address the computer got since the server started.
		for _, ip := range machineAddrs() {
			if ip == name {
				return true
			}
		}
	}
	return false
}

// normalHost writes a host name or address one way: lower case, without
// IPv6 brackets or a final dot, an address in its shortest form.
func normalHost(s string) string {
	s = strings.TrimSuffix(strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")), ".")
	if ip := net.ParseIP(s); ip != nil {
		return ip.String()
	}
	return s
}
