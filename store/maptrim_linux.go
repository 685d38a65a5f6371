package store

import "syscall"

// releaseMapped drops the process's mappings of the n bytes of a file
// mapped at addr (MADV_DONTNEED). The mapping is shared and read-only, so
// no data is lost: the pages stay in the kernel's page cache and the next
// read maps them again.
func releaseMapped(addr, n uintptr) {
	if addr == 0 || n == 0 {
		return
	}
	syscall.Syscall(syscall.SYS_MADVISE, addr, n, syscall.MADV_DONTNEED)
}
