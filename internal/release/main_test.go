package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestBuildCommand: a release binary needs no C library, holds no file
// paths of the machine that built it, and knows its version.
func TestBuildCommand(t *testing.T) {
	cmd := buildCommand("/src/casebook", "v0.4.0", "windows", "arm64", "/tmp/casebook.exe")
	want := []string{"go", "build", "-trimpath", "-ldflags", "-s -w -X main.version=v0.4.0", "-o", "/tmp/casebook.exe", "./cmd/casebook"}
	if !slices.Equal(cmd.Args, want) {
		t.Errorf("runs %q, want %q", cmd.Args, want)
	}
	if cmd.Dir != "/src/casebook" {
		t.Errorf("runs in %s", cmd.Dir)
	}
	env := map[string]string{}
	for _, e := range cmd.Env { // the last setting of a variable counts, as in os/exec
		k, v, _ := strings.Cut(e, "=")
		env[k] = v
	}
	for k, v := range map[string]string{"CGO_ENABLED": "0", "GOOS": "windows", "GOARCH": "arm64"} {
		if env[k] != v {
			t.Errorf("the build runs with %s=%q, want %q", k, env[k], v)
		}
	}
}

// TestRelease builds one target, the host's when casebook is released for
// it, and checks the archive and its checksum; the host's binary must report
// the version it was given. It builds the way go test does (see quick), so
// that it takes seconds, not the minute a build of everything with
// -trimpath and without cgo takes on a fresh machine; TestBuildCommand
// checks those flags.
func TestRelease(t *testing.T) {
	if testing.Short() {
		t.Skip("builds casebook")
	}
	quick = true
	t.Cleanup(func() { quick = false })
	target := runtime.GOOS + "/" + runtime.GOARCH
	host := slices.Contains(targets, target)
	if !host {
		target = "linux/amd64"
	}
	goos, goarch, _ := strings.Cut(target, "/")
	const version = "v9.8.7-test"
	out := filepath.Join(t.TempDir(), "dist")
	var stdout, stderr bytes.Buffer
	if err := run([]string{"-version", version, "-out", out, "-targets", target}, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}

	name := "casebook_" + version + "_" + goos + "_" + goarch
	archive, bin := name+".tar.gz", "casebook"
	if goos == "windows" {
		archive, bin = name+".zip", "casebook.exe"
	}
	data, err := os.ReadFile(filepath.Join(out, archive))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	sums, err := os.ReadFile(filepath.Join(out, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	if want := hex.EncodeToString(sum[:]) + "  " + archive + "\n"; string(sums) != want {
		t.Errorf("SHA256SUMS is %q, want %q", sums, want)
	}

	files := unpack(t, archive, data)
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(files[name+"/README.md"].data, readme) {
		t.Errorf("the archive's README.md is not the repository's")
	}
	binary, ok := files[name+"/"+bin]
	if !ok || len(binary.data) == 0 {
		t.Fatalf("the archive lacks %s/%s: it holds %v", name, bin, slices.Sorted(maps.Keys(files)))
	}
	if binary.mode&0o111 == 0 {
		t.Errorf("%s is not executable in the archive (mode %o)", bin, binary.mode)
	}
	if len(files) != 2 {
		t.Errorf("the archive holds %d files, want the binary and README.md", len(files))
	}

	if !host {
		t.Logf("not running the binary: casebook is not released for %s/%s", runtime.GOOS, runtime.GOARCH)
		return
	}
	exe := filepath.Join(t.TempDir(), bin)
	if err := os.WriteFile(exe, binary.data, 0o755); err != nil {
		t.Fatal(err)
	}
	got, err := exec.Command(exe, "version").CombinedOutput()
	if err != nil {
		t.Fatalf("casebook version: %v\n%s", err, got)
	}
	if want := "casebook " + version + "\n"; string(got) != want {
		t.Errorf("casebook version printed %q, want %q", got, want)
	}
}

func TestReleaseRefuses(t *testing.T) {
	for _, args := range [][]string{
		{"-targets", "linux"},
		{"-targets", "linux/amd64/v2"},
		{"-version", "v1 beta", "-targets", "linux/amd64"},
		{"-version", "v1/2", "-targets", "linux/amd64"},
		{"extra"},
	} {
		var stdout, stderr bytes.Buffer
		out := filepath.Join(t.TempDir(), "dist")
		if err := run(append(args, "-out", out), &stdout, &stderr); err == nil {
			t.Errorf("release %v succeeded", args)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("release %v wrote %s", args, out)
		}
	}
}

type unpacked struct {
	data []byte
	mode int64
}

// unpack reads a .tar.gz or .zip archive into memory.
func unpack(t *testing.T, name string, data []byte) map[string]unpacked {
	t.Helper()
	files := map[string]unpacked{}
	if strings.HasSuffix(name, ".zip") {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			files[f.Name] = unpacked{b, int64(f.Mode().Perm())}
		}
		return files
	}
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		files[hdr.Name] = unpacked{b, hdr.Mode}
	}
	return files
}
