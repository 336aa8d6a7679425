//go:build !unix

package output

import (
	"errors"
	"os"

	"github.com/lwa-rotterdam/ezine/generator/i18n"
)

var errLocked = i18n.Errorf("locked by a running build")

// lockDir is not available here: builds do not mark their staging folders,
// so the folders of killed builds are not told apart and not removed.
func lockDir(dir string, wait bool) (*os.File, error) { return nil, errors.ErrUnsupported }

func unlock(f *os.File) {}
