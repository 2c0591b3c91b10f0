package browser

import (
	"os"
	"path/filepath"
	"testing"
)

// toolFile returns the path of rel inside the npm test tools that
// scripts/install-tools installs: $PATENTSITE_TOOLS/node_modules/rel, or
// .tools/node_modules/rel at the module root. It skips the test when the
// file is missing, or fails it on CI.
//
// build/internal/validate has the same function for vnu.jar: the two
// packages share no code, so neither imports the other.
func toolFile(t testing.TB, rel string) string {
	t.Helper()
	dir := os.Getenv("PATENTSITE_TOOLS")
	if dir == "" {
		root, err := moduleRoot()
		if err != nil {
			missing(t, "finding the test tools: "+err.Error())
		}
		dir = filepath.Join(root, ".tools")
	}
	file := filepath.Join(dir, "node_modules", filepath.FromSlash(rel))
	if _, err := os.Stat(file); err != nil {
		missing(t, "no "+file+"; run scripts/install-tools")
	}
	return file
}
