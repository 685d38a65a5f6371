// Package gctune holds newspipe's garbage collector policy, shared by the
// command (crawl, extract) and by the benchmarks, so that a benchmark
// measures the crawl with the settings a user's run gets.
package gctune

import (
	"bufio"
	"bytes"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// Percent is the collector target newspipe uses when GOGC is not set.
// Extraction keeps only a few MB live per worker (one page's tree and text)
// but allocates about five times a page's size, so at Go's default of 100
// the collector ran 240 times over 900 corpus pages; at 400 it runs 40
// times, the heap grows to five times the live data (tens of MB) and the run
// takes about 20% less CPU. 800 was no faster and used more memory; 200 was
// in between.
const Percent = 400

// fallbackMemoryLimit is the soft memory limit used when GOMEMLIMIT is not
// set and the machine's memory cannot be read.
const fallbackMemoryLimit = 1 << 30

// Tune sets the collector target (Percent) when getenv("GOGC") is empty, and
// a soft memory limit of half of memTotal() (the smaller of the machine's
// and the cgroup's memory; fallbackMemoryLimit when that is unknown) when
// getenv("GOMEMLIMIT") is empty, so that the higher target never lets the
// heap outgrow the machine: near the limit the collector runs as often as it
// needs to. A variable the user set is left alone. Tune returns a function
// that restores the previous settings.
func Tune(getenv func(string) string, memTotal func() int64) (restore func()) {
	var undo []func()
	if getenv("GOGC") == "" {
		old := debug.SetGCPercent(Percent)
		undo = append(undo, func() { debug.SetGCPercent(old) })
	}
	if getenv("GOMEMLIMIT") == "" {
		limit := int64(fallbackMemoryLimit)
		if total := memTotal(); total > 0 {
			limit = total / 2
		}
		old := debug.SetMemoryLimit(limit)
		undo = append(undo, func() { debug.SetMemoryLimit(old) })
	}
	return func() {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
	}
}

// ForRun is Tune with the process environment and SystemMemory: what a
// newspipe run uses.
func ForRun() (restore func()) { return Tune(os.Getenv, SystemMemory) }

// SystemMemory returns the memory available to this process in bytes: the
// smaller of the physical memory (/proc/meminfo) and the cgroup limit
// (v2 memory.max or v1 memory.limit_in_bytes), or 0 when neither can be
// read (not Linux).
func SystemMemory() int64 {
	return memoryFrom(os.ReadFile)
}

// memoryFrom is SystemMemory reading its files through readFile.
func memoryFrom(readFile func(string) ([]byte, error)) int64 {
	var total int64
	if b, err := readFile("/proc/meminfo"); err == nil {
		total = memTotalKB(b) * 1024
	}
	for _, path := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		b, err := readFile(path)
		if err != nil {
			continue
		}
		// "max" (v2) or a huge page-rounded number (v1) means no limit.
		n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
		if err != nil || n <= 0 || n >= 1<<60 {
			continue
		}
		if total == 0 || n < total {
			total = n
		}
	}
	return total
}

// memTotalKB returns the MemTotal line of /proc/meminfo in kB, or 0.
func memTotalKB(meminfo []byte) int64 {
	sc := bufio.NewScanner(bytes.NewReader(meminfo))
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:")
		if !ok {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
		if err != nil {
			return 0
		}
		return n
	}
	return 0
}
