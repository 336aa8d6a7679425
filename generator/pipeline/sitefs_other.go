//go:build !linux

package pipeline

import "errors"

// fastDir is Linux-only (openat2); elsewhere every read takes the root.
type fastDir struct{}

func openFastDir(string) *fastDir { return nil }

func (*fastDir) close() {}

func (*fastDir) readFile(string) ([]byte, error) { return nil, errors.ErrUnsupported }
