package pipeline

import (
	"errors"
	"syscall"

	"github.com/lwa-rotterdam/ezine/generator/diag"
	"github.com/lwa-rotterdam/ezine/generator/i18n"
	"github.com/lwa-rotterdam/ezine/generator/output"
)

// collapseWriteErrors replaces the write errors that share one system
// error by a single problem with their count: a full disk, a quota or a
// read-only destination fails every file after the first, and one line
// says more than hundreds. A file that fails alone keeps its own line.
func collapseWriteErrors(diags diag.List) diag.List {
	type group struct {
		first   string // output file of the first error listed
		n       int
		printed bool
	}
	groups := map[syscall.Errno]*group{}
	for _, e := range diags {
		if name, errno, ok := writeErrno(e); ok {
			if groups[errno] == nil {
				groups[errno] = &group{first: name}
			}
			groups[errno].n++
		}
	}
	out := make(diag.List, 0, len(diags))
	for _, e := range diags {
		_, errno, ok := writeErrno(e)
		g := groups[errno]
		switch {
		case !ok || g.n == 1:
			out = append(out, e)
		case !g.printed:
			g.printed = true
			out = append(out, &diag.Error{
				Err:  i18n.Errorf("%d files could not be written, %s among them: %w", g.n, g.first, errno),
				Hint: writeHint(errno),
			})
		}
	}
	return out
}

// writeErrno returns the output file and the system error of a problem
// that is a failed write of the output.
func writeErrno(e *diag.Error) (string, syscall.Errno, bool) {
	var we *output.WriteError
	var errno syscall.Errno
	if e.Severity != diag.SevError || !errors.As(e, &we) || !errors.As(we.Err, &errno) {
		return "", 0, false
	}
	return we.Name, errno, true
}

// writeHint says what to do about a system error that fails every write.
func writeHint(errno syscall.Errno) string {
	switch errno {
	case syscall.ENOSPC, syscall.EDQUOT:
		return "free space on the disk of the destination, or choose another -destination, and build again"
	case syscall.EROFS:
		return "the destination's disk is mounted read-only; choose another -destination"
	case syscall.EACCES, syscall.EPERM:
		return "check that the destination's folder may be written to"
	case syscall.EIO:
		return "the disk reports errors; check it, or choose another -destination"
	}
	return ""
}
