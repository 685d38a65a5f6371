//go:build !windows

package durable

import (
	"errors"
	"syscall"
)

// unsupported reports an error of a file system that does not sync
// directories.
func unsupported(err error) bool {
	return errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP)
}
