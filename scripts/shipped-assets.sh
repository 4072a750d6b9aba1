#!/usr/bin/env bash
# Regenerates the completion scripts and the manual page that the release archives and the
# .deb ship (assets/completions/, assets/man/). They are generated from the command line's
# own definition; `cargo test` (tests/it/release.rs) fails when they are out of date.
#
#   scripts/shipped-assets.sh            # with the debug build (cargo build)
#   CLEARANCE=path/to/clearance scripts/shipped-assets.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${CLEARANCE:-}" ]]; then
    cargo build --quiet --locked --bin clearance
    CLEARANCE="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/debug/clearance"
fi
mkdir -p assets/completions assets/man
"$CLEARANCE" completions bash > assets/completions/clearance.bash
"$CLEARANCE" completions zsh > assets/completions/_clearance
"$CLEARANCE" completions fish > assets/completions/clearance.fish
"$CLEARANCE" completions powershell > assets/completions/_clearance.ps1
"$CLEARANCE" man > assets/man/clearance.1
echo "regenerated assets/completions/ and assets/man/clearance.1"
