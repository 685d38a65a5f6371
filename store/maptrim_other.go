//go:build !linux

package store

// releaseMapped is a no-op where MADV_DONTNEED is not known to leave a
// shared file mapping intact.
func releaseMapped(addr, n uintptr) {}
