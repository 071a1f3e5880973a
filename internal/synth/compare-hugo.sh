#!/usr/bin/env bash
# Builds the same synthetic content with casebook and with Hugo and prints
# wall time and peak memory (median of RUNS runs each).
#
#   internal/synth/compare-hugo.sh [N] [RUNS]     (defaults: 10000 and 5)
#
# Hugo gets minimal layouts (a page's title and content; a list's titles;
# see hugo-site.sh) and builds with --minify, so it does less than casebook:
# no relations, lessons, related studies, backlinks or journey map. Hugo
# 0.165 is built from the Go module proxy into a temporary GOBIN (a few
# minutes).
set -euo pipefail
n=${1:-10000}
runs=${2:-5}
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 2; }

echo "== building casebook and Hugo"
go build -o "$work/casebook" ./cmd/casebook
GOBIN="$work/bin" go install github.com/gohugoio/hugo@v0.165.0
# Two copies of the same (deterministic) content, so neither tool sees the
# other's configuration or layouts.
go run ./internal/synth/synthsite -n "$n" -out "$work/site"
go run ./internal/synth/synthsite -n "$n" -out "$work/hugo-site"
cmp -s "$work/site/content/case-studies/case-study-1.md" "$work/hugo-site/content/case-studies/case-study-1.md"

internal/synth/hugo-site.sh "$work/hugo-site" "https://example.org/casebook/" "Synthetic Casebook"

measure() { # name, command...
  local name=$1; shift
  for i in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>&1
    cat "$work/t"
  done | sort -n | awk -v name="$name" '{w[NR]=$1; m[NR]=$2} END {
    mid=int((NR+1)/2); printf "%-10s median wall %6.2f s   peak RSS %5.0f MB   (%d runs)\n", name, w[mid], m[mid]/1024, NR }'
}

echo "== $n case studies"
measure casebook "$work/casebook" build --src "$work/site" --out "$work/out-casebook/public"
measure hugo "$work/bin/hugo" --source "$work/hugo-site" --destination "$work/out-hugo" --minify --quiet
