package browser

import (
	"fmt"
	"testing"
	"time"
)

// OpenNavigating opens u, a page that navigates on its own (a meta
// refresh, a script's location.replace), and polls until the JavaScript
// expression js is true in whatever the tab shows, for at most within. A
// tab that is navigating answers nothing, and the helpers of this package
// fail the test on that; here those moments are polled over. It reports
// whether js came true; the page is open either way.
func (b *Browser) OpenNavigating(t testing.TB, u, js string, within time.Duration) (*Page, bool) {
	t.Helper()
	st := &softT{TB: t}
	p := b.Open(st, u)
	deadline := time.Now().Add(within)
	for {
		ok := false
		st.try(func() { ok = Eval[bool](p, js) })
		if ok {
			return p, true
		}
		if time.Now().After(deadline) {
			return p, false
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A softT is a testing.TB whose Fatal calls, inside try, return to try
// instead of ending the test.
type softT struct {
	testing.TB
	soft bool
}

type softFailure string

func (t *softT) Fatal(args ...any) {
	if t.soft {
		panic(softFailure(fmt.Sprint(args...)))
	}
	t.TB.Helper()
	t.TB.Fatal(args...)
}

func (t *softT) Fatalf(format string, args ...any) {
	if t.soft {
		panic(softFailure(fmt.Sprintf(format, args...)))
	}
	t.TB.Helper()
	t.TB.Fatalf(format, args...)
}

// try runs f, turning a Fatal inside it into a return.
func (t *softT) try(f func()) {
	t.soft = true
	defer func() {
		t.soft = false
		if r := recover(); r != nil {
			if _, ok := r.(softFailure); !ok {
				panic(r)
			}
		}
	}()
	f()
}
