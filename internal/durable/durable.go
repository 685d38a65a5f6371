// Package durable makes a rename survive a power loss. A rename is an
// update of the directory, not of the file: until the directory itself is
// synced, a crash of the machine can bring the old name back (the frontier
// file of the previous run, a crawl's output under its temporary name) even
// though the file's own data was synced. newspipe renames files into place
// at the end of a run (outputs, WARC files, frontier.db, exports), and a
// cron job that believes a run finished must find its files under their
// final names.
package durable

import (
	"fmt"
	"os"
	"path/filepath"
)

// Rename renames oldpath to newpath, as os.Rename does, and then syncs the
// directory of newpath (and that of oldpath when it differs), so that the
// new name is on stable storage when Rename returns. The caller syncs the
// file's data before. Errors name the files.
func Rename(oldpath, newpath string) error {
	if err := os.Rename(oldpath, newpath); err != nil {
		return err // *os.LinkError names both files
	}
	if err := SyncDir(filepath.Dir(newpath)); err != nil {
		return err
	}
	if od := filepath.Dir(oldpath); od != filepath.Dir(newpath) {
		return SyncDir(od)
	}
	return nil
}

// SyncDir commits the entries of directory dir (names made, renamed or
// removed in it) to stable storage. File systems that cannot sync a
// directory (it reports EINVAL, as some network and Windows file systems
// do) are left alone: there is nothing more to be had from them.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !unsupported(err) {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	return nil
}
