package gctune

import (
	"errors"
	"io/fs"
	"math"
	"runtime/debug"
	"testing"
)

func TestTune(t *testing.T) {
	origPercent := debug.SetGCPercent(100)
	origLimit := debug.SetMemoryLimit(math.MaxInt64)
	defer debug.SetGCPercent(origPercent)
	defer debug.SetMemoryLimit(origLimit)

	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	restore := Tune(getenv, func() int64 { return 8 << 30 })
	if p := debug.SetGCPercent(-1); p != Percent {
		t.Errorf("GC percent = %d, want %d", p, Percent)
	}
	debug.SetGCPercent(Percent)
	if l := debug.SetMemoryLimit(-1); l != 4<<30 {
		t.Errorf("memory limit = %d, want half of 8 GiB", l)
	}
	restore()
	if p := debug.SetGCPercent(-1); p != 100 {
		t.Errorf("restored GC percent = %d, want 100", p)
	}
	debug.SetGCPercent(100)
	if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
		t.Errorf("restored memory limit = %d", l)
	}

	restore = Tune(getenv, func() int64 { return 0 })
	if l := debug.SetMemoryLimit(-1); l != fallbackMemoryLimit {
		t.Errorf("memory limit without a known memory size = %d, want %d", l, fallbackMemoryLimit)
	}
	restore()

	env["GOGC"], env["GOMEMLIMIT"] = "200", "1GiB"
	restore = Tune(getenv, func() int64 { return 8 << 30 })
	if p := debug.SetGCPercent(-1); p != 100 {
		t.Errorf("GOGC set: GC percent = %d, want it left at 100", p)
	}
	debug.SetGCPercent(100)
	if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
		t.Errorf("GOMEMLIMIT set: memory limit = %d, want it left alone", l)
	}
	restore()
}

func TestMemoryFrom(t *testing.T) {
	const meminfo = "MemTotal:        8131868 kB\nMemFree:          265360 kB\n"
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  int64
	}{
		{"meminfo only", map[string]string{"/proc/meminfo": meminfo}, 8131868 * 1024},
		{"cgroup v2 without limit", map[string]string{"/proc/meminfo": meminfo, "/sys/fs/cgroup/memory.max": "max\n"}, 8131868 * 1024},
		{"cgroup v2 limit", map[string]string{"/proc/meminfo": meminfo, "/sys/fs/cgroup/memory.max": "2147483648\n"}, 2 << 30},
		{"cgroup v1 without limit", map[string]string{"/proc/meminfo": meminfo, "/sys/fs/cgroup/memory/memory.limit_in_bytes": "9223372036854771712\n"}, 8131868 * 1024},
		{"cgroup limit above memory", map[string]string{"/proc/meminfo": meminfo, "/sys/fs/cgroup/memory.max": "17179869184"}, 8131868 * 1024},
		{"cgroup only", map[string]string{"/sys/fs/cgroup/memory/memory.limit_in_bytes": "1073741824"}, 1 << 30},
		{"nothing", nil, 0},
		{"garbled", map[string]string{"/proc/meminfo": "MemTotal: lots\n"}, 0},
	} {
		readFile := func(path string) ([]byte, error) {
			if s, ok := tc.files[path]; ok {
				return []byte(s), nil
			}
			return nil, errors.New("open " + path + ": " + fs.ErrNotExist.Error())
		}
		if got := memoryFrom(readFile); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
}
