package output

import "errors"

// errNoExchange says the system cannot swap two directories atomically.
var errNoExchange = errors.New("no atomic exchange")

// faults inject failures, for tests. A nil *faults injects none.
type faults struct {
	writeFn    func(path string) error // before writing each file; errKilled stops dead
	minifyFn   func(path string)       // before minifying each file
	commitFn   func(i int) error       // before commit step i, n before the commit point, n+1 after; errKilled stops dead
	swapFn     func() error            // between the two renames of a swap; errKilled stops dead
	noExchange bool                    // swap with two renames
}

// errKilled makes a build stop where it is, without cleaning up, as if the
// process had been killed.
var errKilled = errors.New("killed")

func (f *faults) write(p string) error {
	if f == nil || f.writeFn == nil {
		return nil
	}
	return f.writeFn(p)
}

func (f *faults) minify(p string) {
	if f != nil && f.minifyFn != nil {
		f.minifyFn(p)
	}
}

func (f *faults) commit(i int) error {
	if f == nil || f.commitFn == nil {
		return nil
	}
	return f.commitFn(i)
}

func (f *faults) swap() error {
	if f == nil || f.swapFn == nil {
		return nil
	}
	return f.swapFn()
}
