#!/usr/bin/env bash
# Fails when code names data outside the repository: the shared reference folder, the old
# QOAR_REFERENCE variable, or an absolute path into the folder that holds this checkout (CI runs
# where such paths exist, so a clone alone would not catch them). Tests read test/reference/.
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd -P)
parent=$(dirname "$here")
dirs=(src test bench tutorials scripts bin examples)
found=0
report() { echo "error: $1" >&2; echo "$2" >&2; found=1; }
hits=$(grep -rnE "shared/reference|QOAR_REFERENCE|\.\./shared\b" "${dirs[@]}" || true)
[ -z "$hits" ] || report "files name the shared reference data (use test/reference/):" "$hits"
hits=$(grep -rnF "$parent/" "${dirs[@]}" || true)
[ -z "$hits" ] || report "files name absolute paths beside the repository ($parent/):" "$hits"
hits=$(grep -rnE "[\"'\`(= ]/(work|home|root|mnt|srv)/" "${dirs[@]}" || true)
[ -z "$hits" ] || report "files name absolute paths of a development machine:" "$hits"
[ "$found" -eq 0 ] && echo "self-contained: no file names data outside the repository"
exit "$found"
