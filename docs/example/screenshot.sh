#!/usr/bin/env bash
# Regenerates docs/report.png: the HTML report on this example as headless
# Chromium draws it, 1280 pixels wide.
#
#   docs/example/screenshot.sh [build-dir]     (default: build)
#
# Needs a configured and built tree (cmake --preset default && cmake --build
# --preset default) and /usr/bin/chromium (.ci/install-deps.sh installs it).
set -euo pipefail
example=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$example/../.." && pwd)
build=$(cd "${1:-$source_dir/build}" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Exit code 1: findings, as expected here.
status=0
"$build/bin/shutdown-hazards" -p "$build/docs/example" --root="$example" \
  --cache-dir= --quiet --format=html -o "$tmp/report.html" || status=$?
if [[ $status -ne 1 ]]; then
  echo "screenshot.sh: shutdown-hazards exited with $status, expected 1" >&2
  exit 1
fi
HOME="$tmp" /usr/bin/chromium --headless --no-sandbox --disable-gpu \
  --no-first-run --disable-background-networking --disable-component-update \
  --hide-scrollbars --user-data-dir="$tmp/profile" --window-size=1280,1400 \
  --screenshot="$source_dir/docs/report.png" "file://$tmp/report.html" 2>/dev/null
echo "wrote $source_dir/docs/report.png"
