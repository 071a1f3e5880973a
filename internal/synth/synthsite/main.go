// Command synthsite writes a synthetic casebook of N case studies, for
// benchmarks and for comparing with other generators on the same content.
//
//	go run ./internal/synth/synthsite -n 10000 -out /tmp/synth10k
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/casebook/casebook/internal/synth"
)

func main() {
	n := flag.Int("n", 1000, "number of case studies")
	out := flag.String("out", "", "folder to write the site into (must not exist)")
	flag.Parse()
	if *out == "" || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: synthsite -n N -out DIR")
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "synthsite: %s already exists\n", *out)
		os.Exit(2)
	}
	if err := synth.Write(*out, *n); err != nil {
		fmt.Fprintln(os.Stderr, "synthsite:", err)
		os.Exit(1)
	}
}
