package durable

// unsupported reports an error of a file system that does not sync
// directories: on Windows a directory handle cannot be flushed, and the
// file system orders its metadata updates itself.
func unsupported(error) bool { return true }
