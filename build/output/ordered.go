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

// Ahead starts pulling files from seq at once, on a goroutine of its own,
// and keeps up to n of them waiting for the returned sequence, which may be
// iterated once. A stage started ahead does what comes before its first
// file (a search index, a table of spellings) while the stages before it
// still make theirs, so the cores are busy across the stage boundaries.
//
// stop ends the goroutine, iterated or not, and waits for it: call it
// when done with the sequence.
func Ahead(seq iter.Seq2[File, error], n int) (files iter.Seq2[File, error], stop func()) {
	type result struct {
		f   File
		err error
	}
	results := make(chan result, n)
	done := make(chan struct{})
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		defer close(results)
		for f, err := range seq {
			select {
			case results <- result{f, err}:
			case <-done:
				if f.Release != nil {
					f.Release()
				}
				return
			}
			if err != nil {
				return
			}
		}
	}()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			close(done)
			for r := range results { // drain, so the goroutine can end
				if r.f.Release != nil {
					r.f.Release()
				}
			}
			<-ended
		})
	}
	files = func(yield func(File, error) bool) {
		for r := range results {
			if !yield(r.f, r.err) || r.err != nil {
				return
			}
		}
	}
	return files, stop
}
