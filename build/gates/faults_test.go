//go:build linux

package gates_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/patentsite/patentsite/build/output"
	"github.com/patentsite/patentsite/build/site"
)

// TestFaults breaks builds of the seed site end to end, through site.Build
// and through the real binary, and expects each time: an error that says
// what happened, the previous site byte for byte (its files and its
// manifest), nothing new beside it once the next build has run, and a next
// build that succeeds.
//
// The read-only and full-disk cases mount file systems, which needs root
// (CI runs as root); elsewhere they skip, saying so. A full build writes
// the new tree beside the old one, and an incremental one stages changed
// files in out/.patentsite/stage: both are broken here.
func TestFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the seed site many times")
	}
	t.Run("read-only parent", func(t *testing.T) {
		parent := t.TempDir()
		out := filepath.Join(parent, "public")
		build(t, out, "", false)
		before := snapshot(t, parent)
		mount(t, parent, parent, "", unix.MS_BIND, "")
		mount(t, "", parent, "", unix.MS_REMOUNT|unix.MS_BIND|unix.MS_RDONLY, "")
		for _, full := range []bool{true, false} {
			err := tryBuild(out, "https://other.example/", full)
			wantErr(t, err, "read-only file system")
			same(t, before, snapshot(t, parent))
		}
		unmount(t, parent)
		build(t, out, "https://other.example/", false)
	})

	t.Run("read-only out", func(t *testing.T) {
		parent := t.TempDir()
		out := filepath.Join(parent, "public")
		build(t, out, "", false)
		before := snapshot(t, out)
		mount(t, out, out, "", unix.MS_BIND, "")
		mount(t, "", out, "", unix.MS_REMOUNT|unix.MS_BIND|unix.MS_RDONLY, "")
		// Each build first cleans out/.patentsite (output.Recover), which
		// fails at once.
		for _, full := range []bool{true, false} {
			err := tryBuild(out, "https://other.example/", full)
			wantErr(t, err, "read-only file system")
			same(t, before, snapshot(t, out))
		}
		unmount(t, out)
		build(t, out, "https://other.example/", false)
		leftBeside(t, parent)
	})

	t.Run("disk full", func(t *testing.T) {
		parent := t.TempDir()
		mount(t, "tmpfs", parent, "tmpfs", 0, "size=256m")
		out := filepath.Join(parent, "public")
		build(t, out, "", false)
		before := snapshot(t, parent)
		// Room for the site and half as much again: not for a second copy
		// (full) nor for the changed files staged (incremental: a new base
		// URL changes most pages).
		var st unix.Statfs_t
		if err := unix.Statfs(parent, &st); err != nil {
			t.Fatal(err)
		}
		used := (st.Blocks - st.Bfree) * uint64(st.Bsize)
		mount(t, "", parent, "", unix.MS_REMOUNT, fmt.Sprintf("size=%dk", used*3/2/1024))
		t.Logf("the site takes %.1f MB of tmpfs; the disk now holds %.1f MB", float64(used)/1e6, float64(used*3/2)/1e6)
		for _, full := range []bool{true, false} {
			err := tryBuild(out, "https://other.example/", full)
			wantErr(t, err, "no space left on device")
			same(t, before, snapshot(t, parent))
		}
		mount(t, "", parent, "", unix.MS_REMOUNT, "size=256m")
		build(t, out, "https://other.example/", false)
		leftBeside(t, parent)
	})

	bin := binary(t)
	// The site every interrupted build below must give when run again.
	next := filepath.Join(t.TempDir(), "public")
	run(t, bin, "build", "-q", "-out", next, "-base-url", "https://other.example/")
	want := snapshot(t, next)
	t.Run("killed", func(t *testing.T) {
		// Killed while writing the new tree beside out (full), while
		// staging inside out (incremental), and during the commit of an
		// incremental build (moving staged files into place, after which
		// the next build, or output.Recover, rolls back or finishes).
		for _, tt := range []struct {
			name string
			args []string
			when func(out string) bool
		}{
			{"full, writing", []string{"-full"}, func(out string) bool { return countBeside(out) >= 500 }},
			{"incremental, staging", nil, func(out string) bool { return count(filepath.Join(out, ".patentsite", "stage")) >= 500 }},
			{"incremental, committing", nil, func(out string) bool {
				_, err := os.Stat(filepath.Join(out, ".patentsite", "journal"))
				return err == nil
			}},
		} {
			t.Run(tt.name, func(t *testing.T) {
				parent := t.TempDir()
				out := filepath.Join(parent, "public")
				run(t, bin, "build", "-q", "-out", out)
				before := snapshot(t, out)
				cmd := start(t, bin, append([]string{"build", "-q", "-out", out, "-base-url", "https://other.example/"}, tt.args...)...)
				caught := waitUntil(func() bool { return tt.when(out) }, 2*time.Minute)
				cmd.Process.Signal(syscall.SIGKILL)
				err := cmd.Wait()
				if !caught {
					t.Skipf("the build ended (%v) before the moment to kill it came; nothing to check", err)
				}
				t.Logf("killed: %v", err)
				if tt.name == "incremental, committing" {
					if err := output.Recover(out); err != nil {
						t.Fatalf("Recover: %v", err)
					}
					if after := snapshot(t, out); !equal(before, after) {
						// Past the commit point Recover finishes the build.
						same(t, want, after)
						t.Logf("killed past the commit point: Recover finished the new site")
					}
				} else {
					same(t, before, snapshot(t, out))
				}
				run(t, bin, "build", "-q", "-out", out, "-base-url", "https://other.example/")
				leftBeside(t, parent)
				all(t, want, snapshot(t, out)) // nothing of the killed build left in out/.patentsite either
			})
		}
	})

	t.Run("two at once", func(t *testing.T) {
		parent := t.TempDir()
		out := filepath.Join(parent, "public")
		run(t, bin, "build", "-q", "-out", out)
		first := start(t, bin, "build", "-q", "-full", "-out", out, "-base-url", "https://other.example/")
		if !waitUntil(func() bool { return countBeside(out) >= 100 }, 2*time.Minute) {
			t.Fatalf("the first build never started writing")
		}
		second := exec.Command(bin, "build", "-q", "-out", out)
		msg, err := second.CombinedOutput()
		if err == nil || !strings.Contains(string(msg), "another build is writing") {
			t.Errorf("second build: %v, %q; want it to fail saying another build is writing", err, msg)
		} else {
			t.Logf("second build: %v: %s", err, strings.TrimSpace(string(msg)))
		}
		if err := first.Wait(); err != nil {
			t.Fatalf("the first build failed: %v", err)
		}
		all(t, want, snapshot(t, out))
		leftBeside(t, parent)
	})
}

// build runs site.Build on the seed into out, failing the test on error.
func build(t *testing.T, out, base string, full bool) {
	t.Helper()
	if err := tryBuild(out, base, full); err != nil {
		t.Fatalf("build: %v", err)
	}
}

func tryBuild(out, base string, full bool) error {
	_, err := site.Build(context.Background(), site.Config{Out: out, BaseURL: base, Full: full})
	return err
}

func wantErr(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("build = %v, want an error saying %q", err, want)
		return
	}
	t.Logf("build: %v", err)
}

// A tree is every file and directory under a root, each with its content's
// hash ("" for a directory).
type tree map[string]string

func snapshot(t *testing.T, root string) tree {
	t.Helper()
	tr := tree{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			tr[rel+"/"] = ""
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		tr[rel] = fmt.Sprintf("%x", sha256.Sum256(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func equal(a, b tree) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// same fails the test, listing a few differences, unless the sites are
// equal: every file byte for byte, no file more or less, and the manifest.
// The rest of .patentsite/ (what a killed build staged, which the next
// build clears) and the lock file beside out (the pid of the last build)
// are not compared.
func same(t *testing.T, want, got tree) {
	t.Helper()
	compare(t, want, got, func(k string) bool {
		return strings.HasSuffix(k, ".lock") || strings.Contains(k, ".patentsite/") && !strings.HasSuffix(k, ".patentsite/manifest")
	})
}

// all is same with .patentsite/ compared too.
func all(t *testing.T, want, got tree) {
	t.Helper()
	compare(t, want, got, func(k string) bool { return strings.HasSuffix(k, ".lock") })
}

func compare(t *testing.T, want, got tree, skip func(string) bool) {
	t.Helper()
	var diffs []string
	for k, v := range want {
		if skip(k) {
			continue
		}
		if w, ok := got[k]; !ok {
			diffs = append(diffs, "missing "+k)
		} else if w != v {
			diffs = append(diffs, "changed "+k)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok && !skip(k) {
			diffs = append(diffs, "new "+k)
		}
	}
	slices.Sort(diffs)
	if len(diffs) > 0 {
		t.Errorf("%d differences from the previous site, such as:\n\t%s", len(diffs), strings.Join(diffs[:min(len(diffs), 10)], "\n\t"))
	}
}

// leftBeside fails the test if anything but out and its lock is beside out.
func leftBeside(t *testing.T, parent string) {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "public" && e.Name() != "public.lock" {
			t.Errorf("left beside out after the next build: %s", e.Name())
		}
	}
}

func mount(t *testing.T, source, target, fstype string, flags uintptr, data string) {
	t.Helper()
	if err := unix.Mount(source, target, fstype, flags, data); err != nil {
		if ciSet() && os.Geteuid() == 0 {
			t.Fatalf("mount %s on %s: %v", fstype, target, err)
		}
		t.Skipf("cannot mount %q on %s (%v): this fault needs root", fstype, target, err)
	}
	if flags&unix.MS_REMOUNT == 0 {
		t.Cleanup(func() { unix.Unmount(target, unix.MNT_DETACH) })
	}
}

func unmount(t *testing.T, target string) {
	t.Helper()
	if err := unix.Unmount(target, 0); err != nil {
		t.Fatalf("unmount %s: %v", target, err)
	}
}

// binary builds cmd/patentsite into the test's temporary directory.
func binary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "patentsite")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/patentsite/patentsite/cmd/patentsite")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func run(t *testing.T, bin string, args ...string) {
	t.Helper()
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("patentsite %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func start(t *testing.T, bin string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	return cmd
}

// waitUntil polls cond every millisecond until it holds or d passes.
func waitUntil(cond func() bool, d time.Duration) bool {
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(time.Millisecond) {
		if cond() {
			return true
		}
	}
	return false
}

// countBeside counts the files in the temporary trees a full build writes
// beside out.
func countBeside(out string) int {
	dirs, _ := filepath.Glob(out + ".patentsite-tmp-*")
	n := 0
	for _, d := range dirs {
		n += count(d)
	}
	return n
}

// count counts the files under dir; 0 when it does not exist.
func count(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}
