#!/usr/bin/env bash
# The install half of the GitHub Action (action.yml): picks the release archive for the runner,
# downloads it, checks its sha256 against the release's checksum file and unpacks the binary.
#
#   action-install.sh resolve          # prints version=vX.Y.Z and target=TRIPLE (for $GITHUB_OUTPUT)
#   action-install.sh install DIR      # needs CLEARANCE_VERSION=vX.Y.Z and CLEARANCE_TARGET
#
# Environment:
#   CLEARANCE_REPO           OWNER/NAME of the repository whose releases hold the archives
#                            (default: the action's own, from GITHUB_ACTION_PATH)
#   CLEARANCE_VERSION        a tag (v0.2.0, or 0.2.0) or "latest" (resolve asks the API)
#   CLEARANCE_TARGET         the target triple (install; resolve prints it)
#   CLEARANCE_TOKEN          optional: a token for the API and downloads (private repositories)
#   CLEARANCE_DOWNLOAD_URL   optional: the base URL of the release's files, instead of
#                            $GITHUB_SERVER_URL/OWNER/NAME/releases/download/TAG (a mirror)
#   GITHUB_API_URL, GITHUB_SERVER_URL   set by Actions (GitHub Enterprise included)
#   RUNNER_OS, RUNNER_ARCH   set by Actions; uname is asked when they are missing
set -euo pipefail

die() {
    echo "::error title=clearance install::$*" >&2
    exit 1
}

api="${GITHUB_API_URL:-https://api.github.com}"
server="${GITHUB_SERVER_URL:-https://github.com}"
repo="${CLEARANCE_REPO:-}"
if [[ -z "$repo" ]]; then
    # `uses: OWNER/NAME@REF` checks the action out to .../_actions/OWNER/NAME/REF.
    case "${GITHUB_ACTION_PATH:-}" in
        */_actions/*/*/*)
            rest="${GITHUB_ACTION_PATH#*/_actions/}"
            owner="${rest%%/*}"
            rest="${rest#*/}"
            repo="$owner/${rest%%/*}"
            ;;
    esac
fi

auth=()
if [[ -n "${CLEARANCE_TOKEN:-}" ]]; then
    auth=(-H "Authorization: Bearer ${CLEARANCE_TOKEN}")
fi

fetch() { # URL OUTFILE
    curl --fail --silent --show-error --location --retry 3 --connect-timeout 20 \
        ${auth[@]+"${auth[@]}"} -o "$2" "$1"
}

target_triple() {
    local os="${RUNNER_OS:-$(uname -s)}" arch="${RUNNER_ARCH:-$(uname -m)}"
    case "$os/$arch" in
        # Static musl builds: they run on every Linux runner, self-hosted ones on old
        # distributions included.
        Linux/X64 | Linux/x86_64) echo x86_64-unknown-linux-musl ;;
        Linux/ARM64 | Linux/aarch64 | Linux/arm64) echo aarch64-unknown-linux-musl ;;
        macOS/X64 | Darwin/x86_64) echo x86_64-apple-darwin ;;
        macOS/ARM64 | Darwin/arm64) echo aarch64-apple-darwin ;;
        *) die "no clearance build for $os on $arch: the releases have Linux (x86_64, arm64) and macOS (x86_64, arm64); run the job on one of those" ;;
    esac
}

resolve() {
    [[ -n "$repo" ]] || die "which repository holds the clearance releases? set the action's 'repository' input to OWNER/NAME"
    local version="${CLEARANCE_VERSION:-latest}"
    if [[ "$version" == "latest" ]]; then
        local json
        json="$(mktemp)"
        fetch "$api/repos/$repo/releases/latest" "$json" ||
            die "cannot read the latest release of $repo from $api (set 'version' to a tag, or 'github-token' for a private repository)"
        version="$(grep -o '"tag_name": *"[^"]*"' "$json" | head -n 1 | sed 's/.*"\([^"]*\)"$/\1/' || true)"
        rm -f "$json"
        [[ -n "$version" ]] || die "the latest release of $repo has no tag_name"
    fi
    [[ "$version" == v* ]] || version="v$version"
    local target
    target="$(target_triple)"
    echo "version=$version"
    echo "target=$target"
}

sha256_of() {
    if command -v sha256sum > /dev/null; then
        sha256sum "$1" | cut -d' ' -f1
    else
        shasum -a 256 "$1" | cut -d' ' -f1
    fi
}

install() {
    local dir="$1" version="${CLEARANCE_VERSION:?CLEARANCE_VERSION is not set}"
    local target="${CLEARANCE_TARGET:?CLEARANCE_TARGET is not set}"
    local base="${CLEARANCE_DOWNLOAD_URL:-$server/$repo/releases/download/$version}"
    local archive="clearance-$target.tar.xz"
    local work
    work="$(mktemp -d)"
    fetch "$base/$archive" "$work/$archive" || die "cannot download $base/$archive"
    fetch "$base/$archive.sha256" "$work/$archive.sha256" ||
        die "cannot download the checksum $base/$archive.sha256"
    local want got
    want="$(cut -d' ' -f1 < "$work/$archive.sha256" | tr -d '\r\n')"
    got="$(sha256_of "$work/$archive")"
    [[ -n "$want" && "$want" == "$got" ]] ||
        die "$archive does not match its published checksum (expected ${want:-nothing}, got $got): not installed"
    mkdir -p "$work/x"
    tar -xJf "$work/$archive" -C "$work/x"
    local bin
    bin="$(find "$work/x" -type f -name clearance | head -n 1)"
    [[ -n "$bin" ]] || die "$archive holds no clearance binary"
    mkdir -p "$dir"
    # Everything the archive ships (completions, manual page) beside the binary.
    cp -R "$(dirname "$bin")/." "$dir/"
    chmod 755 "$dir/clearance"
    rm -rf "$work"
    "$dir/clearance" --version
}

case "${1:-}" in
    resolve) resolve ;;
    install) install "${2:?usage: action-install.sh install DIR}" ;;
    *) die "usage: action-install.sh resolve | install DIR" ;;
esac
