//go:build unix

package output

import (
	"io/fs"

	"golang.org/x/sys/unix"
)

// A rawFile is a file written with plain system calls: an *os.File costs
// a registration with the poller (which a regular file refuses, one more
// system call) and a cleanup for the garbage collector, for each of the
// hundreds of thousands of files of a large site.
type rawFile struct {
	fd   int
	name string
}

// createFile creates name, which must not exist, for writing.
func createFile(name string) (fileWriter, error) {
	for {
		fd, err := unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_CLOEXEC, 0o644)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return &rawFile{fd: fd, name: name}, nil
	}
}

func (f *rawFile) Write(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		m, err := unix.Write(f.fd, p[n:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return n, &fs.PathError{Op: "write", Path: f.name, Err: err}
		}
		n += m
	}
	return n, nil
}

func (f *rawFile) Close() error {
	// Close is not retried on EINTR: on Linux the descriptor is released
	// whatever it returns.
	if err := unix.Close(f.fd); err != nil && err != unix.EINTR {
		return &fs.PathError{Op: "close", Path: f.name, Err: err}
	}
	return nil
}
