"""The measuring half of benches/scale.sh (run with the MLflow venv's python; see there).

For each size N: an experiment `scale-N` of N runs (10 metrics, 5 params, 4 tags and the
run-name tag each, as benches/list_runs.rs), written with SQL into the PostgreSQL store the
server created, then listed whole by
  - clearance `runs --json` (time to its first byte, the whole listing, peak RSS),
  - MLflow's Python client (`MlflowClient.search_runs`, pages of 1,000 with page tokens),
  - raw REST `runs/search` paged by 1,000 with `requests`, one page after the other;
and the same N runs in an MLflow sqlite file, listed by clearance directly and read by
Python's sqlite3 (runs with latest metrics, params and tags, into dicts): the file read once
first (both find it in the page cache), then each 5 times, alternating; medians.

The TUI is measured in a detached tmux session of 200x60: the time to its first rows (the log
line "first rows drawn", timed inside clearance from the start of the TUI), started twice:
  - cold: the config names the experiment (the experiment list, then its first page),
  - warm: the experiment is remembered from the cold start (the list and the page at once),
against one raw `runs/search` round trip for the same first page (100 runs, the TUI's first
page; 200, a whole page, printed beside it); then `G` until every run is listed.

Then two keys, timed from sending them to the TUI's log line (median of 5):
  - `r` with 800 runs listed and 5 runs created just before, to "run changes merged" (every
    row kept, the new ones in), auto-refresh off;
  - enter on a candidate whose baseline and itself have 5,000-point `loss` histories, to
    "chart histories loaded" (a new TUI each time), against MlflowClient.get_metric_history
    and raw get-history of both runs, and one raw get-history-bulk-interval of both.
`--keys-only` measures only these two.
"""

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import time

import re
import shutil

import psycopg2
import requests
from mlflow.tracking import MlflowClient

T0 = 1_790_000_000_000
PAGE = 1000


def seed_pg(pg, server, n):
    name = f"scale-{n}"
    r = requests.post(f"{server}/api/2.0/mlflow/experiments/create", json={"name": name})
    r.raise_for_status()
    exp = int(r.json()["experiment_id"])
    started = time.perf_counter()
    with psycopg2.connect(pg) as conn, conn.cursor() as cur:
        cur.execute(
            """INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name,
                 user_id, status, start_time, end_time, source_version, lifecycle_stage,
                 artifact_uri, experiment_id)
               SELECT md5(%(e)s || '-' || i), 'run-' || i, 'LOCAL', '', '', 'bench',
                 'FINISHED', %(t0)s + i::bigint * 60000, %(t0)s + i::bigint * 60000 + 3600000, '', 'active',
                 'mlflow-artifacts:/' || %(e)s || '/' || md5(%(e)s || '-' || i) || '/artifacts',
                 %(e)s
               FROM generate_series(0, %(n)s - 1) AS i""",
            {"e": exp, "n": n, "t0": T0},
        )
        cur.execute(
            """INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid)
               SELECT 'metric_' || m, ((i * 31 + m * 17) %% 1000) / 1000.0,
                 %(t0)s + i::bigint * 60000 + 3000000, 99, false, md5(%(e)s || '-' || i)
               FROM generate_series(0, %(n)s - 1) AS i, generate_series(0, 9) AS m""",
            {"e": exp, "n": n, "t0": T0},
        )
        cur.execute(
            """INSERT INTO params (key, value, run_uuid)
               SELECT 'param_' || p, ((i + p) %% 7)::text, md5(%(e)s || '-' || i)
               FROM generate_series(0, %(n)s - 1) AS i, generate_series(0, 4) AS p""",
            {"e": exp, "n": n},
        )
        cur.execute(
            """INSERT INTO tags (key, value, run_uuid)
               SELECT 'tag_' || t, 'value-' || (i %% 11), md5(%(e)s || '-' || i)
               FROM generate_series(0, %(n)s - 1) AS i, generate_series(0, 3) AS t
               UNION ALL
               SELECT 'mlflow.runName', 'run-' || i, md5(%(e)s || '-' || i)
               FROM generate_series(0, %(n)s - 1) AS i""",
            {"e": exp, "n": n},
        )
        cur.execute("ANALYZE")
    return exp, name, time.perf_counter() - started


def seed_sqlite(demo_db, path, n):
    conn = sqlite3.connect(demo_db)
    conn.execute("VACUUM INTO ?", (path,))
    conn.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT IN ('alembic_version') AND name NOT LIKE 'sqlite_%'"
        )
    ]
    for t in tables:
        conn.execute(f'DELETE FROM "{t}"')
    conn.execute(
        "INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, "
        "creation_time, last_update_time, workspace) "
        "VALUES (1, 'bench', '/tmp/bench', 'active', ?, ?, 'default')",
        (T0, T0),
    )
    ids = [f"{i:032x}" for i in range(n)]
    conn.executemany(
        "INSERT INTO runs (run_uuid, name, source_type, user_id, status, start_time, end_time, "
        "lifecycle_stage, artifact_uri, experiment_id) "
        "VALUES (?, ?, 'LOCAL', 'bench', 'FINISHED', ?, ?, 'active', ?, 1)",
        (
            (ids[i], f"run-{i}", T0 + i * 60000, T0 + i * 60000 + 3600000, f"/tmp/{ids[i]}")
            for i in range(n)
        ),
    )
    conn.executemany(
        "INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) "
        "VALUES (?, ?, ?, 99, 0, ?)",
        (
            (f"metric_{m}", ((i * 31 + m * 17) % 1000) / 1000.0, T0 + i * 60000, ids[i])
            for i in range(n)
            for m in range(10)
        ),
    )
    conn.executemany(
        "INSERT INTO params (key, value, run_uuid) VALUES (?, ?, ?)",
        ((f"param_{p}", str((i + p) % 7), ids[i]) for i in range(n) for p in range(5)),
    )
    conn.executemany(
        "INSERT INTO tags (key, value, run_uuid) VALUES (?, ?, ?)",
        (
            (k, v, ids[i])
            for i in range(n)
            for k, v in [(f"tag_{t}", f"value-{i % 11}") for t in range(4)]
            + [("mlflow.runName", f"run-{i}")]
        ),
    )
    conn.commit()
    conn.execute("PRAGMA page_size = 4096")
    conn.execute("VACUUM")
    conn.close()


def clearance(binary, work, target, experiment):
    """Runs `clearance runs --json`: (seconds to the first byte, seconds in all, runs, MB)."""
    home = os.path.join(work, "home")
    os.makedirs(home, exist_ok=True)
    open(os.path.join(home, "config.toml"), "w").close()
    env = isolated_env(home)
    started = time.perf_counter()
    # Peak RSS from /usr/bin/time: a fork of this (large) Python process counts in the
    # child's own ru_maxrss before it execs.
    rss_file = os.path.join(work, "rss")
    proc = subprocess.Popen(
        ["/usr/bin/time", "-f", "%M", "-o", rss_file,
         binary, *target, "runs", "--json", "--experiment", experiment],
        stdout=subprocess.PIPE,
        env=env,
    )
    first = proc.stdout.read(1)
    first_at = time.perf_counter() - started
    rest = proc.stdout.read()
    status = proc.wait()
    took = time.perf_counter() - started
    if status != 0:
        sys.exit(f"clearance {target} failed: status {status}")
    # `{"schema_version": 1, "runs": [...]}` (see the README's machine interface).
    runs = len(json.loads(first + rest)["runs"])
    with open(rss_file) as f:
        rss_kb = int(f.read().split()[-1])
    return first_at, took, runs, rss_kb / 1024


def isolated_env(home):
    """An environment whose config, state and data dirs are under `home`."""
    env = dict(os.environ, CLEARANCE_CONFIG=os.path.join(home, "config.toml"))
    for var in ["CONFIG_HOME", "STATE_HOME", "DATA_HOME"]:
        env[f"CLEARANCE_{var}"] = os.path.join(home, var.lower())
        env[f"XDG_{var}"] = os.path.join(home, "xdg-" + var.lower())
    return env


class Tui:
    """The TUI in a detached tmux session of 200x60 with `home` as its config and state, logging
    at info level; `with Tui(...) as t:` kills the session at the end."""

    def __init__(self, binary, home, server):
        state = os.path.join(home, "state_home")
        os.makedirs(state, exist_ok=True)
        for f in os.listdir(state):
            if f.startswith("clearance") and f.endswith(".log"):
                os.remove(os.path.join(state, f))
        self.log = os.path.join(state, "clearance.log")
        script = os.path.join(home, "run.sh")
        with open(script, "w") as f:
            f.write("#!/bin/sh\n")
            for k, v in isolated_env(home).items():
                if k.startswith(("CLEARANCE_", "XDG_")):
                    f.write(f"export {k}='{v}'\n")
            f.write(f"export CLEARANCE_LOG=clearance=info TERM=xterm-256color\n"
                    f"exec '{binary}' --tracking-uri '{server}'\n")
        os.chmod(script, 0o755)
        self.session = f"clearance-bench-{os.getpid()}"
        self.script = script
        self.read = 0

    def __enter__(self):
        subprocess.run(["tmux", "new-session", "-d", "-s", self.session, "-x", "200", "-y", "60",
                        self.script], check=True)
        self.pid = int(subprocess.run(
            ["tmux", "display", "-p", "-t", self.session, "#{pane_pid}"],
            capture_output=True, text=True, check=True).stdout)
        return self

    def __exit__(self, *_):
        subprocess.run(["tmux", "kill-session", "-t", self.session], check=False)

    def wait_for(self, pattern):
        """The first match of `pattern` in the log after what earlier waits matched."""
        deadline = time.time() + 900
        text = ""
        while time.time() < deadline:
            text = open(self.log).read() if os.path.exists(self.log) else ""
            m = re.compile(pattern).search(text, self.read)
            if m:
                self.read = m.end()
                return m
            time.sleep(0.005)
        sys.exit(f"the TUI did not log {pattern!r} in time; log:\n{text}")

    def keys(self, *keys):
        for k in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.session, k], check=True)

    def timed(self, keys, pattern):
        """(match, seconds from sending `keys` to the log line matching `pattern`)."""
        sent = time.perf_counter()
        self.keys(*keys)
        m = self.wait_for(pattern)
        return m, time.perf_counter() - sent

    def rss_mb(self):
        with open(f"/proc/{self.pid}/status") as f:
            return next(int(l.split()[1]) for l in f if l.startswith("VmRSS")) / 1024


def tui_once(binary, home, server, keys=(), done=r"first rows drawn ms=\"?(\d+)"):
    """Starts the TUI in tmux, waits for the first rows, then sends `keys` and waits for the
    log line matching `done`; (its first number, RSS MB, seconds from the keys to it)."""
    with Tui(binary, home, server) as t:
        if keys:
            t.wait_for(r"first rows drawn")
        m, took = t.timed(keys, done)
        return int(m.group(1)), t.rss_mb(), took


def tui_first_rows(binary, work, server, name, times=3):
    """(cold ms, warm ms), medians of `times` starts: the TUI's first rows with the experiment
    named in the config, then remembered from the start before."""
    home = os.path.join(work, "tui-home")
    shutil.rmtree(home, ignore_errors=True)
    os.makedirs(home)
    config = os.path.join(home, "config.toml")
    cold, warm = [], []
    for _ in range(times):
        with open(config, "w") as f:
            f.write(f'[runs]\nexperiments = ["{name}"]\n')
        cold.append(tui_once(binary, home, server)[0])
        # The next start remembers the experiment shown (the config no longer names it).
        open(config, "w").close()
        warm.append(tui_once(binary, home, server)[0])
    return sorted(cold)[times // 2], sorted(warm)[times // 2]


def tui_everything(binary, work, server, name):
    """(seconds, RSS MB, runs): G pressed once the first rows are drawn, until every run is
    listed, and the TUI's resident memory then."""
    home = os.path.join(work, "tui-home")
    with open(os.path.join(home, "config.toml"), "w") as f:
        f.write(f'[runs]\nexperiments = ["{name}"]\n')
    runs, rss, took = tui_once(binary, home, server, keys=["G"],
                               done=r"every run listed runs=(\d+)")
    return took, rss, runs


def tui_config(work, name, experiment):
    """A fresh home for the TUI under `work`, opening `experiment`, with auto-refresh off (only
    the keys sent refresh)."""
    home = os.path.join(work, name)
    shutil.rmtree(home, ignore_errors=True)
    os.makedirs(home)
    with open(os.path.join(home, "config.toml"), "w") as f:
        f.write(f'[runs]\nexperiments = ["{experiment}"]\n[ui]\nrefresh_secs = 0\n')
    return home


def new_runs(http, server, exp, count):
    """Creates `count` finished runs over REST, started now (after every seeded run), each with
    the seeded runs' 10 metrics."""
    now = int(time.time() * 1000)
    api = f"{server}/api/2.0/mlflow"
    for k in range(count):
        r = http.post(f"{api}/runs/create", json={
            "experiment_id": str(exp), "start_time": now + k, "run_name": f"new-{now}-{k}"})
        r.raise_for_status()
        run = r.json()["run"]["info"]["run_id"]
        http.post(f"{api}/runs/log-batch", json={"run_id": run, "metrics": [
            {"key": f"metric_{m}", "value": 0.5, "timestamp": now, "step": 99}
            for m in range(10)]}).raise_for_status()
        http.post(f"{api}/runs/update", json={
            "run_id": run, "status": "FINISHED", "end_time": now + 1000}).raise_for_status()


def tui_refresh(binary, work, server, pg, loaded=800, new=5, times=5):
    """Seconds from `r` to the merged rows, with `loaded` runs listed (`G`) and `new` runs
    created just before each press (median and all of `times` presses); checks that every
    row stayed and the new ones came."""
    exp, name, _ = seed_pg(pg, server, loaded)
    home = tui_config(work, "tui-refresh", name)
    http = requests.Session()
    took = []
    with Tui(binary, home, server) as t:
        t.wait_for(r"first rows drawn")
        t.keys("G")
        t.wait_for(r"every run listed runs=(\d+)")
        # Off the first row, so that a kept selection is not the default one.
        t.keys("k", "k", "k")
        rows = loaded
        for _ in range(times):
            new_runs(http, server, exp, new)
            m, s = t.timed(["r"], r"run changes merged rows=(\d+) new=(\d+)")
            rows += new
            if (int(m.group(1)), int(m.group(2))) != (rows, new):
                sys.exit(f"r merged {m.group(0)!r}, expected rows={rows} new={new}")
            took.append(s)
    return sorted(took)[times // 2], took


def seed_histories(server, points):
    """An experiment `chart-N` of a baseline (tagged `baseline=true`) and a newer candidate,
    each with a `loss` history of `points` steps, logged over REST: (id, name, run ids)."""
    name = f"chart-{points}"
    api = f"{server}/api/2.0/mlflow"
    http = requests.Session()
    r = http.post(f"{api}/experiments/create", json={"name": name})
    r.raise_for_status()
    exp = r.json()["experiment_id"]
    ids = []
    for k, run_name in enumerate(["baseline", "candidate"]):
        r = http.post(f"{api}/runs/create", json={
            "experiment_id": exp, "start_time": T0 + k * 60000, "run_name": run_name,
            "tags": [{"key": "baseline", "value": "true"}] if k == 0 else []})
        r.raise_for_status()
        run = r.json()["run"]["info"]["run_id"]
        for start in range(0, points, 1000):
            http.post(f"{api}/runs/log-batch", json={"run_id": run, "metrics": [
                {"key": "loss", "value": 1.0 / (1 + s * (0.01 + k * 0.002)),
                 "timestamp": T0 + s, "step": s}
                for s in range(start, min(start + 1000, points))]}).raise_for_status()
        http.post(f"{api}/runs/update", json={
            "run_id": run, "status": "FINISHED", "end_time": T0 + k * 60000 + 1000,
        }).raise_for_status()
        ids.append(run)
    return exp, name, ids


def tui_chart(binary, work, server, points=5000, times=5):
    """Seconds from enter on the candidate to both sides' histories loaded for the chart (a new
    TUI each time, so nothing is cached): median, all of `times`, and the two runs' ids."""
    _, name, ids = seed_histories(server, points)
    home = tui_config(work, "tui-chart", name)
    took = []
    for _ in range(times):
        with Tui(binary, home, server) as t:
            t.wait_for(r"first rows drawn")
            # Let the first screen's other fetches (baselines, sparklines) settle.
            time.sleep(1.0)
            m, s = t.timed(["Enter"], r"chart histories loaded metric=\"?loss\"? points=(\d+)")
            took.append(s)
            # 200 columns: 400 points a run asked for.
            got = int(m.group(1))
            if not 2 <= got <= 2 * 400:
                sys.exit(f"the chart got {got} points of 2 x {points} logged")
    return sorted(took)[times // 2], took, ids, got


def history_anchors(server, ids, times=5):
    """Median of `times`, in s, for both runs' whole `loss` history: MlflowClient's
    `get_metric_history` one run after the other, and raw `get-history`; and one raw
    `get-history-bulk-interval` of both runs sampled to 400 points (what the TUI asks at 200
    columns)."""
    client = MlflowClient(tracking_uri=server)
    http = requests.Session()
    api = f"{server}/api/2.0/mlflow"

    def best(f):
        took = []
        for _ in range(times):
            started = time.perf_counter()
            f()
            took.append(time.perf_counter() - started)
        return sorted(took)[times // 2]

    def python():
        for run in ids:
            client.get_metric_history(run, "loss")

    def raw():
        for run in ids:
            http.get(f"{api}/metrics/get-history",
                     params={"run_id": run, "metric_key": "loss"}).raise_for_status()

    def sampled():
        http.get(f"{api}/metrics/get-history-bulk-interval",
                 params={"run_ids": ids, "metric_key": "loss",
                         "max_results": 400}).raise_for_status()

    return best(python), best(raw), best(sampled)


def one_round_trip(server, exp, size):
    """Seconds for one `runs/search` of the first `size` runs (the best of three)."""
    http = requests.Session()
    best = None
    for _ in range(3):
        started = time.perf_counter()
        r = http.post(f"{server}/api/2.0/mlflow/runs/search",
                      json={"experiment_ids": [str(exp)], "max_results": size})
        r.raise_for_status()
        took = time.perf_counter() - started
        best = took if best is None else min(best, took)
    return best


def python_client(server, exp):
    client = MlflowClient(tracking_uri=server)
    started = time.perf_counter()
    first_at, token, runs = None, None, 0
    while True:
        page = client.search_runs([str(exp)], max_results=PAGE, page_token=token)
        first_at = first_at or time.perf_counter() - started
        runs += len(page)
        token = page.token
        if not token:
            return first_at, time.perf_counter() - started, runs


def raw_rest(server, exp):
    http = requests.Session()
    started = time.perf_counter()
    first_at, token, runs = None, None, 0
    while True:
        body = {"experiment_ids": [str(exp)], "max_results": PAGE}
        if token:
            body["page_token"] = token
        r = http.post(f"{server}/api/2.0/mlflow/runs/search", json=body)
        r.raise_for_status()
        page = r.json()
        first_at = first_at or time.perf_counter() - started
        runs += len(page.get("runs", []))
        token = page.get("next_page_token")
        if not token:
            return first_at, time.perf_counter() - started, runs


def sqlite_pair(binary, work, db, n, times=5):
    """clearance `runs --json` and Python's sqlite3 on the sqlite file `db`, alternating
    `times` times, the file read once before so that both find it in the page cache:
    (clearance's median s, its peak MB, Python's median s, and every time of each)."""
    with open(db, "rb") as f:
        while f.read(1 << 20):
            pass
    mine, theirs, peak = [], [], 0
    for _ in range(times):
        _, took, runs, mb = clearance(binary, work, ["--tracking-uri", f"sqlite:///{db}"], "bench")
        q_took, q_runs = python_sqlite(db)
        if not runs == q_runs == n:
            sys.exit(f"sqlite: listed {runs} / {q_runs} runs, expected {n}")
        mine.append(took)
        theirs.append(q_took)
        peak = max(peak, mb)
    return sorted(mine)[times // 2], peak, sorted(theirs)[times // 2], mine, theirs


def python_sqlite(path):
    started = time.perf_counter()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    runs = {}
    for row in conn.execute(
        "SELECT run_uuid, name, user_id, status, start_time, end_time, lifecycle_stage, "
        "experiment_id FROM runs WHERE experiment_id = 1 AND lifecycle_stage = 'active' "
        "ORDER BY start_time DESC, run_uuid"
    ):
        runs[row[0]] = {"info": row, "metrics": {}, "params": {}, "tags": {}}
    for run, key, value, ts, step, is_nan in conn.execute(
        "SELECT run_uuid, key, value, timestamp, step, is_nan FROM latest_metrics"
    ):
        if run in runs:
            runs[run]["metrics"][key] = (float("nan") if is_nan else value, step, ts)
    for table in ["params", "tags"]:
        for run, key, value in conn.execute(f"SELECT run_uuid, key, value FROM {table}"):
            if run in runs:
                runs[run][table][key] = value
    conn.close()
    return time.perf_counter() - started, len(runs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--pg", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--clearance", required=True)
    ap.add_argument("--demo-db", required=True)
    ap.add_argument("--keys-only", action="store_true", help="only `r` and enter -> chart")
    ap.add_argument("sizes", nargs="*", type=int)
    a = ap.parse_args()
    if a.keys_only:
        a.sizes = []
    load = os.getloadavg()[0]
    print(f"load average at start: {load:.1f} on {os.cpu_count()} cores", flush=True)
    rows = []
    tui = []
    for n in a.sizes:
        exp, name, seeded = seed_pg(a.pg, a.server, n)
        print(f"seeded {n} runs into PostgreSQL in {seeded:.1f} s", flush=True)
        c_first, c_all, c_runs, c_mb = clearance(
            a.clearance, a.work, ["--tracking-uri", a.server], name
        )
        print(f"  clearance: first byte {c_first:.2f} s, all {c_all:.2f} s, {c_mb:.0f} MB", flush=True)
        p_first, p_all, p_runs = python_client(a.server, exp)
        print(f"  MlflowClient: first page {p_first:.2f} s, all {p_all:.2f} s", flush=True)
        r_first, r_all, r_runs = raw_rest(a.server, exp)
        print(f"  raw REST: first page {r_first:.2f} s, all {r_all:.2f} s", flush=True)
        t_cold, t_warm = tui_first_rows(a.clearance, a.work, a.server, name)
        trip = one_round_trip(a.server, exp, size=100)
        trip_200 = one_round_trip(a.server, exp, size=200)
        print(f"  TUI first rows: named {t_cold} ms, remembered {t_warm} ms; "
              f"one runs/search of 100 (the TUI's first page): {trip * 1000:.0f} ms, "
              f"of 200: {trip_200 * 1000:.0f} ms", flush=True)
        g_took, g_mb, g_runs = tui_everything(a.clearance, a.work, a.server, name)
        if g_runs != n:
            sys.exit(f"G listed {g_runs} runs, expected {n}")
        print(f"  TUI G: every run in {g_took:.2f} s, {g_mb:.0f} MB resident", flush=True)
        tui.append((n, t_cold, t_warm, trip, g_took, g_mb, c_all))
        if not c_runs == p_runs == r_runs == n:
            sys.exit(f"listed {c_runs} / {p_runs} / {r_runs} runs, expected {n}")
        db = os.path.join(a.work, f"sqlite-{n}.db")
        seed_sqlite(a.demo_db, db, n)
        s_all, s_mb, q_all, s_each, q_each = sqlite_pair(a.clearance, a.work, db, n)
        print(f"  sqlite: clearance {s_all:.3f} s ({', '.join(f'{x:.3f}' for x in s_each)}), "
              f"Python sqlite3 {q_all:.3f} s ({', '.join(f'{x:.3f}' for x in q_each)})",
              flush=True)
        os.remove(db)
        rows.append((n, c_first, c_all, c_mb, p_first, p_all, r_first, r_all, s_all, s_mb, q_all))

    r_median, r_all = tui_refresh(a.clearance, a.work, a.server, a.pg)
    print(f"  TUI r, 800 rows loaded and 5 new runs: {r_median * 1000:.0f} ms "
          f"({', '.join(f'{x * 1000:.0f}' for x in r_all)})", flush=True)
    ch_median, ch_all, ids, ch_points = tui_chart(a.clearance, a.work, a.server)
    print(f"  TUI enter -> chart, 2 x 5,000 points sampled to {ch_points} in all: {ch_median * 1000:.0f} ms "
          f"({', '.join(f'{x * 1000:.0f}' for x in ch_all)})", flush=True)
    h_python, h_raw, h_sampled = history_anchors(a.server, ids)

    if rows:
        print()
        print("REST (mlflow server on PostgreSQL, 2 workers); times in s, first = first rows")
        print(f"{'runs':>7} | {'clearance first/all':>19} | {'RSS MB':>6} | {'MlflowClient first/all':>22} "
              f"| {'raw REST first/all':>18} | {'vs client':>9} | {'vs raw':>6}")
        for n, cf, ca, cm, pf, pa, rf, ra, *_ in rows:
            print(f"{n:>7} | {cf:>8.2f} / {ca:>8.2f} | {cm:>6.0f} | {pf:>10.2f} / {pa:>9.2f} "
                  f"| {rf:>7.2f} / {ra:>8.2f} | {pa / ca:>8.1f}x | {ra / ca:>5.1f}x")
        print()
        print("sqlite read directly (same rows), median of 5 alternating; times in s")
        print(f"{'runs':>7} | {'clearance runs --json':>21} | {'RSS MB':>6} | {'Python sqlite3':>14} | {'ratio':>5}")
        for n, *_, sa, sm, qa in rows:
            print(f"{n:>7} | {sa:>21.3f} | {sm:>6.0f} | {qa:>14.3f} | {qa / sa:>4.1f}x")
        print()
        print("TUI over REST (200x60): ms to the first rows drawn, against one runs/search round trip;")
        print("G: s from the key to every run listed, against `clearance runs --json`; RSS then")
        print(f"{'runs':>7} | {'named in config':>15} | {'remembered':>10} | {'one round trip':>14} | {'ratio':>5} "
              f"| {'G all':>7} | {'runs --json':>11} | {'RSS MB':>6}")
        for n, cold, warm, trip, g_took, g_mb, c_all in tui:
            print(f"{n:>7} | {cold:>15} | {warm:>10} | {trip * 1000:>14.0f} | {warm / (trip * 1000):>4.1f}x "
                  f"| {g_took:>7.2f} | {c_all:>11.2f} | {g_mb:>6.0f}")
    print()
    print("TUI over REST (200x60): ms from the key to the log line, median of 5 (all of them)")
    print(f"  r with 800 rows loaded and 5 new runs, to every row merged: {r_median * 1000:.0f} "
          f"({', '.join(f'{x * 1000:.0f}' for x in r_all)}); goal 300")
    print(f"  enter to the chart's 2 x 5,000-point histories loaded ({ch_points} points sampled): "
          f"{ch_median * 1000:.0f} "
          f"({', '.join(f'{x * 1000:.0f}' for x in ch_all)}); goal 150")
    print(f"    anchors (median of 5) for both runs: MlflowClient.get_metric_history "
          f"{h_python * 1000:.0f}, raw get-history {h_raw * 1000:.0f}, one raw "
          f"get-history-bulk-interval of 400 points {h_sampled * 1000:.0f}; "
          f"ratio to MlflowClient {h_python / ch_median:.1f}x")
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
