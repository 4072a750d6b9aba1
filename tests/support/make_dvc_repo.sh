#!/usr/bin/env bash
# Builds the sample DVC + GTO repository the integration tests read, with the real tools.
#
#   tests/support/make_dvc_repo.sh DEST
#
# Needs `dvc`, `gto` and a `python` with `dvclive` first on PATH (the test harness puts the
# cached venv's bin/ there: tests/it/support/venv.rs, kit DVC). Pure-Python training, about
# 30 s in all. What it builds (shared/reference/wandb-dvc-gto.md §2.1):
#
#   commit 0  "dvc init, raw data" (DVCLive needs a commit to start from)
#   commit A  "baseline: lr=0.01 epochs=10 hidden=64"   pipeline prepare → train → evaluate,
#             DVCLive history (train/loss, train/acc, val/loss), metrics.json, pr_curve.json
#     experiments on A: exp-lr-high (train.lr=0.1), exp-lr-low (train.lr=0.001),
#                       exp-deep (train.epochs=20, model.hidden=128)
#   commit B  "adopt exp-deep" (exp-deep applied and committed): HEAD of main
#     experiments on B: exp-dropout-ß (model.dropout=0.3, a non-ASCII name),
#                       exp-diverge (train.lr=5: the losses go to NaN and Infinity),
#                       exp-queued (train.seed=7, queued, never run)
#   GTO: churn-model v1.0.0 → A, v1.1.0 → B; prod → v1.0.0, staging → v1.1.0.
#
# Dates are fixed (2026-11-22, +0000) for the commits and tags this script makes; the
# experiment commits DVC makes carry the time they ran. The tools never touch the network:
# analytics and update checks are off and every config dir is inside DEST/.home.
set -euo pipefail

dest=${1:?usage: make_dvc_repo.sh DEST}
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
repo=$dest/repo
rm -rf "$repo" "$dest/.home"
mkdir -p "$repo" "$dest/.home"

# Sealed from the person's own config and from the network.
export HOME=$dest/.home
export XDG_CONFIG_HOME=$HOME/.config XDG_CACHE_HOME=$HOME/.cache XDG_DATA_HOME=$HOME/.local/share
export DVC_NO_ANALYTICS=1 DVC_GLOBAL_CONFIG_DIR=$HOME/dvc-global DVC_SYSTEM_CONFIG_DIR=$HOME/dvc-system
export DVC_SITE_CACHE_DIR=$HOME/dvc-site-cache DVC_STUDIO_OFFLINE=1 ITERATIVE_DO_NOT_TRACK=1
# gto 1.10.1 sends nothing; set anyway for later versions that might read it.
export GTO_NO_ANALYTICS=1
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=$HOME/.gitconfig
export GIT_AUTHOR_NAME="Ada Lovelace" GIT_AUTHOR_EMAIL=ada@example.com
export GIT_COMMITTER_NAME="Ada Lovelace" GIT_COMMITTER_EMAIL=ada@example.com
export TZ=UTC
git config --global init.defaultBranch main
git config --global user.name "Ada Lovelace"
git config --global user.email ada@example.com

at() { # at HH:MM:SS -- the fixed date of the next commit or tag
  export GIT_AUTHOR_DATE="2026-11-22T$1+0000" GIT_COMMITTER_DATE="2026-11-22T$1+0000"
}

cd "$repo"
git init -q
dvc init -q
dvc config core.check_update false
dvc config core.autostage true

mkdir -p data src
python - <<'PY'
import random
rng = random.Random(0)
with open("data/raw.csv", "w") as f:
    f.write("x1,x2,label\n")
    for _ in range(200):
        x1, x2 = rng.uniform(-1, 1), rng.uniform(-1, 1)
        f.write(f"{x1:.4f},{x2:.4f},{int(x1 + 0.5 * x2 + rng.gauss(0, 0.3) > 0)}\n")
PY
dvc add -q data/raw.csv
git add -A
at 09:00:00
git commit -q -m "dvc init, raw data"

cat > params.yaml <<'YAML'
prepare:
  split: 0.2
train:
  lr: 0.01
  epochs: 10
  seed: 42
model:
  hidden: 64
  dropout: 0.1
YAML

cat > src/prepare.py <<'PY'
import os
import yaml

split = yaml.safe_load(open("params.yaml"))["prepare"]["split"]
rows = open("data/raw.csv").read().splitlines()[1:]
cut = int(len(rows) * (1 - split))
os.makedirs("data/prepared", exist_ok=True)
open("data/prepared/train.csv", "w").write("\n".join(rows[:cut]) + "\n")
open("data/prepared/test.csv", "w").write("\n".join(rows[cut:]) + "\n")
PY

# A made-up learning curve: deterministic in the params, cheap, and shaped like training.
cat > src/train.py <<'PY'
import math
import os
import pickle
import random

import yaml
from dvclive import Live

p = yaml.safe_load(open("params.yaml"))
lr, epochs, seed = p["train"]["lr"], p["train"]["epochs"], p["train"]["seed"]
hidden, dropout = p["model"]["hidden"], p["model"]["dropout"]
rng = random.Random(seed)
rate = 0.25 * min(lr, 0.05) / 0.01 * (1 + hidden / 256) * (1 - dropout / 2)
floor = 0.08 + abs(math.log10(lr / 0.01)) * 0.06
with Live(save_dvc_exp=False) as live:
    for step in range(epochs):
        if lr > 1:  # diverges: the loss blows up, then is no number at all
            loss = [0.7, 3.5, 1e308 * 10, float("nan")][min(step, 3)]
            acc = 0.5
        else:
            loss = floor + (0.6 - floor) * math.exp(-rate * (step + 1)) + rng.uniform(0, 0.005)
            acc = 1 - loss * 0.55
        live.log_metric("train/loss", round(loss, 5))
        live.log_metric("train/acc", round(acc, 5))
        live.log_metric("val/loss", round(loss * 1.07, 5) if loss == loss else loss)
        live.next_step()
os.makedirs("models", exist_ok=True)
pickle.dump({"lr": lr, "hidden": hidden, "final_loss": loss}, open("models/model.pkl", "wb"))
PY

cat > src/evaluate.py <<'PY'
import json
import math
import pickle

m = pickle.load(open("models/model.pkl", "rb"))
loss = m["final_loss"]
ok = loss == loss and loss < 1
acc = round(1 - loss * 0.6, 4) if ok else float("nan")
auc = round(min(0.999, acc + 0.04), 4) if ok else float("nan")
json.dump({"test": {"accuracy": acc, "auc": auc}, "n_params": 3 * m["hidden"] + 1}, open("metrics.json", "w"))
curve = [{"threshold": t / 10, "precision": round(min(1.0, 0.5 + t / 20 * (acc if ok else 0.5)), 4)} for t in range(11)]
json.dump({"pr_curve": curve}, open("pr_curve.json", "w"))
PY

cat > dvc.yaml <<'YAML'
stages:
  prepare:
    cmd: python src/prepare.py
    deps: [src/prepare.py, data/raw.csv]
    params: [prepare.split]
    outs: [data/prepared]
  train:
    cmd: python src/train.py
    deps: [src/train.py, data/prepared]
    params: [train, model]
    outs:
      - models/model.pkl
      - dvclive:
          cache: false          # keep DVCLive history in git (so it is inside exp commits)
  evaluate:
    cmd: python src/evaluate.py
    deps: [src/evaluate.py, models/model.pkl]
    metrics:
      - metrics.json:
          cache: false
    plots:
      - pr_curve.json:
          cache: false
          x: threshold
          y: precision
metrics:
  - dvclive/metrics.json
plots:
  - dvclive/plots/metrics:
      x: step
artifacts:
  churn-model:
    path: models/model.pkl
    type: model
    desc: Simulated churn classifier
    labels: [tabular, demo]
YAML

dvc repro -q
git add -A
at 10:00:00
git commit -q -m "baseline: lr=0.01 epochs=10 hidden=64"
baseline_a=$(git rev-parse HEAD)

unset GIT_AUTHOR_DATE GIT_COMMITTER_DATE
dvc exp run -q --temp -n exp-lr-high -S train.lr=0.1
dvc exp run -q --temp -n exp-lr-low -S train.lr=0.001
dvc exp run -q --temp -n exp-deep -S train.epochs=20 -S model.hidden=128

# exp-deep wins: it becomes the next commit of main.
dvc exp apply -q exp-deep
git add -A
at 11:00:00
git commit -q -m "adopt exp-deep: epochs=20 hidden=128"
baseline_b=$(git rev-parse HEAD)

unset GIT_AUTHOR_DATE GIT_COMMITTER_DATE
dvc exp run -q --temp -n "exp-dropout-ß" -S model.dropout=0.3
dvc exp run -q --temp -n exp-diverge -S train.lr=5
dvc exp run -q --queue -n exp-queued -S train.seed=7

# The registry: annotated tags, one event per minute (GTO orders events by tagger time).
at 12:00:00
gto register churn-model "$baseline_a" --version v1.0.0
at 12:01:00
gto assign churn-model --version v1.0.0 --stage prod
at 12:02:00
gto register churn-model "$baseline_b" --version v1.1.0
at 12:03:00
gto assign churn-model --version v1.1.0 --stage staging
unset GIT_AUTHOR_DATE GIT_COMMITTER_DATE

test -z "$(git status --porcelain)" || { git status --short >&2; echo "the work tree is not clean" >&2; exit 1; }
printf 'baseline_a=%s\nbaseline_b=%s\n' "$baseline_a" "$baseline_b" > "$dest/commits.txt"
