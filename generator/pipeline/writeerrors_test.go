package pipeline

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"testing/fstest"

	"github.com/lwa-rotterdam/ezine/generator/output"
)

// fullDisk is a Target that takes the first room files and then fails
// every write as a full disk does (ENOSPC from write(2)).
type fullDisk struct {
	room    int32
	created atomic.Int32
	errno   syscall.Errno
}

func (d *fullDisk) Create(name string) (io.WriteCloser, error) {
	if d.created.Add(1) > d.room {
		return failingFile{name, d.errno}, nil
	}
	return output.NewMemory().Create(name)
}

type failingFile struct {
	name  string
	errno syscall.Errno
}

func (f failingFile) Write(p []byte) (int, error) {
	return 0, &fs.PathError{Op: "write", Path: "/srv/public/.public.staging-1/" + f.name, Err: f.errno}
}
func (f failingFile) Close() error { return nil }

// TestWriteErrorsOnce: a full disk fails every file after it fills up; the
// build says so once, with the count (review 3.4 printed 151 lines), and a
// single failed file is still named on its own.
func TestWriteErrorsOnce(t *testing.T) {
	fsys := fstest.MapFS{}
	for i := range 20 {
		fsys[fmt.Sprintf("content/s/p%d.md", i)] = &fstest.MapFile{Data: fmt.Appendf(nil, "---\ntitle: P%d\n---\nTekst.\n", i)}
	}
	cfg := Config{Now: testNow, ThemeFS: testTheme}
	for _, tt := range []struct {
		name  string
		disk  *fullDisk
		count string
	}{
		{"full", &fullDisk{room: 3, errno: syscall.ENOSPC}, "no space left on device"},
		{"quota", &fullDisk{room: 1, errno: syscall.EDQUOT}, "disk quota exceeded"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := Run(context.Background(), fsys, tt.disk, cfg)
			errs := diags.Errors()
			failed := int(tt.disk.created.Load() - tt.disk.room)
			if len(errs) != 1 || !strings.Contains(errs[0].Error(), fmt.Sprintf("%d files could not be written, ", failed)) ||
				!strings.Contains(errs[0].Error(), "among them: "+tt.count) ||
				errs[0].Hint == "" {
				t.Fatalf("%d files failed; want one error with the count, got:\n%v", failed, diags)
			}
		})
	}

	// One file that fails is named on its own.
	one := &fullDisk{room: 1 << 30, errno: syscall.ENOSPC}
	_, diags := Run(context.Background(), fsys, onlyFailing{one, "s/p7/index.html"}, cfg)
	if errs := diags.Errors(); len(errs) != 1 || !strings.Contains(errs[0].Error(), "content/s/p7.md: write s/p7/index.html:") {
		t.Errorf("one failed file: %v", diags)
	}
}

// onlyFailing fails the file name only.
type onlyFailing struct {
	*fullDisk
	name string
}

func (o onlyFailing) Create(name string) (io.WriteCloser, error) {
	if name == o.name {
		return failingFile{name, o.errno}, nil
	}
	return output.NewMemory().Create(name)
}
