#!/usr/bin/env bash
# Save-to-visible latency of `casebook serve` and `hugo server`, in a real
# browser, on the bundled example site and on a synthetic site of N case
# studies:
#
#   internal/synth/serve-latency.sh [N]          (default 10000)
#
# For each site and tool it starts the server on a copy of the site, opens
# one case study in headless Chromium and runs .ci/e2e/latency.js: WARMUP
# uncounted edits, then EDITS counted ones, each rewriting the case study's
# markdown in place with a new token in its body and timing from just before
# the write to the moment the token is in the open page's DOM. It ends with a
# table of p50 and p90 per site and tool. The servers run one at a time.
#
# Environment: EDITS (20), WARMUP (3), HUGO (a hugo binary; else
# /tmp/hugobin/hugo if present, else Hugo 0.165 is built from the Go module
# proxy into the work folder, a few minutes), CHROMIUM (/usr/bin/chromium),
# KEEP=1 to keep the work folder (sites and server logs).
#
# Hugo runs as `hugo server --source DIR --port P --bind 127.0.0.1`, i.e. with
# its defaults: pages rendered to disk (DIR/public; --renderToMemory is off),
# Fast Render Mode on (after a change it re-renders only the pages browsers
# have visited; --disableFastRender turns it off), live reload on, no
# --minify. casebook serve keeps the whole site in memory and re-renders what
# a change calls for. Hugo's site is the same content with minimal layouts
# (internal/synth/hugo-site.sh); for the bundled site that means renaming one
# frontmatter key Hugo reserves.
#
# The servers inherit the environment (GOMEMLIMIT, for one, reaches both).
set -euo pipefail
n=${1:-10000}
edits=${EDITS:-20}
warmup=${WARMUP:-3}
cd "$(dirname "$0")/../.."
root=$PWD
e2e=$root/.ci/e2e
work=$(mktemp -d -t casebook-latency.XXXXXX)
start=$SECONDS

server_pid=
bench_pid=
stop_server() {
  [ -n "$server_pid" ] || return 0
  kill "$server_pid" 2>/dev/null || true
  for _ in $(seq 50); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}
cleanup() {
  if [ -n "$bench_pid" ]; then
    kill "$bench_pid" 2>/dev/null || true # it restores the file and closes its browser
    wait "$bench_pid" 2>/dev/null || true
  fi
  stop_server
  if [ "${KEEP:-}" = 1 ]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== setting up (work folder $work)"
go build -o "$work/casebook" ./cmd/casebook
if [ -n "${HUGO:-}" ]; then
  hugo=$HUGO
elif [ -x /tmp/hugobin/hugo ]; then
  hugo=/tmp/hugobin/hugo
else
  echo "building Hugo 0.165.0 (a few minutes)"
  GOBIN="$work/bin" go install github.com/gohugoio/hugo@v0.165.0
  hugo=$work/bin/hugo
fi
"$hugo" version
if [ ! -d "$e2e/node_modules/playwright-core" ]; then
  (cd "$e2e" && npm ci --ignore-scripts)
fi

# The base path ("/" or "/casebook/") of a casebook site's base_url.
base_path() {
  local url
  url=$(sed -n 's/^base_url[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' "$1/casebook.toml")
  url=${url#*://}
  url=/${url#*/}
  echo "${url%/}/"
}

free_port() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# Waits until url answers 200, or the server dies, or limit seconds pass.
wait_ready() { # url log limit
  local url=$1 log=$2 limit=$3 t0=$SECONDS
  until curl -sf -o /dev/null --max-time 5 "$url"; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "the server exited; its log:" >&2
      tail -n 30 "$log" >&2
      return 1
    fi
    if [ $((SECONDS - t0)) -ge "$limit" ]; then
      echo "$url not ready after $limit s; the server's log:" >&2
      tail -n 30 "$log" >&2
      return 1
    fi
    sleep 0.2
  done
}

# The median of the server's own rebuild times after the first build, from
# its log, in ms: casebook prints "built N files in 3.2s" (or "rebuilt M of N
# files in 85ms"), Hugo "Total in 12 ms".
rebuild_p50() { # tool log
  node - "$1" "$2" <<'JS'
const [tool, log] = process.argv.slice(2);
const text = require('fs').readFileSync(log, 'utf8');
const ms = (v, unit) => Number(v) * ({ 'µs': 0.001, us: 0.001, ms: 1, s: 1000 }[unit] ?? NaN);
let times;
if (tool === 'casebook') {
  // "built 15555 files in 3.412s", or "rebuilt 12 of 15555 files in 85ms".
  times = [...text.matchAll(/^(?:re)?built (?:\d+ of )?\d+ files in ([\d.]+)(µs|us|ms|s)$/gm)].map((m) => ms(m[1], m[2]));
} else {
  times = [...text.matchAll(/^Total in ([\d.]+) ?(µs|us|ms|s)\b/gm)].map((m) => ms(m[1], m[2]));
}
// casebook's first line is its initial build; Hugo says "Built in" for that.
if (tool === 'casebook') times = times.slice(1);
times.sort((a, b) => a - b);
console.log(times.length ? Math.round(times[Math.floor((times.length - 1) / 2)]) : '-');
JS
}

results=()
failed=0
# Runs one server and latency.js against it.
measure() { # size-label tool site-dir page-path markdown-file
  local size=$1 tool=$2 dir=$3 page=$4 file=$5 port log json t0 ready
  port=$(free_port)
  log=$work/$tool-${size%% *}.log
  json=$work/$tool-${size%% *}.json
  echo
  echo "== $tool, $size"
  t0=$(date +%s.%N)
  if [ "$tool" = casebook ]; then
    "$work/casebook" serve --src "$dir" --addr "127.0.0.1:$port" >"$log" 2>&1 &
  else
    "$hugo" server --source "$dir" --port "$port" --bind 127.0.0.1 >"$log" 2>&1 &
  fi
  server_pid=$!
  local url=http://127.0.0.1:$port$page
  wait_ready "$url" "$log" 600
  ready=$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { printf "%.1f", a - b }')
  echo "ready after $ready s: $url"
  # In the background, so that an interrupt or TERM is handled at once.
  node "$e2e/latency.js" --url "$url" --file "$file" --edits "$edits" --warmup "$warmup" \
    --label "$tool, $size" --json "$json" &
  bench_pid=$!
  wait "$bench_pid" || failed=1
  bench_pid=
  stop_server
  [ -f "$json" ] || { results+=("$size|$tool|-|-|-|-|0|$ready|-"); return; }
  results+=("$size|$tool|$(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const f = (v) => v === undefined ? "-" : Math.round(v);
    console.log([f(r.p50), f(r.p90), f(r.min), f(r.max), r.n + (r.misses ? ` (+${r.misses} missed)` : "")].join("|"));
  ' "$json")|$ready|$(rebuild_p50 "$tool" "$log")")
}

# The bundled example: the repository's own casebook.toml, content/,
# layouts/ and static/ (as `casebook serve` in the repository sees them).
small=$work/bundled
mkdir -p "$small/casebook" "$small/hugo"
for f in casebook.toml content layouts static; do
  if [ -e "$f" ]; then cp -R "$f" "$small/casebook/"; fi
done
cp -R content "$small/hugo/"
small_base=$(base_path "$small/casebook")
internal/synth/hugo-site.sh "$small/hugo" "https://example.org$small_base" "District Equity Casebook"
small_slug=closing-the-loop-with-parents
[ -f "content/case-studies/$small_slug.md" ] || small_slug=$(basename "$(ls content/case-studies/*.md | head -n 1)" .md)
small_label="bundled ($(ls content/case-studies/*.md | wc -l) case studies)"

# The synthetic site: generated once, copied for Hugo.
big=$work/synth
mkdir -p "$big"
echo "generating $n synthetic case studies"
go run ./internal/synth/synthsite -n "$n" -out "$big/casebook"
mkdir -p "$big/hugo"
cp -R "$big/casebook/content" "$big/hugo/"
big_base=$(base_path "$big/casebook")
internal/synth/hugo-site.sh "$big/hugo" "https://example.org$big_base" "Synthetic Casebook"
big_slug=case-study-1
[ "$n" -gt 1 ] || big_slug=case-study-0
big_label="synthetic ($n case studies)"

measure "$small_label" casebook "$small/casebook" "${small_base}case-studies/$small_slug/" "$small/casebook/content/case-studies/$small_slug.md"
measure "$small_label" hugo "$small/hugo" "${small_base}case-studies/$small_slug/" "$small/hugo/content/case-studies/$small_slug.md"
measure "$big_label" casebook "$big/casebook" "${big_base}case-studies/$big_slug/" "$big/casebook/content/case-studies/$big_slug.md"
measure "$big_label" hugo "$big/hugo" "${big_base}case-studies/$big_slug/" "$big/hugo/content/case-studies/$big_slug.md"

echo
echo "== save-to-visible latency, ms ($edits edits after $warmup warm-up; nearest-rank percentiles)"
{
  echo "site|tool|p50|p90|min|max|n|first build+ready (s)|server rebuild p50 (ms)"
  for r in "${results[@]}"; do
    IFS='|' read -r size tool p50 p90 min max cnt ready rb <<<"$r"
    echo "$size|$tool|$p50|$p90|$min|$max|$cnt|$ready|$rb"
  done
} | awk -F'|' '{ for (i = 1; i <= NF; i++) { c[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } if (NF > nf) nf = NF }
  END { for (r = 1; r <= NR; r++) { line = ""; for (i = 1; i <= nf; i++) line = line sprintf("%" (i < 3 ? "-" : "") w[i] "s  ", c[r, i]); sub(/ +$/, "", line); print line } }'
echo "took $((SECONDS - start)) s"
exit "$failed"
