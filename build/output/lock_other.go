//go:build !unix

package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// lock creates out + ".lock" exclusively. Without flock, a killed build
// leaves the file behind, and it must be removed by hand.
func lock(out string) (unlock func(), err error) {
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	name := out + ".lock"
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		pid, _ := os.ReadFile(name)
		return nil, fmt.Errorf("output: another build is writing %s%c (pid %s; if there is none, remove %s)", out, filepath.Separator, pid, name)
	} else if err != nil {
		return nil, fmt.Errorf("output: lock: %w", err)
	}
	f.WriteString(strconv.Itoa(os.Getpid()))
	f.Close()
	return func() { os.Remove(name) }, nil
}
