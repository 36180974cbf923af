#!/usr/bin/env bash
# Clones the committed HEAD into an empty temporary folder (nothing beside it) and runs
# the README's two set-up commands there: `npm ci` then `npm test`. A clone must pass alone.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd -P)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/qoar-clone.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
git clone -q --no-hardlinks "$repo" "$tmp/qoar"
cd "$tmp/qoar"
echo "clean clone of $(git rev-parse --short HEAD) in $tmp/qoar (nothing beside it)"
npm ci --no-audit --no-fund
npm test
