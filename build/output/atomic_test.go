//go:build linux

package output

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// TestAtomic fails builds in many ways, full and incremental, and expects
// the previous out byte for byte, nothing left beside it, and an error that
// names the cause.
func TestAtomic(t *testing.T) {
	old := smallSite(20)
	next := smallSite(30)
	half := func(err error) iter.Seq2[File, error] {
		return func(yield func(File, error) bool) {
			for i, f := range next {
				if i == len(next)/2 {
					yield(File{}, err)
					return
				}
				if !yield(f, nil) {
					return
				}
			}
		}
	}
	for _, tt := range []struct {
		name  string
		files func(cancel context.CancelFunc) iter.Seq2[File, error]
		opt   Options
		want  string
	}{
		{
			name:  "producer error",
			files: func(context.CancelFunc) iter.Seq2[File, error] { return half(errors.New("template patent.html: boom")) },
			want:  "output: template patent.html: boom",
		},
		{
			name: "cancelled",
			files: func(cancel context.CancelFunc) iter.Seq2[File, error] {
				return func(yield func(File, error) bool) {
					for i, f := range next {
						if i == len(next)/2 {
							cancel()
						}
						if !yield(f, nil) {
							return
						}
					}
				}
			},
			want: "stopped: context canceled",
		},
		{
			name:  "disk full",
			files: func(context.CancelFunc) iter.Seq2[File, error] { return files(next...) },
			opt: Options{faults: &faults{writeFn: func(p string) error {
				if p == "patent/EP0000025A1/index.html" {
					return syscall.ENOSPC
				}
				return nil
			}}},
			want: "output: writing patent/EP0000025A1/index.html: no space left on device",
		},
		{
			name: "broken link",
			files: func(context.CancelFunc) iter.Seq2[File, error] {
				return files(append(next, page("x.html", []string{"nowhere.html"}))...)
			},
			opt:  Options{CheckLinks: true},
			want: "x.html: nowhere.html (no file nowhere.html)",
		},
		{
			name: "bad minify",
			files: func(context.CancelFunc) iter.Seq2[File, error] {
				return files(append(next, File{Path: "a.js", Data: []byte("var = ;")})...)
			},
			want: "output: minify a.js:",
		},
		{
			name:  "zip in a missing directory",
			files: func(context.CancelFunc) iter.Seq2[File, error] { return files(next...) },
			opt:   Options{Zip: "/nonexistent/dir/site.zip"},
			want:  "output: zip: open /nonexistent/dir/site.zip",
		},
	} {
		for _, full := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/full=%v", tt.name, full), func(t *testing.T) {
				parent := t.TempDir()
				out := filepath.Join(parent, "public")
				mustWrite(t, out, old, Options{})
				before := tree(t, parent)

				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				opt := tt.opt
				opt.Full = full
				_, err := Write(ctx, out, tt.files(cancel), opt)
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("Write = %v, want an error with %q", err, tt.want)
				}
				if d := diffTrees(before, tree(t, parent)); d != "" {
					t.Errorf("the parent of out changed:\n%s", d)
				}
				mustWrite(t, out, next, Options{}) // and it still builds
			})
		}
	}
}

// mount mounts a file system for a test, or skips it where that is not
// allowed.
func mount(t *testing.T, source, target, fstype string, flags uintptr, data string) {
	t.Helper()
	if err := unix.Mount(source, target, fstype, flags, data); err != nil {
		t.Skipf("cannot mount %s on %s: %v", fstype, target, err)
	}
	if flags&unix.MS_REMOUNT != 0 {
		return
	}
	t.Cleanup(func() {
		if err := unix.Unmount(target, unix.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", target, err)
		}
	})
}

// TestNoSpace fills a real, tiny tmpfs.
func TestNoSpace(t *testing.T) {
	parent := t.TempDir()
	mount(t, "tmpfs", parent, "tmpfs", 0, "size=512k")
	out := filepath.Join(parent, "public")
	old := smallSite(5)
	mustWrite(t, out, old, Options{})
	before := tree(t, parent)

	big := append(smallSite(5), File{Path: "big/index.html", Data: bytes.Repeat([]byte("<p>x</p>\n"), 100_000)})
	for _, full := range []bool{false, true} {
		_, err := Write(context.Background(), out, files(big...), Options{Full: full})
		if err == nil || !strings.Contains(err.Error(), "output: writing big/index.html: no space left on device") {
			t.Errorf("Write(full=%v) on a full disk = %v, want no space left while writing big/index.html", full, err)
		}
		if d := diffTrees(before, tree(t, parent)); d != "" {
			t.Errorf("after Write(full=%v), the parent of out changed:\n%s", full, d)
		}
	}
}

// TestReadOnly builds below a read-only directory.
func TestReadOnly(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	mustWrite(t, out, smallSite(3), Options{})
	before := tree(t, parent)
	if os.Geteuid() == 0 {
		mount(t, parent, parent, "", unix.MS_BIND, "")
		mount(t, "", parent, "", unix.MS_REMOUNT|unix.MS_BIND|unix.MS_RDONLY, "")
	} else {
		os.Chmod(parent, 0o555)
		defer os.Chmod(parent, 0o755)
	}
	for _, full := range []bool{false, true} {
		_, err := Write(context.Background(), out, files(smallSite(4)...), Options{Full: full})
		if err == nil || !strings.Contains(err.Error(), "read-only file system") && !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("Write(full=%v) below a read-only directory = %v, want read-only or permission denied", full, err)
		}
		if d := diffTrees(before, tree(t, parent)); d != "" {
			t.Errorf("after Write(full=%v), the parent of out changed:\n%s", full, d)
		}
	}
}
