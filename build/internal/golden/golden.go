// Package golden compares test output with files under testdata/ and
// rewrites them when the test binary runs with -update:
//
//	go test ./build/... -update
//
// It is for tests only.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Update is set by the -update flag: rewrite golden files instead of comparing.
var Update = flag.Bool("update", false, "rewrite golden files under testdata/")

// Check compares got with the file testdata/<name>, or writes it under -update.
func Check(t testing.TB, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (-want +got), run with -update to accept:\n%s", path, Diff(string(want), string(got)))
	}
}

// Diff returns a line diff of want and got: lines only in want start with
// "-", lines only in got with "+", and up to two lines of context around
// each change. It is a plain longest-common-subsequence diff, fine for the
// sizes of golden files; very long inputs are compared by their first
// differing line only.
func Diff(want, got string) string {
	a, b := strings.Split(want, "\n"), strings.Split(got, "\n")
	if len(a)*len(b) > 25_000_000 {
		for i := 0; i < len(a) && i < len(b); i++ {
			if a[i] != b[i] {
				return fmt.Sprintf("line %d:\n-%s\n+%s\n", i+1, a[i], b[i])
			}
		}
		return fmt.Sprintf("lengths differ: %d lines, want %d\n", len(b), len(a))
	}
	// lcs[i][j] = length of the LCS of a[i:] and b[j:]
	lcs := make([][]int32, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type line struct {
		op   byte
		text string
	}
	var ops []line
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			ops = append(ops, line{' ', a[i]})
			i++
			j++
		case j < len(b) && (i == len(a) || lcs[i][j+1] >= lcs[i+1][j]):
			ops = append(ops, line{'+', b[j]})
			j++
		default:
			ops = append(ops, line{'-', a[i]})
			i++
		}
	}
	var out strings.Builder
	last := -10
	for k, op := range ops {
		if op.op == ' ' {
			continue
		}
		for c := max(k-2, last+1, 0); c < k; c++ {
			if c > last+1 && c == k-2 && last >= 0 {
				out.WriteString("...\n")
			}
			fmt.Fprintf(&out, " %s\n", ops[c].text)
		}
		fmt.Fprintf(&out, "%c%s\n", op.op, op.text)
		last = k
		for c := k + 1; c <= k+2 && c < len(ops) && ops[c].op == ' '; c++ {
			fmt.Fprintf(&out, " %s\n", ops[c].text)
			last = c
		}
	}
	return out.String()
}
