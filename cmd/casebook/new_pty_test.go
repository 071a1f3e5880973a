package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/testsite"
)

// TestNewHelperProcess is casebook itself, run by TestNewOnPseudoTerminal.
func TestNewHelperProcess(t *testing.T) {
	if os.Getenv("CASEBOOK_HELPER") != "1" {
		t.Skip("run by TestNewOnPseudoTerminal")
	}
	args := strings.Split(os.Getenv("CASEBOOK_ARGS"), "\x1f")
	os.Exit(run(args, os.Stdout, os.Stderr))
}

// TestNewOnPseudoTerminal runs `casebook new` on a real pseudo-terminal,
// made by python3's pty module (no Go dependency), answering the prompts.
func TestNewOnPseudoTerminal(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is needed for a pseudo-terminal")
	}
	dir := testsite.Write(t, testsite.Minimal())
	script := `import os, pty, sys, time
answers = [b"2\n", b"1,2\n", b"Families led.\n", b"1\n", b"\n"]
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out = b""
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
    if out.rstrip().endswith(b":"):
        # Enter once the script runs out, so a new question cannot hang.
        os.write(fd, answers.pop(0) if answers else b"\n")
sys.stdout.buffer.write(out)
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
`
	cmd := exec.Command(py, "-c", script, os.Args[0], "-test.run=^TestNewHelperProcess$")
	cmd.Env = append(os.Environ(), "CASEBOOK_HELPER=1", "CASEBOOK_ARGS="+strings.Join([]string{"new", "case-study", "On a terminal", "--src", dir}, "\x1f"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, w := range []string{"District (the district the story is about):", "   2  Riverbend Unified  (riverbend)", "Choose one or more numbers", "created "} {
		if !strings.Contains(string(out), w) {
			t.Errorf("transcript lacks %q:\n%s", w, out)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "content/case-studies/on-a-terminal.md"))
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, l := range []string{"district: riverbend\n", "themes: [equity-vision, staff-capacity]\n", "summary: Families led.\n", "problem: el-graduation\n"} {
		if !strings.Contains(string(b), l) {
			t.Errorf("file lacks %q:\n%s", l, b)
		}
	}
	if got := checkSite(t, dir); len(got) > 0 {
		t.Errorf("check: %v", got)
	}
}
