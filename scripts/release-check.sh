#!/usr/bin/env bash
# Checks the release artifacts end to end on this machine, up to what needs GitHub:
#   1. `dist plan` (the release workflow matches dist-workspace.toml);
#   2. a clean `dist build` for the host target: archive, checksums, shell installer, Homebrew
#      formula; prints the build time and the binary's size;
#   3. the shell installer run against the local archive (served on 127.0.0.1), into a
#      throwaway home: the binary it installs runs `clearance --version`;
#   4. the GitHub Action's install script (scripts/action-install.sh) against the same files:
#      installs, and refuses an archive that does not match its checksum;
#   5. a .deb by cargo-deb from the same binary, installed with `dpkg -i` (as root), checked
#      (`clearance --version`, `man -w clearance`, the completion files), removed with `dpkg -r`.
#
#   scripts/release-check.sh                           # about 20 min on 2 cores, most of it the build
#   RELEASE_CHECK_DIR=/tmp/rc scripts/release-check.sh # keep (and reuse) the work dir
#
# Not part of `cargo test` (a release build would double CI's time); run it before tagging a
# release. Tools: dist and check-jsonschema from PyPI in a cached venv, cargo-deb built once
# from crates.io (about 3 min), all under $CLEARANCE_TEST_CACHE or ~/.cache/clearance-tests.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n== %s\n' "$*"; }
fail() {
    echo "release-check: FAILED: $*" >&2
    exit 1
}

cache="${CLEARANCE_TEST_CACHE:-$HOME/.cache/clearance-tests}"
mkdir -p "$cache"
if [[ -n "${RELEASE_CHECK_DIR:-}" ]]; then
    work="$RELEASE_CHECK_DIR"
    mkdir -p "$work"
else
    work="$(mktemp -d "${TMPDIR:-/tmp}/clearance-release-check.XXXXXX")"
fi
host="$(rustc -vV | sed -n 's/^host: //p')"
echo "release-check: host $host, work dir $work"

# --- tools -------------------------------------------------------------------------------
constraints="tests/support/release-constraints.txt"
venv="$cache/release-tools-$(sha256sum "$constraints" | cut -c1-12)"
if [[ ! -f "$venv/.ready" ]]; then
    say "installing dist and check-jsonschema into $venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --disable-pip-version-check -q -c "$constraints" \
        astral-dev-toolchain-cargo-dist check-jsonschema
    touch "$venv/.ready"
fi
dist="$venv/bin/dist"
deb_version="3.8.0"
deb_root="$cache/cargo-deb-$deb_version"
if [[ ! -x "$deb_root/bin/cargo-deb" ]]; then
    say "building cargo-deb $deb_version from crates.io (once)"
    start=$(date +%s)
    cargo install cargo-deb --version "$deb_version" --locked --quiet --root "$deb_root"
    echo "cargo-deb built in $(($(date +%s) - start)) s"
fi
cargo_deb="$deb_root/bin/cargo-deb"
"$dist" --version
"$cargo_deb" --version

# --- 1. dist plan ----------------------------------------------------------------------------
say "dist plan"
"$dist" plan

# --- 2. dist build -------------------------------------------------------------------------
export CARGO_TARGET_DIR="$work/target"
fresh=no
[[ -d "$CARGO_TARGET_DIR" ]] || fresh=yes
say "dist build --artifacts=all --target $host (clean build: $fresh)"
times="$work/build-times"
/usr/bin/time -f '%e %U %S' -o "$times" "$dist" build --artifacts=all --target "$host"
read -r wall user sys < "$times"
secs=${wall%.*}
# dist writes its artifacts to the project's target/distrib, whatever CARGO_TARGET_DIR says.
distrib="$(pwd)/target/distrib"
bin="$CARGO_TARGET_DIR/$host/dist/clearance"
bytes=$(stat -c %s "$bin")
echo "build_seconds $secs wall, $(echo "$user + $sys" | bc -l | cut -d. -f1) CPU (clean: $fresh)"
echo "binary_bytes $bytes ($(echo "scale=1; $bytes / 1048576" | bc) MiB)"
archive="clearance-$host.tar.xz"
ls -l "$distrib"
for f in "$archive" "$archive.sha256" clearance-installer.sh clearance.rb sha256.sum; do
    [[ -f "$distrib/$f" ]] || fail "dist build made no $f"
done
(cd "$distrib" && sha256sum -c "$archive.sha256") || fail "$archive does not match its checksum"
grep -q "$(cut -d' ' -f1 "$distrib/$archive.sha256")" "$distrib/sha256.sum" ||
    fail "sha256.sum does not list $archive"
listing="$(tar -tJf "$distrib/$archive")"
echo "archive contents:"
while IFS= read -r line; do echo "  $line"; done <<< "$listing"
for f in clearance clearance.1 completions/clearance.bash completions/_clearance completions/clearance.fish; do
    grep -qx "[^/]*/$f" <<< "$listing" || fail "$archive lacks $f"
done
grep -q 'sha256 "' "$distrib/clearance.rb" || fail "the Homebrew formula has no checksum"
if command -v file > /dev/null; then file "$bin"; fi

# --- a server for the release files ---------------------------------------------------------
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$distrib" > "$work/http.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/sha256.sum" && break
    sleep 0.1
done
base="http://127.0.0.1:$port"

# --- 3. the shell installer -----------------------------------------------------------------
say "shell installer against $base"
home="$work/installer-home"
rm -rf "$home"
mkdir -p "$home"
# The installer downloads from CLEARANCE_DOWNLOAD_URL when set (dist's documented override
# for mirrors), and writes only under $HOME here (no PATH edits outside it).
env -i PATH="/usr/bin:/bin" HOME="$home" SHELL=/bin/bash \
    CLEARANCE_DOWNLOAD_URL="$base" CLEARANCE_NO_MODIFY_PATH=1 \
    sh "$distrib/clearance-installer.sh" --verbose
installed="$home/.local/bin/clearance"
[[ -x "$installed" ]] || fail "the installer put no clearance in ~/.local/bin"
"$installed" --version

# --- 4. the Action's install script ------------------------------------------------------------
say "action install script against $base"
adir="$work/action-install"
rm -rf "$adir"
CLEARANCE_REPO=OWNER/clearance CLEARANCE_VERSION=v0.0.0 CLEARANCE_TARGET="$host" \
    CLEARANCE_DOWNLOAD_URL="$base" bash scripts/action-install.sh install "$adir"
[[ -f "$adir/completions/clearance.bash" ]] || fail "the action did not unpack the completions"
tampered="$work/tampered"
rm -rf "$tampered"
mkdir -p "$tampered"
cp "$distrib/$archive" "$distrib/$archive.sha256" "$tampered/"
printf 'x' >> "$tampered/$archive"
python3 -m http.server 0 --bind 127.0.0.1 --directory "$tampered" > "$work/http2.log" 2>&1 &
server2=$!
trap 'kill "$server" "$server2" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    tport=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$work/http2.log" | head -n 1)
    [[ -n "$tport" ]] && break
    sleep 0.1
done
if CLEARANCE_REPO=OWNER/clearance CLEARANCE_VERSION=v0.0.0 CLEARANCE_TARGET="$host" \
    CLEARANCE_DOWNLOAD_URL="http://127.0.0.1:$tport" \
    bash scripts/action-install.sh install "$work/tampered-install" 2> "$work/tampered.err"; then
    fail "the action installed an archive that does not match its checksum"
fi
cat "$work/tampered.err"
grep -q "does not match its published checksum" "$work/tampered.err" || fail "no checksum message"

# --- 5. the .deb --------------------------------------------------------------------------
say "cargo deb (the binary dist built) and dpkg -i"
rm -rf "$work/deb"
"$cargo_deb" --no-build --profile dist --target "$host" --output "$work/deb/" | tee "$work/deb.out"
deb="$(find "$work/deb" -name "*.deb" | head -n 1)"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
dpkg-deb --contents "$deb"
if [[ "$(id -u)" != 0 ]]; then
    echo "release-check: not root: the .deb was built but not installed"
else
    dpkg -i "$deb"
    trap 'kill "$server" "$server2" 2>/dev/null || true; dpkg -r clearance > /dev/null 2>&1 || true' EXIT
    /usr/bin/clearance --version
    man -w clearance
    for f in /usr/share/bash-completion/completions/clearance \
        /usr/share/zsh/vendor-completions/_clearance \
        /usr/share/fish/vendor_completions.d/clearance.fish; do
        [[ -s "$f" ]] || fail "the .deb did not install $f"
    done
    bash --norc -c 'source /usr/share/bash-completion/completions/clearance && complete -p clearance'
    dpkg -r clearance
    [[ ! -e /usr/bin/clearance ]] || fail "dpkg -r left /usr/bin/clearance"
    echo "dpkg -r removed clearance"
fi

say "release-check: all passed"
