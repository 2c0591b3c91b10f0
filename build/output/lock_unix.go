//go:build unix

package output

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"
)

// lock takes the exclusive lock on out + ".lock", making out's parent
// directory if need be. The lock goes with the process, however it ends.
func lock(out string) (unlock func(), err error) {
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	name := out + ".lock"
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("output: lock: %w", err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		defer f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			pid, _ := os.ReadFile(name)
			if pid = bytes.TrimSpace(pid); len(pid) == 0 {
				pid = []byte("unknown")
			}
			return nil, fmt.Errorf("output: another build is writing %s%c (pid %s)", out, filepath.Separator, pid)
		}
		return nil, fmt.Errorf("output: lock %s: %w", name, err)
	}
	// The pid is for the message above only: the flock is the lock.
	f.Truncate(0)
	f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return func() { f.Close() }, nil
}
