package site

import (
	"bytes"
	"runtime"
	"testing"
	"weak"
)

// TestExportFreed: once the catalog is made, nothing in it or in the
// problems refers to the export, so a build frees it (Build drops its
// reference after Load).
func TestExportFreed(t *testing.T) {
	seed, err := DefaultCorpus()
	if err != nil {
		t.Fatal(err)
	}
	data := bytes.Clone(seed.Data)
	text := weak.Make(&data[0])
	c, problems, err := Load(Config{Corpora: []Source{{Name: "seed.txt", Data: data}}})
	if err != nil {
		t.Fatal(err)
	}
	data = nil
	for range 3 {
		runtime.GC()
	}
	if text.Value() != nil {
		t.Error("the export is still reachable after Load")
	}
	if len(c.Patents) != 267 || len(problems) == 0 {
		t.Errorf("%d patents and %d problems, want 267 and some", len(c.Patents), len(problems))
	}
	runtime.KeepAlive(c)
	runtime.KeepAlive(problems)
}
