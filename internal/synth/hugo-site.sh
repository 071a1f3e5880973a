#!/usr/bin/env bash
# Turns a copy of a casebook's content into a Hugo site, for comparing the two
# (compare-hugo.sh, serve-latency.sh):
#
#   internal/synth/hugo-site.sh DIR BASE_URL TITLE
#
# DIR must hold content/ (a copy: it is edited). This writes DIR/hugo.toml and
# minimal layouts (a page's title and content; a list's titles), so Hugo does
# less than casebook: no relations, lessons, related studies, backlinks or
# journey map. Casebook's frontmatter is YAML or TOML that Hugo reads as page
# params, except for keys Hugo reserves with another meaning; of those casebook
# uses only `url` (a resource's external address, which Hugo would take as the
# page's own URL and refuse), renamed here to `casebook_url`. The synthetic
# sites have none, so their content is left byte for byte as synthsite wrote
# it.
set -euo pipefail
if [ $# -ne 3 ] || [ ! -d "$1/content" ]; then
  echo "usage: $0 DIR BASE_URL TITLE   (DIR holding content/)" >&2
  exit 2
fi
dir=$1 base_url=$2 title=$3

{ grep -rlE --include='*.md' '^url[[:space:]]*[:=]' "$dir/content" || true; } | while IFS= read -r f; do
  # Only inside the frontmatter (the block between the first two --- or +++ lines).
  awk 'NR == 1 && /^(---|\+\+\+)[[:space:]]*$/ { fm = 1; print; next }
       fm && /^(---|\+\+\+)[[:space:]]*$/ { fm = 0 }
       fm { sub(/^url[[:space:]]*:/, "casebook_url:"); sub(/^url[[:space:]]*=/, "casebook_url =") }
       { print }' "$f" > "$f.hugo-site.tmp"
  mv "$f.hugo-site.tmp" "$f"
done

mkdir -p "$dir/layouts/_default"
cat > "$dir/hugo.toml" <<TOML
baseURL = "$base_url"
title = "$title"
disableKinds = ["taxonomy", "term"]
[markup.goldmark.renderer]
unsafe = false
TOML
cat > "$dir/layouts/_default/baseof.html" <<'HTML'
<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><main>{{ block "main" . }}{{ end }}</main></body></html>
HTML
cat > "$dir/layouts/_default/single.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}
HTML
cat > "$dir/layouts/_default/list.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
HTML
