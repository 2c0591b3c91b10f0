package output

import (
	"errors"
	"fmt"
	"iter"
	"runtime"
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
