package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// workflow is the part of a GitHub Actions workflow the tests read.
type workflow struct {
	Name string `yaml:"name"`
	On   struct {
		Push struct {
			Branches []string `yaml:"branches"`
		} `yaml:"push"`
	} `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Env         map[string]string `yaml:"env"`
	Jobs        map[string]struct {
		RunsOn      string `yaml:"runs-on"`
		Needs       string `yaml:"needs"`
		Environment struct {
			Name string `yaml:"name"`
			URL  string `yaml:"url"`
		} `yaml:"environment"`
		Steps []struct {
			ID   string            `yaml:"id"`
			Name string            `yaml:"name"`
			Uses string            `yaml:"uses"`
			With map[string]string `yaml:"with"`
			Env  map[string]string `yaml:"env"`
			Run  string            `yaml:"run"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

// TestWorkflowCopy keeps the workflow this repository runs equal to the
// one init-workflow writes.
func TestWorkflowCopy(t *testing.T) {
	repo, err := os.ReadFile("../../.github/workflows/pages.yml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(repo, pagesWorkflow) {
		t.Error(".github/workflows/pages.yml differs from cmd/patentsite/pages.yml; copy one over the other")
	}
}

// TestWorkflow parses the workflow and checks that it builds with a base
// URL and deploys with the official Pages actions, then runs its build
// step here, as the runner would, on a small export.
func TestWorkflow(t *testing.T) {
	var w workflow
	if err := yaml.Unmarshal(pagesWorkflow, &w); err != nil {
		t.Fatalf("pages.yml: %v", err)
	}
	if got := w.On.Push.Branches; len(got) != 1 || got[0] != "main" {
		t.Errorf("on.push.branches = %q, want [main]", got)
	}
	for k, v := range map[string]string{"contents": "read", "pages": "write", "id-token": "write"} {
		if w.Permissions[k] != v {
			t.Errorf("permissions.%s = %q, want %q", k, w.Permissions[k], v)
		}
	}
	build, deploy := w.Jobs["build"], w.Jobs["deploy"]
	var uses []string
	var run, baseURL, path string
	for _, s := range build.Steps {
		if s.Uses != "" {
			uses = append(uses, strings.Split(s.Uses, "@")[0])
		}
		if s.Run != "" {
			run, baseURL = s.Run, s.Env["BASE_URL"]
		}
		if strings.HasPrefix(s.Uses, "actions/upload-pages-artifact@") {
			path = s.With["path"]
		}
	}
	if want := []string{"actions/checkout", "actions/setup-go", "actions/configure-pages", "actions/upload-pages-artifact"}; strings.Join(uses, " ") != strings.Join(want, " ") {
		t.Errorf("build job uses %q, want %q", uses, want)
	}
	if baseURL != "${{ steps.pages.outputs.base_url }}" {
		t.Errorf("BASE_URL = %q, want configure-pages' base_url", baseURL)
	}
	if path != "${{ env.SITE_DIR }}" || w.Env["SITE_DIR"] == "" {
		t.Errorf("upload path %q, SITE_DIR %q: want the directory the build writes", path, w.Env["SITE_DIR"])
	}
	if deploy.Needs != "build" || deploy.Environment.Name != "github-pages" || len(deploy.Steps) != 1 ||
		!strings.HasPrefix(deploy.Steps[0].Uses, "actions/deploy-pages@") {
		t.Errorf("deploy job = %+v; want deploy-pages after build, in the github-pages environment", deploy)
	}
	for _, want := range []string{`build "${args[@]}" -base-url "$BASE_URL/" -out "$SITE_DIR"`} {
		if !strings.Contains(run, want) {
			t.Errorf("build step does not run %q:\n%s", want, run)
		}
	}

	if testing.Short() {
		return
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	// The build step, from the root of this repository: it builds
	// patentsite from source and the site from CORPUS.
	tmp := t.TempDir()
	site := filepath.Join(tmp, "public")
	corpus, _ := filepath.Abs("testdata/serve-corpus.txt")
	cmd := exec.Command(bash, "--noprofile", "--norc", "-eo", "pipefail", "-c", run)
	cmd.Dir = "../.."
	cmd.Env = append(os.Environ(), "RUNNER_TEMP="+tmp, "SITE_DIR="+site, "CORPUS="+corpus,
		"BASE_URL=https://example.github.io/repo", "PATENTSITE_VERSION=latest")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the build step failed: %v\n%s", err, out)
	}
	t.Logf("build step: %s", bytes.TrimSpace(out))
	page, err := os.ReadFile(filepath.Join(site, "patent", "CN211845931U", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(page, []byte(`href="https://example.github.io/repo/patent/CN211845931U/"`)) {
		t.Error("the built page has no canonical link under the base URL")
	}
	if nf, err := os.ReadFile(filepath.Join(site, "404.html")); err != nil || !bytes.Contains(nf, []byte(`<base href="https://example.github.io/repo/">`)) {
		t.Errorf("404.html has no base at the site root: %v", err)
	}
}

// TestInitWorkflow writes the workflow, refuses to overwrite it, and
// prints it with -o -.
func TestInitWorkflow(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, ".github", "workflows", "pages.yml")
	var out, errb bytes.Buffer
	if err := runInitWorkflow(t.Context(), []string{"-o", file}, &out, &errb); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(file); err != nil || !bytes.Equal(got, pagesWorkflow) {
		t.Errorf("init-workflow wrote %d bytes (%v), want the workflow", len(got), err)
	}
	if err := runInitWorkflow(t.Context(), []string{"-o", file}, &out, &errb); err == nil || exitCode(err) != 1 {
		t.Errorf("a second init-workflow = %v, want exit status 1: the file exists", err)
	}
	if err := runInitWorkflow(t.Context(), []string{"-o", file, "-force"}, &out, &errb); err != nil {
		t.Errorf("init-workflow -force: %v", err)
	}
	out.Reset()
	if err := runInitWorkflow(t.Context(), []string{"-o", "-"}, &out, &errb); err != nil || !bytes.Equal(out.Bytes(), pagesWorkflow) {
		t.Errorf("init-workflow -o - = %v, printed %d bytes", err, out.Len())
	}
}
