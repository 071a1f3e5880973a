#!/usr/bin/env bash
# Measures every row of the speed table (docs/speed.md) on synthetic sites:
#
#   internal/synth/speed.sh                 1,000 and 10,000 case studies
#   SIZES="1000 10000 100000" internal/synth/speed.sh
#
# RUNS times, it builds the site of each size cold (into a fresh folder)
# with casebook and with the floor program (../shared/bench/floor: read,
# frontmatter, goldmark, write; no templates), in turn, and prints medians
# of wall time, user CPU and peak memory and the median of the ratios
# casebook / floor, pair by pair. Then, at 10,000 (when in SIZES):
#
#   - casebook serve's peak memory after its first build and one save of
#     each kind (a body, a title, themes, a new page, a deleted page);
#   - the time of each kind of save in the development server's session
#     (BenchmarkSessionEdit: body, title, themes, stages, new, deleted,
#     renamed), output in memory, and of a new page with what it leaves
#     for later (new+settle: the later pages of long lists, the index);
#   - with HUGO=path/to/hugo, casebook / Hugo on the same content with
#     equivalent layouts (../shared/bench/compare.sh);
#   - with LATENCY=1, save to visible in Chromium (serve-latency.sh).
#
# The largest size over 10,000 is also reported as a multiple of 10,000:
# the median of the ratios run by run. Sites and outputs go to /dev/shm
# when it exists, so the disk's noise stays out; WORK=DIR puts them
# elsewhere. The machine is shared and noisy: read the ratios, not the
# seconds.
set -euo pipefail
# Each size once, smallest first, separated by single spaces.
sizes=$(tr -s ' \t\n' '\n' <<<"${SIZES:-1000 10000}" | sort -un | tr '\n' ' ')
runs=${RUNS:-5}
cd "$(dirname "$0")/../.."
root=$PWD
shared=$root/../shared/bench
base=${WORK:-$( [[ -d /dev/shm ]] && echo /dev/shm || echo "${TMPDIR:-/tmp}")}
work=$(mktemp -d "$base/casebook-speed.XXXXXX")
trap 'rm -rf "$work"' EXIT
[[ -x /usr/bin/time ]] || { echo "speed.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
[[ -d $shared/floor ]] || { echo "speed.sh: needs the yardsticks in $shared" >&2; exit 2; }

go build -o "$work/casebook" ./cmd/casebook
(cd "$shared/floor" && go build -o "$work/floor" .)

# one NAME FILE CMD...: a cold run into a fresh folder; appends
# "wall user peakKB" to FILE.
one() {
  local file=$1; shift
  rm -rf "$work/out"
  /usr/bin/time -f '%e %U %M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" ||
    { echo "speed.sh: failed: $*" >&2; cat "$work/stderr" >&2; exit 1; }
  cat "$work/time" >>"$file"
}

median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
col() { awk -v c="$1" '{print $c}' "$2"; }
ratios() { paste "$2" "$3" | awk -v c="$1" '{print $c/$(c+3)}' | median; }

for n in $sizes; do
  go run ./internal/synth/synthsite -n "$n" -out "$work/site-$n" >/dev/null
  : >"$work/cb-$n"; : >"$work/floor-$n"
done
# Each run builds every size in turn, so that a slow stretch of the
# machine falls on all of them alike: the ratios between sizes are taken
# run by run too.
for _ in $(seq "$runs"); do
  for n in $sizes; do
    one "$work/cb-$n" "$work/casebook" build --src "$work/site-$n" --out "$work/out"
    one "$work/floor-$n" "$work/floor" -src "$work/site-$n" -out "$work/out"
  done
done
rm -rf "$work/out"

for n in $sizes; do
  printf '%7d case studies  casebook %6.2f s wall %6.2f s user %5.0f MB peak   floor %6.2f s wall %6.2f s user\n' "$n" \
    "$(col 1 "$work/cb-$n" | median)" "$(col 2 "$work/cb-$n" | median)" "$(col 3 "$work/cb-$n" | median | awk '{print $1/1024}')" \
    "$(col 1 "$work/floor-$n" | median)" "$(col 2 "$work/floor-$n" | median)"
  printf '%7d case studies  casebook / floor: wall %.2f, user CPU %.2f (median of %d pairs)\n' "$n" \
    "$(ratios 1 "$work/cb-$n" "$work/floor-$n")" "$(ratios 2 "$work/cb-$n" "$work/floor-$n")" "$runs"
done

largest=$(tr ' ' '\n' <<<"$sizes" | sort -n | tail -1)
if [[ " $sizes " == *" 10000 "* && $largest -gt 10000 ]]; then
  printf '%7d / 10,000: wall %.1f times, user CPU %.1f (median of %d runs, the sizes in turn)\n' "$largest" \
    "$(ratios 1 "$work/cb-$largest" "$work/cb-10000")" "$(ratios 2 "$work/cb-$largest" "$work/cb-10000")" "$runs"
fi

[[ " $sizes " == *" 10000 "* ]] || exit 0
site=$work/site-10000

# serve: peak memory after the first build and a save of each kind.
port=$((20000 + RANDOM % 20000))
"$work/casebook" serve --src "$site" --addr "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
pid=$!
up() { curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; }
for _ in $(seq 600); do up && break; sleep 0.5; done
up || { echo "speed.sh: serve did not start" >&2; cat "$work/serve.log" >&2; kill "$pid"; exit 1; }
cs=$site/content/case-studies
cp "$cs/case-study-1.md" "$work/original.md"
settle() { sleep 6; }
echo "A sentence added." >>"$cs/case-study-1.md"; settle
sed -i 's/^title: /title: Retitled /' "$cs/case-study-1.md"; settle
sed -i 's/^themes: \[/themes: [equity-vision, /' "$cs/case-study-1.md"; settle
cp "$work/original.md" "$cs/case-study-added.md"; settle
rm "$cs/case-study-added.md"; settle
cp "$work/original.md" "$cs/case-study-1.md"; settle
printf '  10000 case studies  casebook serve peak memory %d MB after the first build and 6 saves\n' \
  "$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$pid/status")"
kill "$pid"; wait "$pid" 2>/dev/null || true

echo "  10000 case studies  each save in the development server, output in memory (BenchmarkSessionEdit):"
go test ./internal/build -run '^$' -bench 'SessionEdit/.*/case-studies=10000$' -benchtime 10x -timeout 60m |
  awk '/^BenchmarkSessionEdit/ {split($1, a, "/"); printf "    %-12s %8.0f ms ", a[2], $3/1e6; for (i = 5; i <= NF; i++) printf " %s", $i; print ""}'

if [[ -n ${HUGO:-} ]]; then
  HUGO_PARAMS_BENCHNORELATED=true RUNS=$runs CASEBOOK=$work/casebook BENCH_TMP=$work/bench "$shared/compare.sh" "$root" 10000
fi
if [[ -n ${LATENCY:-} ]]; then
  internal/synth/serve-latency.sh 10000
fi
