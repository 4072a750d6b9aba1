#!/usr/bin/env bash
# Listing runs at scale: clearance against MLflow's Python client and raw REST paging, on a
# real `mlflow server` over PostgreSQL, and clearance's direct sqlite read against Python's
# sqlite3 over the same tables. Prints one table; stops every server it started.
#
#   benches/scale.sh                 # 1,000, 10,000 and 100,000 runs
#   benches/scale.sh 1000 10000      # chosen sizes
#   benches/scale.sh --keys-only     # only the TUI's `r` and enter -> chart
#
# Then the TUI's memory with every run of each size loaded from an MLflow sqlite file
# (benches/tui_rss.py).
#
# Needs: Debian's `postgresql` (installed with apt-get when missing), the MLflow venv the
# integration tests build (`cargo test --test it listing` makes it), `psycopg2-binary` in it
# (pip-installed when missing), and a release build of clearance (built here).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OPTS=()
SIZES=()
for arg in "$@"; do
    case "$arg" in
        --*) OPTS+=("$arg") ;;
        *) SIZES+=("$arg") ;;
    esac
done
[ ${#SIZES[@]} -gt 0 ] || [ ${#OPTS[@]} -gt 0 ] || SIZES=(1000 10000 100000)
CACHE=${CLEARANCE_TEST_CACHE:-$HOME/.cache/clearance-tests}
VENV=$(ls -d "$CACHE"/mlflow-venv-* 2>/dev/null | grep -v '\.lock$' | head -1 || true)
if [ -z "$VENV" ] || [ ! -x "$VENV/bin/mlflow" ]; then
    echo "no MLflow venv under $CACHE: run 'cargo test --test it listing' once first" >&2
    exit 1
fi

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
fi
PGBIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
"$VENV/bin/python" -c 'import psycopg2' 2>/dev/null || "$VENV/bin/pip" install -q psycopg2-binary

# CLEARANCE_BIN: a clearance binary of one's own instead of a release build made here.
BIN=${CLEARANCE_BIN:-$ROOT/target/release/clearance}
[ -n "${CLEARANCE_BIN:-}" ] || (cd "$ROOT" && cargo build --release --bin clearance -q)

WORK=$(mktemp -d /tmp/clearance-scale-XXXXXX)
chmod 755 "$WORK"
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
MLPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# PostgreSQL refuses to run as root: the cluster belongs to `postgres` when we are root.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$WORK/pg"
[ "$(id -u)" = 0 ] && chown postgres "$WORK/pg"
MLFLOW_PID=
cleanup() {
    [ -n "$MLFLOW_PID" ] && kill -- -"$MLFLOW_PID" 2>/dev/null || true
    as_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

as_pg "$PGBIN/initdb" -D "$WORK/pg" -U postgres --auth=trust >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w \
    -o "-p $PGPORT -k $WORK/pg -c listen_addresses=127.0.0.1" start >/dev/null
as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc 'CREATE DATABASE mlflow'
PGURI="postgresql://postgres@127.0.0.1:$PGPORT/mlflow"

MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false setsid "$VENV/bin/mlflow" server --host 127.0.0.1 \
    --port "$MLPORT" --workers 2 --backend-store-uri "${PGURI/postgresql:/postgresql+psycopg2:}" \
    --artifacts-destination "$WORK/artifacts" >"$WORK/mlflow.log" 2>&1 &
MLFLOW_PID=$!
for _ in $(seq 240); do
    curl -sf "http://127.0.0.1:$MLPORT/health" >/dev/null && break
    sleep 0.5
done
curl -sf "http://127.0.0.1:$MLPORT/health" >/dev/null || { tail -20 "$WORK/mlflow.log"; exit 1; }

"$VENV/bin/python" "$ROOT/benches/scale.py" \
    --server "http://127.0.0.1:$MLPORT" --pg "$PGURI" --work "$WORK" \
    --clearance "$BIN" --demo-db "$ROOT/assets/demo/demo.db" \
    ${OPTS[@]+"${OPTS[@]}"} ${SIZES[@]+"${SIZES[@]}"}
if [ ${#SIZES[@]} -gt 0 ] && [[ " ${OPTS[*]-} " != *" --keys-only "* ]]; then
    echo
    echo "TUI memory with every run loaded, MLflow sqlite file read directly (benches/tui_rss.py)"
    "$VENV/bin/python" "$ROOT/benches/tui_rss.py" --clearance "$BIN" --work "$WORK/tui-rss" \
        --demo-db "$ROOT/assets/demo/demo.db" "${SIZES[@]}"
fi
