package evaluate

import (
	"os"
	"path/filepath"
)

// FindCorpus returns the dev corpus folder: $NEWSPIPE_CORPUS when set,
// else the first shared/corpus folder found beside start or one of its
// parents (the repository is checked out next to ../shared), else "".
func FindCorpus(start string) string {
	if env := os.Getenv("NEWSPIPE_CORPUS"); env != "" {
		return env
	}
	dir, err := filepath.Abs(start)
	if err != nil {
		return ""
	}
	for {
		c := filepath.Join(dir, "shared", "corpus")
		if st, err := os.Stat(c); err == nil && st.IsDir() {
			return c
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
