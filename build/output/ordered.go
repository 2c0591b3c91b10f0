package output

import (
	"iter"
	"runtime"
	"sync"
)

// A Job makes one file.
type Job func() (File, error)

// Ordered runs jobs on n workers (GOMAXPROCS when n ≤ 0) and yields their
// files in job order, so that a stage whose files cost CPU to make (pages,
// JSON, citations) makes them on every core and still yields a
// deterministic sequence. It keeps at most 4n files waiting, so memory
// does not grow with the site. It stops at the first error, which it
// yields.
func Ordered(jobs iter.Seq[Job], n int) iter.Seq2[File, error] {
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	type result struct {
		f   File
		err error
	}
	return func(yield func(File, error) bool) {
		done := make(chan struct{})
		queue := make(chan chan result, 4*n) // result slots, in job order
		work := make(chan func(), n)
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() {
				for w := range work {
					w()
				}
			})
		}
		go func() {
			defer close(queue)
			defer close(work)
			for j := range jobs {
				slot := make(chan result, 1)
				select {
				case queue <- slot:
				case <-done:
					return
				}
				select {
				case work <- func() {
					f, err := j()
					slot <- result{f, err}
				}:
				case <-done:
					return
				}
			}
		}()
		defer func() {
			close(done)
			for range queue {
			}
			wg.Wait()
		}()
		for slot := range queue {
			res := <-slot
			if !yield(res.f, res.err) || res.err != nil {
				return
			}
		}
	}
}
