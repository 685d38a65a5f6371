package crawler_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// confineCPU limits process pid to cores CPUs with a CFS quota in a cgroup
// of its own, so that a worker process of BenchmarkScaleOut stands for a
// machine of that size however many processes share this one's cores. It
// tries cgroup v1's cpu controller, then cgroup v2's root, and removes the
// group when the test ends (after the process exited). The process runs
// unconfined for the moment between its start and this call.
func confineCPU(tb testing.TB, pid int, cores float64) error {
	tb.Helper()
	const period = 100000 // µs, the kernel's default CFS period
	quota := int(cores * period)
	name := fmt.Sprintf("newspipe-bench-%d", pid)
	var errs []error
	for _, c := range []struct{ root, limitFile, limit string }{
		{"/sys/fs/cgroup/cpu", "cpu.cfs_quota_us", strconv.Itoa(quota)},
		{"/sys/fs/cgroup", "cpu.max", fmt.Sprintf("%d %d", quota, period)},
	} {
		dir := filepath.Join(c.root, name)
		if err := os.Mkdir(dir, 0o755); err != nil {
			errs = append(errs, err)
			continue
		}
		tb.Cleanup(func() { os.Remove(dir) })
		if err := os.WriteFile(filepath.Join(dir, c.limitFile), []byte(c.limit), 0o644); err != nil {
			errs = append(errs, err)
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, "cgroup.procs"), []byte(strconv.Itoa(pid)), 0o644); err != nil {
			errs = append(errs, err)
			continue
		}
		return nil
	}
	return fmt.Errorf("confine process %d to %.2f cores (needs a writable cgroup cpu controller, as root): %w", pid, cores, errors.Join(errs...))
}

// cgroupWritable reports why confineCPU cannot work here, or nil: it makes
// a group where confineCPU would, checks that it has the quota file, and
// removes it.
func cgroupWritable() error {
	var errs []error
	for _, c := range []struct{ root, limitFile string }{
		{"/sys/fs/cgroup/cpu", "cpu.cfs_quota_us"},
		{"/sys/fs/cgroup", "cpu.max"},
	} {
		dir := filepath.Join(c.root, fmt.Sprintf("newspipe-bench-probe-%d", os.Getpid()))
		if err := os.Mkdir(dir, 0o755); err != nil {
			errs = append(errs, err)
			continue
		}
		_, err := os.Stat(filepath.Join(dir, c.limitFile))
		os.Remove(dir)
		if err == nil {
			return nil
		}
		errs = append(errs, err)
	}
	return fmt.Errorf("no writable cgroup cpu controller: %w", errors.Join(errs...))
}
