package main

import (
	"bytes"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"syscall"
)

// fitHeapToAddressSpace gives the garbage collector a soft memory limit
// when the process runs under an address-space limit (ulimit -v) and
// GOMEMLIMIT is not set. The Go runtime does not know about RLIMIT_AS:
// it lets the heap grow to twice what is live, and a build of a large
// site then fails with "fatal error: out of memory" while most of the
// limit is reservations that hold no data (the runtime's own, about 1 GB,
// and 64 MB for each thread's C malloc arena, as net links the C library).
// Measured: 20,000 pages in one folder under a 2 GiB limit died with
// 205-243 MB of heap in use; with this limit the build passes
// (BENCHMARKS.md).
func fitHeapToAddressSpace() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &rl); err != nil || rl.Cur == ^uint64(0) {
		return
	}
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return
	}
	if limit, ok := heapLimit(rl.Cur, vmSize(status), runtime.GOMAXPROCS(0)); ok {
		debug.SetMemoryLimit(limit)
	}
}

// heapLimit is the soft memory limit for a process that may map rlimit
// bytes, has mapped vm and runs procs threads of Go code: half of what is
// left once every thread that may yet start (two per proc) has its C
// malloc arena (64 MB) and stack (8 MB); the other half is for the
// runtime's own mappings and the heap's growth in 64 MB arenas. At least
// 64 MB, or nothing when vm is unknown. Under a 2 GiB limit with 2 procs
// (1.5 GB mapped at start) that is about 110 MB: measured, 100 MB lets a
// build of 20,000 pages in one folder pass and 170 MB does not.
func heapLimit(rlimit, vm uint64, procs int) (int64, bool) {
	if vm == 0 {
		return 0, false
	}
	const floor = 64 << 20
	reserve := uint64(2*procs) * (72 << 20)
	if vm+reserve >= rlimit || (rlimit-vm-reserve)/2 < floor {
		return floor, true
	}
	return int64((rlimit - vm - reserve) / 2), true
}

// vmSize reads VmSize (in kB) from the text of /proc/self/status, in
// bytes; 0 when it is not there.
func vmSize(status []byte) uint64 {
	for line := range bytes.SplitSeq(status, []byte("\n")) {
		if rest, ok := bytes.CutPrefix(line, []byte("VmSize:")); ok {
			kb, err := strconv.ParseUint(string(bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(rest), []byte("kB")))), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}
