package main

import (
	"os"
	"runtime/debug"

	"github.com/patentsite/patentsite/build/site"
)

// heapFloor is the soft memory limit a build keeps to when its exports
// allow it. At 100,000 patents (198 MB of export) it holds the peak RSS
// under 1 GiB (953-970 MiB measured, against 1.45-1.62 GiB without; the
// RSS runs 35-50 MiB over the heap's limit), for 10-15% more CPU: the
// collector runs some 30 times instead of 12.
const heapFloor = 920 << 20

// boundHeap sets the soft memory limit of a build from the size of its
// exports, unless GOMEMLIMIT is set (GOMEMLIMIT=off turns it off). A
// build's live heap is 2.3 to 2.9 times the size of its exports once the
// catalog is made (the exports themselves are freed then: 464-575 MB at
// 100,000 patents, after a collection at the end of each stage), and up
// to 3.5 times while it is being made; the limit is heapFloor, or 3.5
// times the exports plus 256 MiB when that is more, so that the collector
// is never asked to keep the heap under what the build must hold (where it
// would run without end).
func boundHeap(cfg site.Config) {
	if _, set := os.LookupEnv("GOMEMLIMIT"); set {
		return
	}
	debug.SetMemoryLimit(heapLimit(cfg.ExportBytes()))
}

func heapLimit(exportBytes int64) int64 {
	return max(heapFloor, site.PeakHeap(exportBytes)+256<<20)
}
