package main

import (
	"flag"

	"github.com/lwa-rotterdam/ezine/generator/serve"
)

func runServe(c *call, args []string) int {
	stdout, stderr := c.stdout, c.stderr
	fs := c.newFlags("serve",
		"Preview the site: build it into memory with drafts and future pages shown, serve it,\n"+
			"and rebuild and reload the browser on every saved change. Build errors show in the\n"+
			"browser over the last good version. Nothing is written to disk.")
	source := fs.String("source", ".", "site `folder`, holding content/ and optionally themes/ and static/")
	bind := fs.String("bind", "127.0.0.1", "`address` to listen on; the default keeps the preview on this computer, 0.0.0.0 shows it\nto the network (it answers only to this computer's own names and addresses)")
	port := fs.Int("port", serve.DefaultPort, "`port` to listen on; when the default is taken the next free one is used")
	poll := fs.Duration("poll", 0, "poll for changes at this `interval` (such as 1s) instead of waiting for file system\nevents, for network shares and containers where events do not arrive")
	if code := c.parse(fs, args); code >= 0 {
		return code
	}
	portSet := false
	fs.Visit(func(f *flag.Flag) { portSet = portSet || f.Name == "port" })
	if *port < 0 || *port > 65535 {
		c.printf(stderr, "-port %d is not a port number\n", *port)
		return exitUsage
	}
	if *poll < 0 {
		c.printf(stderr, "-poll %v must be positive\n", *poll)
		return exitUsage
	}
	err := serve.Run(c.ctx, serve.Config{
		Source:    *source,
		Bind:      *bind,
		Port:      *port,
		PortFixed: portSet,
		Poll:      *poll,
		Stdout:    stdout,
		Stderr:    stderr,
		Lang:      c.lang,
	})
	if err != nil {
		c.printf(stderr, "serve: %v\n", err)
		return exitError
	}
	return exitOK
}
