#!/usr/bin/env bash
# casebook's search against Pagefind on synthetic sites: what a query costs
# a reader (requests, bytes, time to the first results, in headless
# Chromium), how good its first ten results are, and what each index costs
# to build and store. Ends with markdown tables and whether casebook met its
# download budget at 10,000 case studies.
#
#   internal/synth/search-bench.sh [N...]          (default: 1000 10000)
#
# For each N it generates a site of N case studies, then
#   1. builds it with casebook RUNS times (timed), and times casebook's
#      index alone with internal/search's BenchmarkIndex (search.Build on
#      the site graph, -benchtime 5x, -count RUNS; it knows 1000 and 10000);
#   2. lists the pages and lessons casebook indexes with their facet values
#      and what relevance is judged on, writes a copy of the pages' HTML
#      marked up for Pagefind (search-bench.js prepare), and runs the
#      Pagefind CLI over that copy RUNS times (timed); and once over a
#      second copy whose lead texts (page summaries, pairs' problem and
#      solution, lesson texts) are weighted as casebook weights them, for a
#      second relevance figure;
#   3. serves both outputs and runs the query set in Chromium RUNS times
#      (search-bench.js measure), judging relevance automatically, plus one
#      query typed key by key into casebook's page;
# and then prints the tables (search-bench.js report). Every figure is the
# median of RUNS runs: the machine is shared and noisy. search-bench.js's
# header says exactly what is counted and how relevance is judged.
#
# Environment: RUNS (3); PAGEFIND_VERSION (1.6.0); PAGEFIND_DIR, where the
# npm package pagefind is installed, outside the repository
# (/tmp/pagefind-bench; its binary comes inside the package's
# platform-specific dependency); CHROMIUM (/usr/bin/chromium); KEEP=1 keeps
# the work folder (sites, builds, Pagefind's input and bundle, JSON results).
# Needs Go, Node 20+, npm and Debian's chromium; installs playwright-core
# into .ci/e2e/node_modules if it is missing.
set -euo pipefail
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
runs=${RUNS:-3}
pf_version=${PAGEFIND_VERSION:-1.6.0}
pf_dir=${PAGEFIND_DIR:-/tmp/pagefind-bench}
cd "$(dirname "$0")/../.."
root=$PWD
here=$root/internal/synth
e2e=$root/.ci/e2e
work=$(mktemp -d -t casebook-search-bench.XXXXXX)
start=$SECONDS
# The machine may be shared: its load beside the results says how far to
# trust the times.
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
cleanup() {
  if [ "${KEEP:-}" = 1 ]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# timed LOG CMD... runs CMD with its output in LOG (shown if it fails) and
# sets wall and cpu to its wall and CPU (user + system, its children's
# included) seconds: on a shared machine the CPU time is the steadier one.
timed() {
  local log=$1 t=$work/time
  shift
  local TIMEFORMAT='%R %U %S'
  { time "$@" >"$log" 2>&1; } 2>"$t" || { cat "$log" >&2; return 1; }
  read -r wall user sys <"$t"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')
}
# A JSON array of the words given.
json_list() { local IFS=,; echo "[$*]"; }

echo "== setting up (work folder $work)"
go build -o "$work/casebook" ./cmd/casebook
if [ ! -d "$e2e/node_modules/playwright-core" ]; then
  (cd "$e2e" && npm ci --ignore-scripts)
fi
installed=$(node -p "try { require('$pf_dir/node_modules/pagefind/package.json').version } catch { '' }")
if [ "$installed" != "$pf_version" ]; then
  echo "installing pagefind@$pf_version into $pf_dir"
  mkdir -p "$pf_dir"
  npm install --prefix "$pf_dir" --no-audit --no-fund --loglevel=error "pagefind@$pf_version"
fi
pagefind=$pf_dir/node_modules/.bin/pagefind
"$pagefind" --version
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then commit="$commit with uncommitted changes"; fi

# What Pagefind leaves out of each page, as casebook's index does: the
# page's navigation and eyebrow, the facts boxes (district, themes, stages,
# dates), lists of other pages (cards, a theme's lessons from the districts,
# "see all" links, a lesson's theme and source) and backlinks. What stays is
# the title, summary, body and lessons, casebook's title, head and body.
exclude=(nav .eyebrow .facts .facts-list .jump-links .cards .backlinks "section#cb-lessons" .see-all .lesson-theme .lesson-source)
exclude_flags=()
for s in "${exclude[@]}"; do exclude_flags+=(--exclude-selectors "$s"); done

results=()
for n in "${sizes[@]}"; do
  echo
  echo "== $n case studies"
  site=$work/site-$n
  out=$work/out-$n
  go run ./internal/synth/synthsite -n "$n" -out "$site"

  build_times=() build_cpu=()
  for i in $(seq "$runs"); do
    timed "$work/build.log" "$work/casebook" build --src "$site" --base-url https://example.org/casebook/ --out "$out"
    build_times+=("$wall") build_cpu+=("$cpu")
  done
  echo "casebook build: ${build_times[*]} s, CPU ${build_cpu[*]} s ($(tail -n 1 "$work/build.log"))"

  # The index alone: ns/op of each of RUNS counts.
  go test ./internal/search -run '^$' -bench "^BenchmarkIndex/case-studies=$n\$" -benchtime 5x -count "$runs" >"$work/bench.log" 2>&1 ||
    { cat "$work/bench.log" >&2; exit 1; }
  grep '^BenchmarkIndex' "$work/bench.log"
  mapfile -t index_ns < <(awk '/^BenchmarkIndex/ { for (i = 1; i < NF; i++) if ($(i + 1) == "ns/op") print $i }' "$work/bench.log")

  node "$here/search-bench.js" prepare --site "$site" --out "$out" --pages "$work/pages-$n.json" \
    --pagefind-src "$work/pf-src-$n" --weighted-src "$work/pfw-src-$n"

  pf_times=() pf_cpu=()
  for i in $(seq "$runs"); do
    rm -rf "$work/pf-$n"
    timed "$work/pagefind.log" "$pagefind" --site "$work/pf-src-$n" --output-path "$work/pf-$n/pagefind" "${exclude_flags[@]}"
    pf_times+=("$wall") pf_cpu+=("$cpu")
  done
  # The variant with summaries weighted, for relevance only: not timed.
  timed "$work/pagefind-w.log" "$pagefind" --site "$work/pfw-src-$n" --output-path "$work/pfw-$n/pagefind" "${exclude_flags[@]}"
  pf_summary=$(grep -E 'Indexed [0-9]+ (pages|words|filters)' "$work/pagefind.log" | sed 's/^ *Indexed //' | paste -sd ',' | sed 's/,/, /g')
  echo "pagefind: ${pf_times[*]} s, CPU ${pf_cpu[*]} s ($pf_summary)"

  cat >"$work/times-$n.json" <<JSON
{"casebookBuild": $(json_list "${build_times[@]}"), "casebookBuildCPU": $(json_list "${build_cpu[@]}"),
 "casebookIndexNs": $(json_list "${index_ns[@]}"),
 "pagefindIndex": $(json_list "${pf_times[@]}"), "pagefindIndexCPU": $(json_list "${pf_cpu[@]}"), "pagefindSummary": "$pf_summary",
 "pagefindVersion": "$pf_version", "commit": "$commit", "cpus": $(nproc)}
JSON
  node "$here/search-bench.js" measure --out "$out" --pagefind-root "$work/pf-$n" --weighted-root "$work/pfw-$n" --pages "$work/pages-$n.json" \
    --runs "$runs" --label "$n" --times "$work/times-$n.json" --json "$work/result-$n.json"
  results+=("$work/result-$n.json")
  # The next size needs the disk more than these do.
  [ "${KEEP:-}" = 1 ] || rm -rf "$site" "$work/pf-src-$n" "$work/pfw-src-$n"
done

node "$here/search-bench.js" report "${results[@]}"
echo
echo "took $((SECONDS - start)) s; load average (1, 5, 15 min) at the start $load_start, at the end $(cut -d' ' -f1-3 /proc/loadavg)"
