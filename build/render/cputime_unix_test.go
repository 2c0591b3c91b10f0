//go:build unix

package render

import (
	"syscall"
	"time"
)

// cpuTime returns the user and system CPU time the process has used, so
// that benchmarks on a shared machine can report CPU per page beside wall
// time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
