"""The TUI's resident memory with every run of an MLflow sqlite store loaded (`G`), at each
size: benches/scale.py's sqlite store (10 metrics, 5 params, 5 tags a run) opened directly, in
tmux at 200x60, the RSS read from /proc once the TUI logs "every run listed".

    python3 benches/tui_rss.py --clearance target/release/clearance --work DIR 10000 100000
"""

import argparse
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scale  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clearance", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--demo-db", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "assets", "demo", "demo.db"))
    ap.add_argument("sizes", nargs="+", type=int)
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    print(f"{'runs':>7} | {'G: all listed s':>15} | {'RSS MB':>6}")
    for n in a.sizes:
        db = os.path.join(a.work, f"sqlite-{n}.db")
        if not os.path.exists(db):
            scale.seed_sqlite(a.demo_db, db, n)
        home = os.path.join(a.work, "tui-home")
        shutil.rmtree(home, ignore_errors=True)
        os.makedirs(home)
        took, mb, runs = scale.tui_everything(a.clearance, a.work, f"sqlite:///{db}", "bench")
        if runs != n:
            sys.exit(f"G listed {runs} runs, expected {n}")
        print(f"{n:>7} | {took:>15.2f} | {mb:>6.0f}", flush=True)


if __name__ == "__main__":
    main()
