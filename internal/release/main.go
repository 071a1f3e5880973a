// Command release cross-compiles casebook for every platform it is released
// for and packs each binary, with README.md, into an archive:
//
//	go run ./internal/release -version v0.4.0 -out dist/
//
// writes dist/casebook_v0.4.0_linux_amd64.tar.gz and the like (.zip for
// Windows) and dist/SHA256SUMS. Each binary is built with CGO_ENABLED=0 and
// -trimpath, and `casebook version` prints the version given. Without
// -version, the version is what `git describe --tags --always --dirty` says,
// or "dev" outside a git checkout. -targets builds only some platforms,
// e.g. -targets linux/amd64. It is a Go program rather than a shell script
// so that it runs the same on Windows.
package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// targets are the platforms a release is built for, as GOOS/GOARCH.
var targets = []string{
	"linux/amd64", "linux/arm64",
	"darwin/amd64", "darwin/arm64",
	"windows/amd64", "windows/arm64",
}

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(os.Stderr, "release: %v\n", err)
		}
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("release", flag.ContinueOnError)
	fs.SetOutput(stderr)
	version := fs.String("version", "", "the version `casebook version` prints (default: git describe --tags --always --dirty, or dev)")
	out := fs.String("out", "dist", "the folder to write the archives and SHA256SUMS into")
	only := fs.String("targets", strings.Join(targets, ","), "the GOOS/GOARCH pairs to build, separated by commas")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	platforms, err := parseTargets(*only)
	if err != nil {
		return err
	}
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	if *version == "" {
		*version = describe(root)
	}
	if strings.ContainsAny(*version, " \t\n'\"/\\") {
		return fmt.Errorf("version %q may not hold spaces, quotes or slashes", *version)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "casebook-release-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	mtime := sourceTime(root)

	var sums []string
	for _, p := range platforms {
		archive, data, err := buildArchive(root, tmp, *version, p[0], p[1], readme, mtime, stderr)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(*out, archive), data, 0o644); err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		sums = append(sums, hex.EncodeToString(sum[:])+"  "+archive+"\n")
		fmt.Fprintf(stdout, "wrote %s\n", filepath.Join(*out, archive))
	}
	// By archive name, which follows the 64 hex digits and two spaces.
	slices.SortFunc(sums, func(a, b string) int { return strings.Compare(a[66:], b[66:]) })
	if err := os.WriteFile(filepath.Join(*out, "SHA256SUMS"), []byte(strings.Join(sums, "")), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (casebook %s)\n", filepath.Join(*out, "SHA256SUMS"), *version)
	return nil
}

// parseTargets reads a list of GOOS/GOARCH pairs separated by commas.
func parseTargets(list string) ([][2]string, error) {
	var platforms [][2]string
	for _, t := range strings.Split(list, ",") {
		t = strings.TrimSpace(t)
		goos, goarch, ok := strings.Cut(t, "/")
		if !ok || goos == "" || goarch == "" || strings.Contains(goarch, "/") {
			return nil, fmt.Errorf("target %q is not GOOS/GOARCH, such as linux/amd64", t)
		}
		platforms = append(platforms, [2]string{goos, goarch})
	}
	return platforms, nil
}

// buildArchive builds casebook for goos/goarch under tmp and returns the
// name and bytes of its archive: a folder holding the binary and the
// README, as .zip for Windows and .tar.gz elsewhere.
func buildArchive(root, tmp, version, goos, goarch string, readme []byte, mtime time.Time, stderr io.Writer) (string, []byte, error) {
	name := fmt.Sprintf("casebook_%s_%s_%s", version, goos, goarch)
	bin := "casebook"
	if goos == "windows" {
		bin += ".exe"
	}
	binPath := filepath.Join(tmp, name, bin)
	cmd := buildCommand(root, version, goos, goarch, binPath)
	cmd.Stdout, cmd.Stderr = stderr, stderr
	if err := cmd.Run(); err != nil {
		return "", nil, fmt.Errorf("building for %s/%s: %w", goos, goarch, err)
	}
	binary, err := os.ReadFile(binPath)
	if err != nil {
		return "", nil, err
	}
	files := []file{
		{name + "/" + bin, binary, 0o755},
		{name + "/README.md", readme, 0o644},
	}
	if goos == "windows" {
		data, err := zipped(files, mtime)
		return name + ".zip", data, err
	}
	data, err := tarred(files, mtime)
	return name + ".tar.gz", data, err
}

// quick builds as `go build` does by default, with cgo as the host has it
// and full file paths, so that the build reuses what `go test ./...` has
// already compiled; tests set it.
var quick = false

// buildCommand is the go build that writes the casebook binary for goos
// and goarch to out: no cgo, so the binary runs without a C library; no
// file paths of the machine that built it; no symbol tables; and the
// version `casebook version` prints.
func buildCommand(root, version, goos, goarch, out string) *exec.Cmd {
	args := []string{"build", "-trimpath", "-ldflags", "-s -w -X main.version=" + version, "-o", out, "./cmd/casebook"}
	env := append(os.Environ(), "CGO_ENABLED=0", "GOOS="+goos, "GOARCH="+goarch)
	if quick {
		args = slices.DeleteFunc(args, func(a string) bool { return a == "-trimpath" })
		env = slices.DeleteFunc(env, func(e string) bool { return e == "CGO_ENABLED=0" })
	}
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	cmd.Env = env
	return cmd
}

// moduleRoot is the folder holding casebook's go.mod, wherever in the
// module this runs.
func moduleRoot() (string, error) {
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	p := strings.TrimSpace(string(gomod))
	if p == "" || p == os.DevNull {
		return "", errors.New("run this inside the casebook module: go run ./internal/release")
	}
	return filepath.Dir(p), nil
}

// describe is the version of the checkout in root as git names it, or "dev"
// without git.
func describe(root string) string {
	cmd := exec.Command("git", "describe", "--tags", "--always", "--dirty")
	cmd.Dir = root
	v, err := cmd.Output()
	if err != nil || strings.TrimSpace(string(v)) == "" {
		return "dev"
	}
	return strings.TrimSpace(string(v))
}

// sourceTime is the modification time the archives give their files, so
// that the same commit gives the same archives: SOURCE_DATE_EPOCH if set,
// else the time of the last commit, else now.
func sourceTime(root string) time.Time {
	epoch := os.Getenv("SOURCE_DATE_EPOCH")
	if epoch == "" {
		cmd := exec.Command("git", "log", "-1", "--format=%ct")
		cmd.Dir = root
		if out, err := cmd.Output(); err == nil {
			epoch = strings.TrimSpace(string(out))
		}
	}
	if s, err := strconv.ParseInt(epoch, 10, 64); err == nil {
		return time.Unix(s, 0).UTC()
	}
	return time.Now().UTC().Truncate(time.Second)
}

// file is one file of an archive.
type file struct {
	name string
	data []byte
	mode int64
}

// tarred is files as a gzipped tar archive.
func tarred(files []file, mtime time.Time) ([]byte, error) {
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, f := range files {
		hdr := &tar.Header{Typeflag: tar.TypeReg, Name: f.name, Mode: f.mode, Size: int64(len(f.data)), ModTime: mtime, Format: tar.FormatPAX}
		if err := tw.WriteHeader(hdr); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := gz.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// zipped is files as a zip archive.
func zipped(files []file, mtime time.Time) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		hdr := &zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: mtime}
		hdr.SetMode(os.FileMode(f.mode))
		w, err := zw.CreateHeader(hdr)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
