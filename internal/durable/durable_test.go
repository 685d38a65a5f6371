package durable

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRename(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "sub")
	if err := os.Mkdir(other, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, from, to string }{
		{"same directory", filepath.Join(dir, "a.part"), filepath.Join(dir, "a.jsonl")},
		{"other directory", filepath.Join(other, "b.part"), filepath.Join(dir, "b.jsonl")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := os.WriteFile(tc.from, []byte("line\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := Rename(tc.from, tc.to); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(tc.from); !os.IsNotExist(err) {
				t.Errorf("old name still there: %v", err)
			}
			if b, err := os.ReadFile(tc.to); err != nil || string(b) != "line\n" {
				t.Errorf("new name: %q, %v", b, err)
			}
		})
	}
}

func TestRenameErrorsNameTheFiles(t *testing.T) {
	dir := t.TempDir()
	from, to := filepath.Join(dir, "missing.part"), filepath.Join(dir, "out.jsonl")
	err := Rename(from, to)
	if err == nil || !strings.Contains(err.Error(), from) || !strings.Contains(err.Error(), to) {
		t.Errorf("Rename of a missing file: %v, want an error naming both files", err)
	}
}

func TestSyncDir(t *testing.T) {
	dir := t.TempDir()
	if err := SyncDir(dir); err != nil {
		t.Errorf("SyncDir(%s): %v", dir, err)
	}
	gone := filepath.Join(dir, "gone")
	if err := SyncDir(gone); err == nil || !strings.Contains(err.Error(), gone) {
		t.Errorf("SyncDir of a missing directory: %v, want an error naming it", err)
	}
}
