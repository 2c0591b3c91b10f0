package output

import (
	"errors"
	"fmt"
	"iter"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

func numbered(n int, failAt int) iter.Seq[Job] {
	return func(yield func(Job) bool) {
		for i := range n {
			j := func() (File, error) {
				if i == failAt {
					return File{}, errors.New("job failed")
				}
				if i%7 == 0 {
					time.Sleep(time.Millisecond) // finish out of order
				}
				return File{Path: fmt.Sprint(i)}, nil
			}
			if !yield(j) {
				return
			}
		}
	}
}

func TestOrdered(t *testing.T) {
	for _, workers := range []int{0, 1, 3} {
		i := 0
		for f, err := range Ordered(numbered(200, -1), workers) {
			if err != nil {
				t.Fatal(err)
			}
			if f.Path != fmt.Sprint(i) {
				t.Fatalf("workers %d: file %d is %q", workers, i, f.Path)
			}
			i++
		}
		if i != 200 {
			t.Errorf("workers %d: %d files, want 200", workers, i)
		}
	}
	// An error ends the sequence, after the files before it.
	n, failed := 0, false
	for _, err := range Ordered(numbered(200, 50), 2) {
		if err != nil {
			failed = true
			continue
		}
		if failed {
			t.Fatal("a file after the error")
		}
		n++
	}
	if !failed || n != 50 {
		t.Errorf("%d files and failed %v, want 50 and true", n, failed)
	}
	// Stopping early leaves no goroutine behind.
	before := runtime.NumGoroutine()
	for range Ordered(numbered(1000, -1), 2) {
		break
	}
	for range 100 {
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("%d goroutines left, %d before", runtime.NumGoroutine(), before)
}

// counted yields n files, the one at failAt an error, counting the files
// made and the files released.
func counted(n, failAt int, made, released *atomic.Int64) iter.Seq2[File, error] {
	return func(yield func(File, error) bool) {
		for i := range n {
			if i == failAt {
				yield(File{}, errors.New("stage failed"))
				return
			}
			made.Add(1)
			// A file yielded is the consumer's to release, taken or not.
			if !yield(File{Path: fmt.Sprint(i), Release: func() { released.Add(1) }}, nil) {
				return
			}
		}
	}
}

func TestAhead(t *testing.T) {
	t.Run("order", func(t *testing.T) {
		var made, released atomic.Int64
		files, stop := Ahead(counted(300, -1, &made, &released), 8)
		i := 0
		for f, err := range files {
			if err != nil || f.Path != fmt.Sprint(i) {
				t.Fatalf("file %d: %q, %v", i, f.Path, err)
			}
			f.Release()
			i++
		}
		stop()
		if i != 300 || released.Load() != 300 {
			t.Errorf("%d files, %d released; want 300, 300", i, released.Load())
		}
	})
	t.Run("runs ahead, and no further than n", func(t *testing.T) {
		var made, released atomic.Int64
		_, stop := Ahead(counted(300, -1, &made, &released), 8)
		deadline := time.Now().Add(5 * time.Second)
		for made.Load() < 9 && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		time.Sleep(20 * time.Millisecond)
		// 8 wait in the channel, one more waits to be sent.
		if m := made.Load(); m != 9 {
			t.Errorf("%d files made before the sequence was iterated, want 9", m)
		}
		stop()
		if made.Load() != released.Load() {
			t.Errorf("stopped unread: %d made, %d released", made.Load(), released.Load())
		}
	})
	t.Run("stopped partway", func(t *testing.T) {
		var made, released atomic.Int64
		goroutines := runtime.NumGoroutine()
		files, stop := Ahead(counted(300, -1, &made, &released), 8)
		i := 0
		for f := range files {
			f.Release()
			if i++; i == 20 {
				break
			}
		}
		stop()
		stop() // a second stop does nothing
		if made.Load() != released.Load() {
			t.Errorf("%d made, %d released", made.Load(), released.Load())
		}
		if n := runtime.NumGoroutine(); n > goroutines {
			t.Errorf("%d goroutines after stop, %d before", n, goroutines)
		}
	})
	t.Run("error", func(t *testing.T) {
		var made, released atomic.Int64
		files, stop := Ahead(counted(300, 40, &made, &released), 8)
		defer stop()
		n, failed := 0, false
		for f, err := range files {
			if err != nil {
				failed = true
				continue
			}
			if failed {
				t.Fatal("a file after the error")
			}
			f.Release()
			n++
		}
		if !failed || n != 40 {
			t.Errorf("%d files and failed %v, want 40 and true", n, failed)
		}
	})
}
