//go:build unix

package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

// errLocked says another build holds a folder's lock.
var errLocked = i18n.Errorf("locked by a running build")

// lockDir opens the folder dir and takes an exclusive flock on it, waiting
// for it when wait is set, else failing with errLocked at once. The lock
// lasts until unlock, or until the process ends.
func lockDir(dir string, wait bool) (*os.File, error) {
	f, err := os.OpenFile(dir, os.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	how := unix.LOCK_EX
	if !wait {
		how |= unix.LOCK_NB
	}
	for {
		err = unix.Flock(int(f.Fd()), how)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, errLocked
		}
		return nil, &os.PathError{Op: "flock", Path: dir, Err: err}
	}
	return f, nil
}

// unlock releases a lock from lockDir (closing the folder drops it).
func unlock(f *os.File) {
	if f != nil {
		f.Close()
	}
}
