package main

import "testing"

func TestHeapLimit(t *testing.T) {
	const mb = 1 << 20
	tests := []struct {
		name      string
		rlimit    uint64
		vm        uint64
		procs     int
		want      int64
		wantLimit bool
	}{
		{"2 GiB limit, 1.5 GB mapped at start, 2 procs", 2048 * mb, 1532 * mb, 2, 114 * mb, true},
		{"8 GiB limit, 8 procs", 8192 * mb, 2000 * mb, 8, 2520 * mb, true},
		{"little left", 2048 * mb, 2000 * mb, 2, 64 * mb, true},
		{"over the limit already", 1024 * mb, 1500 * mb, 2, 64 * mb, true},
		{"VmSize unknown", 2048 * mb, 0, 2, 0, false},
	}
	for _, tc := range tests {
		got, ok := heapLimit(tc.rlimit, tc.vm, tc.procs)
		if got != tc.want || ok != tc.wantLimit {
			t.Errorf("%s: heapLimit = %d MB, %v; want %d MB, %v", tc.name, got/mb, ok, tc.want/mb, tc.wantLimit)
		}
	}
}

func TestVMSize(t *testing.T) {
	status := []byte("Name:\tezine\nVmPeak:\t 1700000 kB\nVmSize:\t 1632620 kB\nVmRSS:\t 40000 kB\n")
	if got := vmSize(status); got != 1632620<<10 {
		t.Errorf("vmSize = %d", got)
	}
	if got := vmSize([]byte("Name:\tezine\n")); got != 0 {
		t.Errorf("vmSize without VmSize = %d", got)
	}
}
