package output

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/patentsite/patentsite/build/internal/validate"
)

// TestValid checks, with the Nu HTML checker, that a representative page is
// valid before and after minifying.
func TestValid(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "source.html"), []byte(patentPage), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Write(context.Background(), out, files(File{Path: "minified.html", Data: []byte(patentPage)}), Options{}); err != nil {
		t.Fatal(err)
	}
	for _, m := range validate.HTML(t, []string{dir, filepath.Join(out, "minified.html")}) {
		t.Error(m)
	}
}
