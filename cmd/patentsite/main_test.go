package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func runCmd(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, &out, &errb)
	if err != nil {
		code = exitCode(err)
		if msg := err.Error(); msg != "" {
			errb.WriteString(msg)
		}
	}
	return out.String(), errb.String(), code
}

func TestUsage(t *testing.T) {
	for _, tt := range []struct {
		args []string
		code int
		out  string // stdout must contain
	}{
		{[]string{}, 2, ""},
		{[]string{"nope"}, 2, ""},
		{[]string{"-h"}, 0, "Commands:"},
		{[]string{"version"}, 0, "patentsite "},
		{[]string{"build", "-h"}, 0, "-corpus"},
		{[]string{"check", "-h"}, 0, "-json"},
		{[]string{"build", "-nope"}, 2, ""},
		{[]string{"check", "extra"}, 2, ""},
		{[]string{"serve", "-h"}, 0, "-addr"},
		{[]string{"init-workflow", "-h"}, 0, "-o"},
	} {
		out, _, code := runCmd(t, tt.args...)
		if code != tt.code || !strings.Contains(out, tt.out) {
			t.Errorf("patentsite %q: exit %d, stdout %q; want exit %d and %q", tt.args, code, out, tt.code, tt.out)
		}
	}
}

func TestCheckSeed(t *testing.T) {
	out, _, code := runCmd(t, "check", "-json")
	if code != 0 {
		t.Fatalf("check of the seed exits %d", code)
	}
	var rep struct {
		Patents, Errors, Unclaimed int
		Problems                   []struct {
			File    string
			Line    int
			Field   string
			Message string
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Patents != 267 || rep.Errors != 0 || rep.Unclaimed != 0 {
		t.Errorf("check: %d patents, %d errors, %d unclaimed; want 267, 0, 0", rep.Patents, rep.Errors, rep.Unclaimed)
	}
	want := map[string]bool{"number 4147": false, "marker 565": false}
	for _, p := range rep.Problems {
		if p.File != "content/000_04432fcfb20ee3f1.txt" || p.Line == 0 {
			t.Errorf("problem without a place: %+v", p)
		}
		k := p.Field + " " + strconv.Itoa(p.Line)
		if _, ok := want[k]; ok {
			want[k] = true
		}
	}
	for k, seen := range want {
		if !seen {
			t.Errorf("check does not report the %s warning", k)
		}
	}
}

func TestCheckErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(bad, []byte{0xFF, 0, 1, 2, 3, 0}, 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code := runCmd(t, "check", "-corpus", bad)
	if code != 1 || !strings.Contains(out, "bad.txt:1: ") {
		t.Errorf("check of a binary file: exit %d, output %q", code, out)
	}
	_, errOut, code := runCmd(t, "check", "-corpus", filepath.Join(dir, "missing.txt"))
	if code != 1 || !strings.Contains(errOut, "missing.txt") {
		t.Errorf("check of a missing file: exit %d, stderr %q", code, errOut)
	}
}

func TestBuildMerge(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile("../../content/000_04432fcfb20ee3f1.txt")
	if err != nil {
		t.Fatal(err)
	}
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	os.WriteFile(a, seed, 0o644)
	// b holds the seed's first record with another title: later file wins.
	first := string(seed[:strings.Index(string(seed), "Managing **blockchain**-based")])
	os.WriteFile(b, []byte(strings.Replace(first, "Method and device for avoiding double-spending problem", "Updated title", -1)), 0o644)
	out := filepath.Join(dir, "public")
	stdout, stderr, code := runCmd(t, "build", "-corpus", a, "-corpus", b, "-out", out, "-q")
	if code != 0 {
		t.Fatalf("build exits %d: %s %s", code, stdout, stderr)
	}
	data, err := os.ReadFile(filepath.Join(out, "api", "patents.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Patents []struct{ ID, Title string }
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Patents) != 267 || doc.Patents[0].ID != "EP3628093A2" || !strings.HasPrefix(doc.Patents[0].Title, "Updated title") {
		t.Errorf("merged: %d patents, first %+v", len(doc.Patents), doc.Patents[0])
	}
	chk, _, _ := runCmd(t, "check", "-corpus", a, "-corpus", b)
	if !strings.Contains(chk, "b.txt") || !strings.Contains(chk, "a.txt:306") {
		t.Errorf("check does not name both places of the duplicate:\n%s", chk)
	}
}

func TestHeapLimit(t *testing.T) {
	for _, tc := range []struct {
		export int64
		want   int64
	}{
		{0, heapFloor},
		{198e6, heapFloor}, // 100,000 patents: 917 MiB wanted, under the floor
		{400e6, 400e6*7/2 + 256<<20},
	} {
		if got := heapLimit(tc.export); got != tc.want {
			t.Errorf("heapLimit(%d) = %d, want %d", tc.export, got, tc.want)
		}
	}
}
