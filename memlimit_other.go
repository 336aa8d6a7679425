//go:build !linux

package main

// fitHeapToAddressSpace does nothing where the address-space limit and
// /proc/self/status cannot be read (see memlimit_linux.go).
func fitHeapToAddressSpace() {}
