#!/usr/bin/env bash
# Clean release build of clearance: how long it takes and how big the binary is.
#
#   benches/release_size.sh            # builds in a fresh temporary target dir, then removes it
#   KEEP_TARGET=DIR benches/release_size.sh   # builds in DIR (must not exist yet) and keeps it
#
# Prints the wall time of `cargo build --release --locked` from nothing (dependencies
# included, as a user's `cargo install` or a release job sees it), the binary's size in bytes
# and MiB, and whether it still links a second TLS stack. The figures in the README
# ("Install", "From source") come from this script; it is a benchmark, not a test: the numbers
# depend on the machine and on what else runs on it.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -n "${KEEP_TARGET:-}" ]]; then
    if [[ -e "$KEEP_TARGET" ]]; then
        echo "release_size: $KEEP_TARGET exists; a clean build needs a new directory" >&2
        exit 2
    fi
    target="$KEEP_TARGET"
else
    target="$(mktemp -d "${TMPDIR:-/tmp}/clearance-release.XXXXXX")"
    trap 'rm -rf "$target"' EXIT
fi

echo "release_size: $(nproc) cores, rustc $(rustc --version | cut -d' ' -f2), target dir $target"
# Wall time depends on what else the machine runs; CPU time (user + system, rustc and the C
# compilers included) much less, so both are printed.
times="$(mktemp)"
CARGO_TARGET_DIR="$target" /usr/bin/time -f '%e %U %S' -o "$times" \
    cargo build --release --locked --quiet
read -r wall user sys < "$times"
rm -f "$times"
bin="$target/release/clearance"
bytes=$(stat -c %s "$bin")
secs=${wall%.*}
printf 'build_seconds %d (%dm%02ds wall)\n' "$secs" $((secs / 60)) $((secs % 60))
printf 'build_cpu_seconds %.0f (user %s, system %s)\n' "$(echo "$user + $sys" | bc -l)" "$user" "$sys"
printf 'binary_bytes %d (%.1f MiB)\n' "$bytes" "$(echo "$bytes / 1048576" | bc -l)"
# Which crypto providers made it into the binary (symbols survive only when not stripped,
# so ask cargo instead).
tls=$(cargo tree --locked -e normal -i aws-lc-rs 2>/dev/null | head -1 || true)
echo "aws_lc_rs ${tls:-absent}"
"$bin" --version
