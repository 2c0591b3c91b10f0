package site

import (
	"bytes"
	"runtime/debug"
	"testing"
)

// TestOverlap: stages started ahead yield the same files, in the same
// order and with the same bytes, as stages run one after another.
func TestOverlap(t *testing.T) {
	c, _, err := Load(Config{})
	if err != nil {
		t.Fatal(err)
	}
	type file struct {
		path string
		data []byte
	}
	collect := func(overlap bool) []file {
		var fs []file
		for f, err := range files(c, Config{}, nil, overlap) {
			if err != nil {
				t.Fatal(err)
			}
			data := bytes.Clone(f.Data)
			if f.WriteTo != nil {
				var b bytes.Buffer
				if err := f.WriteTo(&b); err != nil {
					t.Fatal(err)
				}
				data = b.Bytes()
			}
			if f.Release != nil {
				f.Release()
			}
			fs = append(fs, file{f.Path, data})
		}
		return fs
	}
	one, ahead := collect(false), collect(true)
	if len(one) != len(ahead) {
		t.Fatalf("%d files one stage after another, %d overlapped", len(one), len(ahead))
	}
	for i := range one {
		if one[i].path != ahead[i].path {
			t.Fatalf("file %d: %s one stage after another, %s overlapped", i, one[i].path, ahead[i].path)
		}
		if !bytes.Equal(one[i].data, ahead[i].data) {
			t.Errorf("%s differs when overlapped", one[i].path)
		}
	}
}

func TestRoomToOverlap(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(old)
	cfg := func(n int) Config { return Config{Corpora: []Source{{Data: make([]byte, n)}}} }
	debug.SetMemoryLimit(920 << 20)
	for _, tc := range []struct {
		export int
		want   bool
	}{
		{0, true},                 // the embedded export
		{20 << 20, true},          // 10,000 patents
		{104 << 20, true},         // 50,000
		{198 << 20, false},        // 100,000
		{920<<20/7 + 1, false},    // 3.5 times the export is half the limit
		{920<<20/7 - 1<<10, true}, // just under it
	} {
		if got := roomToOverlap(cfg(tc.export)); got != tc.want {
			t.Errorf("%d bytes of export under a 920 MiB limit: %v, want %v", tc.export, got, tc.want)
		}
	}
}
