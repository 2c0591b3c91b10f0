package corpus

import (
	"bytes"
	"os"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"weak"
)

// TestDetach: the records of an export hold no byte of it. Overwriting the
// export after the parse leaves every record as it was, and once dropped
// the export is freed while the records live on.
func TestDetach(t *testing.T) {
	for _, path := range []string{seedPath, "../../testdata/hostile.txt"} {
		t.Run(path, func(t *testing.T) {
			orig, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want, wantErrs := Parse("x.txt", bytes.Clone(orig))

			data := bytes.Clone(orig)
			got, gotErrs := Parse("x.txt", data)
			for i := range data {
				data[i] = 'x'
			}
			if !reflect.DeepEqual(got, want) {
				t.Error("records changed when the export was overwritten after the parse")
			}
			if len(gotErrs) != len(wantErrs) {
				t.Fatalf("%d problems, want %d", len(gotErrs), len(wantErrs))
			}
			for i := range gotErrs {
				if gotErrs[i].Error() != wantErrs[i].Error() {
					t.Errorf("problem %d changed when the export was overwritten: %q, want %q", i, gotErrs[i], wantErrs[i])
				}
			}

			data = bytes.Clone(orig)
			text := weak.Make(&data[0])
			recs, errs := Parse("x.txt", data)
			data = nil
			for range 3 {
				runtime.GC()
			}
			if text.Value() != nil {
				t.Error("the export is still reachable from its records after the parse")
			}
			runtime.KeepAlive(recs)
			runtime.KeepAlive(errs)
		})
	}
}

// TestEachString: eachString visits every string field of a Record, so that
// a field added to Record is detached too.
func TestEachString(t *testing.T) {
	var r Record
	n := 0
	var fill func(v reflect.Value)
	fill = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			n++
			v.SetString(strings.Repeat("s", n))
		case reflect.Struct:
			for i := range v.NumField() {
				fill(v.Field(i))
			}
		case reflect.Slice:
			v.Set(reflect.MakeSlice(v.Type(), 1, 1))
			fill(v.Index(0))
		case reflect.Bool, reflect.Int:
		default:
			t.Fatalf("a %s in Record: teach eachString and this test about it", v.Type())
		}
	}
	fill(reflect.ValueOf(&r).Elem())
	seen := map[int]bool{}
	r.eachString(func(s *string) { seen[len(*s)] = true })
	for i := 1; i <= n; i++ {
		if !seen[i] {
			t.Errorf("eachString skips the string field numbered %d of %d (in field order)", i, n)
		}
	}
	if len(seen) != n {
		t.Errorf("eachString visits %d strings, Record has %d", len(seen), n)
	}
}
