//go:build !linux

package crawler_test

import (
	"errors"
	"testing"
)

// confineCPU needs Linux cgroups.
func confineCPU(tb testing.TB, pid int, cores float64) error {
	return errors.New("confining a process to a CPU quota needs Linux cgroups")
}

// cgroupWritable reports that confineCPU cannot work here.
func cgroupWritable() error {
	return errors.New("a CPU quota needs Linux cgroups")
}
