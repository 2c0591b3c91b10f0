//go:build !unix

package output

import "os"

// createFile creates name, which must not exist, for writing.
func createFile(name string) (fileWriter, error) {
	return os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}
