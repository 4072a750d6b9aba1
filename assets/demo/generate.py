#!/usr/bin/env python3
"""Build the MLflow store that `clearance --demo` opens.

Writes a fresh sqlite tracking + registry store through MLflow's own Python client
(`MlflowClient`, tracking and registry APIs only: no server, no artifacts), so MLflow's UI and
server can open the result too. The content is deterministic: fixed seeds, fixed timestamps
(base date 2026-11-20 UTC) and a pinned clock for the rows MLflow stamps itself (experiment and
registry creation times) and seeded run ids (MLflow's uuid4, drawn from a fixed seed here).

    python assets/demo/generate.py [--out PATH] [--force]

Needs mlflow-skinny==3.17.2 (alembic head dc11669786a5) with sqlalchemy and alembic; see
README.md next to this file.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

# No usage telemetry from a fixture generator. Set before mlflow is imported.
os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
os.environ.setdefault("DO_NOT_TRACK", "true")

MLFLOW_VERSION = "3.17.2"
ALEMBIC_HEAD = "dc11669786a5"
SEED = 20261120

UTC = timezone.utc
BASE = datetime(2026, 11, 20, tzinfo=UTC)  # the demo's "today"; monitoring ends here
NOW = datetime(2026, 11, 20, 7, 30, tzinfo=UTC)  # when the store was "last touched"

NAN = float("nan")
INF = float("inf")


# --------------------------------------------------------------------------------------------
# time


# Who the records name (`Name <email>`, as clearance records people); "pipeline" is the
# training pipeline, which moves `staging` through clearance when a candidate is registered.
PEOPLE = {
    "bob": "Bob Okafor <bob@example.com>",
    "chen": "Chen Wei <chen@example.com>",
    "dana": "Dana Ruiz <dana@example.com>",
    "pipeline": "training pipeline <ml-ci@example.com>",
}


def ms(d: datetime) -> int:
    return int(d.timestamp() * 1000)


def day(month: int, dom: int, hh: int = 9, mm: int = 0) -> datetime:
    return datetime(2026, month, dom, hh, mm, tzinfo=UTC)


class Clock:
    """The time MLflow's stores see when they stamp a row themselves."""

    now_ms = ms(day(9, 1))

    @classmethod
    def set(cls, d: datetime) -> None:
        cls.now_ms = ms(d)

    @classmethod
    def millis(cls) -> int:
        return cls.now_ms


def pin_uuids() -> None:
    """Make MLflow's run ids (`uuid.uuid4().hex`) the same in every build: a seeded draw."""
    import uuid

    rng = random.Random(20261120)
    uuid.uuid4 = lambda: uuid.UUID(int=rng.getrandbits(128), version=4)


def pin_mlflow_clock() -> None:
    """Make every `get_current_time_millis` imported by the loaded mlflow modules read Clock.

    Only creation/update stamps of experiments and registry objects use it; all run times,
    metric timestamps and end times are passed explicitly.
    """
    import mlflow.store.model_registry.sqlalchemy_store  # noqa: F401
    import mlflow.store.tracking.sqlalchemy_store  # noqa: F401
    import mlflow.tracking._model_registry.client  # noqa: F401
    import mlflow.tracking._tracking_service.client  # noqa: F401
    import mlflow.utils.time as mlflow_time

    original = mlflow_time.get_current_time_millis
    for module in list(sys.modules.values()):
        if module is not None and getattr(module, "get_current_time_millis", None) is original:
            module.get_current_time_millis = Clock.millis


# --------------------------------------------------------------------------------------------
# curves


def rng_for(name: str) -> random.Random:
    """One generator per run, so adding a run never changes the others."""
    return random.Random(SEED ^ zlib.crc32(name.encode("utf-8")))


def git_sha(rng: random.Random) -> str:
    return f"{rng.getrandbits(160):040x}"


def shape(x: float, tau: float) -> float:
    """1 at x=0, 0 at x=1, exponential decay in between."""
    end = math.exp(-1.0 / tau)
    return (math.exp(-x / tau) - end) / (1.0 - end)


def curve(
    rng: random.Random,
    n: int,
    start: float,
    final: float,
    tau: float = 0.18,
    noise: float = 0.0,
    bump: float = 0.0,
    bump_from: float = 1.0,
) -> list[float]:
    """A learning curve of n points from `start` that ends exactly at `final`.

    `bump` > 0 adds a late rise (a validation loss turning up when the model overfits), < 0 a
    late decline (AUC falling off); it starts at fraction `bump_from` of training. Noise shrinks
    as training settles. The last point is `final` exactly.
    """
    settle = final - bump * (1.0 - bump_from) ** 2
    out = []
    for i in range(n):
        x = i / (n - 1)
        v = settle + (start - settle) * shape(x, tau)
        v += bump * max(0.0, x - bump_from) ** 2
        v += rng.gauss(0.0, noise) * (0.25 + 0.75 * (1.0 - x))
        out.append(v)
    out[-1] = final
    return out


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def r4(v: float) -> float:
    return round(v, 4) if math.isfinite(v) else v


def r5(v: float) -> float:
    return round(v, 5) if math.isfinite(v) else v


# --------------------------------------------------------------------------------------------
# specs


@dataclass
class Train:
    """One training run: what it was, how it went, where it ended."""

    name: str
    start: datetime
    user: str
    params: dict
    steps: int  # logged evaluation points (boosting checkpoints or epochs)
    minutes: float  # wall-clock length of a complete run
    final: dict  # final values of every curve and of the final-only metrics
    overfit_from: float | None = None  # fraction of training where validation turns
    overfit: float = 0.0  # strength of the turn
    status: str = "FINISHED"
    stop_at: int | None = None  # KILLED / RUNNING / FAILED: points logged before it stopped
    note: str | None = None
    tags: dict = field(default_factory=dict)
    parent: str | None = None  # name of the parent run (nested runs)


GIT = "pipelines/{}/train.py"

FRAUD_COMMON_TAGS = {"team": "risk-ml", "dataset": "fraud-2026-10"}
CHURN_COMMON_TAGS = {"team": "growth-ml", "dataset": "churn-2026-10"}


def xgb(lr, depth, n, subsample=0.8, feature_set="v3", seed=42, class_weight="none", **extra):
    p = {
        "model_type": "xgboost",
        "learning_rate": lr,
        "max_depth": depth,
        "n_estimators": n,
        "subsample": subsample,
        "class_weight": class_weight,
        "feature_set": feature_set,
        "seed": seed,
    }
    p.update(extra)
    return p


def lgbm(lr, depth, n, subsample=0.8, feature_set="v3", seed=42, class_weight="none", **extra):
    p = xgb(lr, depth, n, subsample, feature_set, seed, class_weight, **extra)
    p["model_type"] = "lightgbm"
    return p


def logreg(lr, epochs, feature_set="v3", seed=42, class_weight="none", **extra):
    p = {
        "model_type": "logistic",
        "learning_rate": lr,
        "penalty": "l2",
        "C": 1.0,
        "max_iter": epochs,
        "solver": "sgd",
        "class_weight": class_weight,
        "feature_set": feature_set,
        "seed": seed,
    }
    p.update(extra)
    return p


def fraud_final(auc, p, r, lat, size, train_loss, val_loss):
    return {
        "val_auc": auc,
        "val_precision": p,
        "val_recall": r,
        "val_f1": r4(f1(p, r)),
        "latency_p95_ms": lat,
        "model_size_mb": size,
        "train_loss": train_loss,
        "val_loss": val_loss,
    }


SWEEP = "xgb-sweep-2026-11-12"


def fraud_runs() -> list[Train]:
    legacy = {"dataset": "fraud-2026-08"}
    runs = [
        # The lineage already in the registry: v1 (first GBDT) and v2 (production until Oct 16).
        Train("xgb-v2-d6", day(9, 3, 10, 12), "alice",
              xgb(0.1, 6, 300, feature_set="v2", seed=7), 50, 24,
              fraud_final(0.9412, 0.8003, 0.6902, 29.4, 14.8, 0.1262, 0.1398), tags=legacy,
              note="First gradient-boosted model; replaces the rules engine. Registered as "
                   "fraud-classifier v1."),
        Train("xgb-v2-d8-lr0.05", day(9, 14, 14, 30), "alice",
              xgb(0.05, 8, 600, feature_set="v2", seed=7), 60, 52,
              fraud_final(0.9498, 0.8121, 0.7302, 33.1, 22.6, 0.1105, 0.1311), tags=legacy,
              note="Deeper, slower learning rate. Registered as v2; production from 2026-09-16 "
                   "until v3 replaced it on 2026-10-16."),
        # The October/November sprint on feature set v3.
        Train("logreg-v3-l2", day(9, 30, 11, 5), "bob", logreg(0.01, 40), 40, 6,
              fraud_final(0.9083, 0.7011, 0.6104, 2.1, 0.05, 0.1852, 0.1897),
              note="Linear reference on feature set v3."),
        Train("logreg-v3-balanced", day(10, 1, 9, 40), "bob",
              logreg(0.01, 40, class_weight="balanced"), 40, 6,
              fraud_final(0.9101, 0.5218, 0.7807, 2.1, 0.05, 0.2604, 0.2671)),
        Train("lgbm-v3-first", day(10, 3, 15, 20), "chen", lgbm(0.05, 8, 500), 50, 31,
              fraud_final(0.9512, 0.8004, 0.7331, 27.5, 12.3, 0.1071, 0.1287)),
        Train("lgbm-v3-d12", day(10, 6, 10, 0), "chen", lgbm(0.1, 12, 1000), 60, 58,
              fraud_final(0.9466, 0.7902, 0.7098, 36.0, 41.2, 0.0518, 0.1436),
              overfit_from=0.42, overfit=0.07,
              note="Overfits: val_loss bottoms out near iteration 550 and climbs after."),
        Train("xgb-v3-d6", day(10, 8, 13, 45), "alice", xgb(0.1, 6, 400), 40, 27,
              fraud_final(0.9539, 0.8152, 0.7419, 30.2, 16.1, 0.1034, 0.1262)),
        Train("xgb-v3-λ=2", day(10, 10, 16, 10), "alice", xgb(0.1, 6, 400, reg_lambda=2), 40, 28,
              fraud_final(0.9552, 0.8208, 0.7481, 31.0, 17.0, 0.1049, 0.1248),
              note="L2 λ=2 instead of 1: val_loss ↓ 0.0014, AUC +0.0013 vs xgb-v3-d6. "
                   "Keep λ=2 for the deeper run."),
        Train("xgb-v3-d8-lr0.05", day(10, 13, 9, 30), "alice", xgb(0.05, 8, 800, reg_lambda=2),
              80, 61, fraud_final(0.9571, 0.8260, 0.7610, 38.2, 31.4, 0.0982, 0.1219),
              tags={"baseline": "true"},
              note="Ships as fraud-classifier v3 (production since 2026-10-16, approved by "
                   "dana). Feature set v3 adds merchant-category velocity features. This is the "
                   "baseline every new candidate is compared with."),
        Train("logreg-sgd-lr5", day(10, 20, 17, 5), "dana",
              logreg(5.0, 40, class_weight="balanced"), 40, 8,
              {}, status="FAILED", stop_at=20,
              note="Diverged: learning_rate=5.0 is far too high for plain SGD. train_loss "
                   "explodes after epoch 5, is NaN from epoch 13 and overflows to +inf at "
                   "epoch 17; the job aborted at epoch 19."),
        Train("xgb-v3-subsample0.6", day(10, 22, 11, 15), "bob",
              xgb(0.05, 8, 800, subsample=0.6, reg_lambda=2), 50, 49,
              fraud_final(0.9558, 0.8203, 0.7522, 37.9, 30.2, 0.1011, 0.1232)),
        Train("lgbm-v3-goss", day(10, 27, 14, 0), "chen",
              lgbm(0.05, 10, 1000, boosting="goss"), 100, 70,
              fraud_final(0.9561, 0.8230, 0.7560, 39.0, 33.0, 0.0951, 0.1226),
              status="KILLED", stop_at=37,
              note="Killed: the spot instance was preempted at iteration 370/1000."),
        Train("xgb-v3-d12", day(10, 29, 10, 20), "dana", xgb(0.05, 12, 800, reg_lambda=2),
              60, 95, fraud_final(0.9519, 0.8011, 0.7403, 52.8, 78.0, 0.0402, 0.1395),
              overfit_from=0.5, overfit=0.07,
              note="Depth 12 overfits after ~400 trees (val_loss turns up) and is 40% slower."),
        Train("xgb-v3-lr0.2", day(11, 3, 15, 0), "bob", xgb(0.2, 6, 200), 40, 12,
              fraud_final(0.9497, 0.8102, 0.7348, 24.6, 9.1, 0.1088, 0.1301)),
        Train("lgbm-v3-dart", day(11, 5, 9, 50), "chen", lgbm(0.1, 8, 600, boosting="dart"),
              60, 84, fraud_final(0.9560, 0.8241, 0.7570, 41.0, 26.0, 0.0995, 0.1229)),
    ]
    # A six-trial sweep with its parent; trial 4 becomes v4 (staging), trial 5 is the quiet
    # alternative that passes every gate.
    sweep_params = {
        "model_type": "xgboost",
        "feature_set": "v3",
        "search": "grid",
        "search_space": "learning_rate∈{0.1,0.05,0.03} × max_depth∈{8,10}",
        "trials": 6,
        "objective": "val_auc",
    }
    runs.append(Train(SWEEP, day(11, 12, 9, 0), "alice", sweep_params, 0, 300, {},
                      status="RUNNING",  # finished by write_sweep_parent after its children
                      note="Grid sweep on feature set v3 with λ=2. Best trial (t4: lr 0.03, "
                           "depth 10) is registered as v4 and staged; it is slower than v3."))
    trials = [
        (0.1, 8, 900, 0.9581, 0.8270, 0.7650, 40.2, 33.1, 0.0, None),
        (0.1, 10, 900, 0.9593, 0.8262, 0.7712, 45.8, 48.3, 0.03, 0.7),
        (0.05, 8, 900, 0.9604, 0.8291, 0.7741, 41.0, 34.0, 0.0, None),
        (0.05, 10, 900, 0.9619, 0.8310, 0.7812, 46.5, 49.2, 0.0, None),
        (0.03, 10, 900, 0.9634, 0.8340, 0.7890, 47.1, 50.5, 0.0, None),
        (0.03, 8, 700, 0.9603, 0.8288, 0.7745, 39.6, 27.9, 0.0, None),
    ]
    for i, (lr, d, n, auc, p, r, lat, size, of, of_from) in enumerate(trials):
        runs.append(Train(
            f"{SWEEP}/t{i}-lr{lr}-d{d}", day(11, 12, 9, 5) + timedelta(minutes=47 * i), "alice",
            xgb(lr, d, n, reg_lambda=2), 50, 44,
            fraud_final(auc, p, r, lat, size, 0.094 - 0.002 * i, 0.1215 - 0.0008 * i),
            overfit=of, overfit_from=of_from, parent=SWEEP,
            note=("Best trial: registered as fraud-classifier v4 (staging)." if i == 4 else
                  "Fewer trees at depth 8: smaller gain, but p95 stays within 5% of v3."
                  if i == 5 else None)))
    runs += [
        Train("xgb-v4feat-d10", day(11, 16, 10, 30), "dana",
              xgb(0.05, 10, 1000, feature_set="v4", reg_lambda=2), 60, 102,
              fraud_final(0.9589, 0.7970, 0.7700, 58.4, 66.0, 0.0880, 0.1241),
              note="Feature set v4 (merchant embeddings). AUC up vs v3 but F1 down and p95 "
                   "58 ms: registered as v5, rejected in review."),
        Train("xgb-v3-d9-calibrated", day(11, 20, 5, 40), "bob",
              xgb(0.04, 9, 1000, reg_lambda=2, calibration="isotonic"), 120, 260,
              fraud_final(0.9625, 0.8330, 0.7850, 43.0, 40.0, 0.0930, 0.1205),
              status="RUNNING", stop_at=42,
              note="Still training: isotonic calibration on top of a depth-9 model."),
    ]
    return runs


def churn_final(auc, ll, brier, lat, train_ll):
    return {"val_auc": auc, "val_logloss": ll, "val_brier": brier, "latency_p95_ms": lat,
            "train_logloss": train_ll}


def catboost(lr, depth, n, feature_set):
    return {**lgbm(lr, depth, n, feature_set=feature_set), "model_type": "catboost"}


def churn_runs() -> list[Train]:
    return [
        Train("logreg-churn-v1", day(10, 5, 10, 0), "chen", logreg(0.05, 30, feature_set="v1"),
              30, 4, churn_final(0.8312, 0.4380, 0.1402, 3.2, 0.4301)),
        Train("lgbm-churn-v1", day(10, 6, 14, 20), "chen", lgbm(0.05, 6, 400, feature_set="v1"),
              40, 18, churn_final(0.8497, 0.4128, 0.1331, 11.4, 0.3702),
              note="Registered as churn-model v1."),
        Train("lgbm-churn-v2-feats", day(10, 9, 11, 0), "dana",
              lgbm(0.05, 6, 400, feature_set="v2"), 40, 19,
              churn_final(0.8561, 0.4051, 0.1305, 11.9, 0.3655),
              note="Feature set v2: support-ticket counts and contract changes."),
        Train("lgbm-churn-v2-d7", day(10, 12, 9, 15), "dana",
              lgbm(0.05, 7, 500, feature_set="v2"), 50, 23,
              churn_final(0.8604, 0.3992, 0.1287, 12.1, 0.3581), tags={"baseline": "true"},
              note="churn-model v2, in production since 2026-10-15."),
        Train("catboost-churn-v2", day(10, 16, 15, 40), "chen", catboost(0.05, 6, 800, "v2"), 40, 41,
              churn_final(0.8589, 0.4010, 0.1292, 19.8, 0.3620)),
        Train("lgbm-churn-v2-lr0.1", day(10, 20, 10, 10), "bob",
              lgbm(0.1, 7, 300, feature_set="v2"), 30, 12,
              churn_final(0.8570, 0.4049, 0.1301, 11.6, 0.3577)),
        Train("lgbm-churn-v2-d10", day(10, 23, 13, 0), "bob",
              lgbm(0.05, 10, 800, feature_set="v2"), 50, 35,
              churn_final(0.8542, 0.4093, 0.1313, 13.8, 0.3102), overfit_from=0.45,
              overfit=0.05, note="Depth 10 overfits: val_logloss turns up after ~360 trees."),
        Train("logreg-churn-v2", day(10, 28, 16, 30), "chen", logreg(0.05, 30, feature_set="v2"),
              30, 4, churn_final(0.8402, 0.4266, 0.1370, 3.3, 0.4198)),
        Train("lgbm-churn-v3-tenure-buckets", day(11, 2, 11, 20), "dana",
              lgbm(0.05, 7, 500, feature_set="v3"), 50, 24,
              churn_final(0.8628, 0.3965, 0.1279, 12.2, 0.3560)),
        Train("catboost-churn-v3", day(11, 5, 14, 0), "chen", catboost(0.05, 6, 800, "v3"), 40, 44,
              churn_final(0.8619, 0.3979, 0.1283, 21.0, 0.3588)),
        Train("lgbm-churn-v3-d7-lr0.03", day(11, 9, 10, 0), "dana",
              lgbm(0.03, 7, 800, feature_set="v3"), 50, 33,
              churn_final(0.8664, 0.3911, 0.1259, 12.4, 0.3512),
              note="churn-model v3 candidate (staging): better on every quality metric, p95 "
                   "+0.3 ms."),
        Train("lgbm-churn-v3-seed2", day(11, 12, 9, 30), "dana",
              lgbm(0.03, 7, 800, feature_set="v3", seed=2), 50, 33,
              churn_final(0.8659, 0.3917, 0.1261, 12.4, 0.3515)),
        Train("lgbm-churn-v3-seed3", day(11, 15, 9, 30), "dana",
              lgbm(0.03, 7, 800, feature_set="v3", seed=3), 50, 33,
              churn_final(0.8657, 0.3920, 0.1262, 12.3, 0.3519),
              note="Seed check for the v3 candidate: AUC 0.8657–0.8664 over seeds 42, 2, 3 "
                   "(spread ≈ 0.0007)."),
        Train("mlp-churn-v3", day(11, 18, 15, 0), "bob",
              {"model_type": "mlp", "learning_rate": 0.001, "hidden_layers": "256,128",
               "epochs": 50, "batch_size": 512, "feature_set": "v3", "seed": 42}, 50, 27,
              churn_final(0.8533, 0.4102, 0.1318, 6.8, 0.3644)),
    ]


# --------------------------------------------------------------------------------------------
# histories


def fraud_history(t: Train, rng: random.Random) -> dict[str, list[float]]:
    n = t.steps
    f = t.final
    linear = t.params.get("model_type") == "logistic"
    of, of_from = t.overfit, t.overfit_from if t.overfit_from is not None else 1.0
    auc0 = 0.86 if linear else 0.80
    h = {
        "train_loss": curve(rng, n, 0.69 if not linear else 0.42, f["train_loss"], 0.16,
                            0.004),
        # Runs that overfit learn fast: validation settles early, then turns.
        "val_loss": curve(rng, n, 0.69 if not linear else 0.43, f["val_loss"],
                          0.10 if of else 0.17, 0.004, bump=of, bump_from=of_from),
        "val_auc": curve(rng, n, auc0, f["val_auc"], 0.16, 0.0015,
                         bump=-of * 0.12, bump_from=of_from),
        "val_precision": curve(rng, n, 0.55, f["val_precision"], 0.2, 0.006,
                               bump=-of * 0.2, bump_from=of_from),
        "val_recall": curve(rng, n, 0.38 if f["val_recall"] < 0.75 else 0.42, f["val_recall"],
                            0.22, 0.006, bump=-of * 0.3, bump_from=of_from),
    }
    h["val_f1"] = [f1(p, r) for p, r in zip(h["val_precision"], h["val_recall"])]
    h["val_f1"][-1] = f["val_f1"]
    out = {}
    for k, vs in h.items():
        rnd = r5 if "loss" in k else r4
        out[k] = [rnd(v) for v in vs]
    return out


def diverged_history(n: int, rng: random.Random) -> dict[str, list[float]]:
    """SGD with a learning rate far too high: better, then worse, then NaN, then +inf."""
    loss = [0.69, 0.52, 0.47, 0.46, 0.49, 0.61, 0.95, 1.84, 3.9, 9.6, 27.3, 88.1, 412.0,
            NAN, NAN, NAN, NAN, INF, INF, INF]
    vloss = [0.69, 0.53, 0.49, 0.48, 0.53, 0.68, 1.07, 2.11, 4.6, 11.9, 33.0, 104.5, 520.0,
             NAN, NAN, NAN, NAN, INF, INF, INF]
    auc = [0.86, 0.881, 0.889, 0.887, 0.874, 0.846, 0.793, 0.731, 0.652, 0.588, 0.541, 0.517,
           0.503] + [NAN] * 7
    prec = [0.41, 0.47, 0.50, 0.49, 0.44, 0.36, 0.27, 0.19, 0.12, 0.07, 0.04, 0.02, 0.01] + \
        [NAN] * 7
    rec = [0.72, 0.75, 0.76, 0.77, 0.78, 0.81, 0.84, 0.88, 0.93, 0.96, 0.98, 0.99, 1.0] + \
        [NAN] * 7
    jit = lambda v, s: v if not math.isfinite(v) else v * (1 + rng.gauss(0, s))  # noqa: E731
    h = {
        "train_loss": [r5(jit(v, 0.01)) for v in loss[:n]],
        "val_loss": [r5(jit(v, 0.01)) for v in vloss[:n]],
        "val_auc": [r4(v) for v in auc[:n]],
        "val_precision": [r4(v) for v in prec[:n]],
        "val_recall": [r4(v) for v in rec[:n]],
    }
    h["val_f1"] = [r4(f1(p, r)) if math.isfinite(p) else NAN
                   for p, r in zip(h["val_precision"], h["val_recall"])]
    return h


def churn_history(t: Train, rng: random.Random) -> dict[str, list[float]]:
    n = t.steps
    f = t.final
    of, of_from = t.overfit, t.overfit_from if t.overfit_from is not None else 1.0
    h = {
        "train_logloss": [r5(v) for v in curve(rng, n, 0.62, f["train_logloss"], 0.2, 0.003)],
        "val_logloss": [r5(v) for v in curve(rng, n, 0.62, f["val_logloss"],
                                            0.12 if of else 0.2, 0.003,
                                            bump=of, bump_from=of_from)],
        "val_auc": [r4(v) for v in curve(rng, n, 0.74, f["val_auc"], 0.18, 0.002,
                                         bump=-of * 0.3, bump_from=of_from)],
        "val_brier": [r5(v) for v in curve(rng, n, 0.2150, f["val_brier"], 0.2, 0.0012,
                                          bump=of * 0.3, bump_from=of_from)],
    }
    return h


# --------------------------------------------------------------------------------------------
# writing


class Store:
    def __init__(self, uri: str):
        from mlflow import MlflowClient

        self.c = MlflowClient(tracking_uri=uri, registry_uri=uri)
        self.ids: dict[tuple[str, str], str] = {}  # (experiment, run name) -> run id

    def experiment(self, name: str, created: datetime, tags: dict) -> str:
        Clock.set(created)
        return self.c.create_experiment(name, tags=tags)

    def log(self, run_id: str, metrics=(), params=None, tags=None) -> None:
        from mlflow.entities import Metric, Param, RunTag

        metrics = list(metrics)
        params = [Param(k, str(v)) for k, v in (params or {}).items()]
        tags = [RunTag(k, str(v)) for k, v in (tags or {}).items()]
        self.c.log_batch(run_id, params=params, tags=tags)
        for i in range(0, len(metrics), 1000):
            self.c.log_batch(run_id, metrics=[Metric(k, v, ts, s)
                                              for k, v, ts, s in metrics[i:i + 1000]])


def write_training(store: Store, exp_name: str, exp_id: str, runs: list[Train], source: str,
                   common_tags: dict, history) -> None:
    for t in runs:
        rng = rng_for(f"{exp_name}/{t.name}")
        tags = {
            **common_tags,
            **t.tags,
            "mlflow.user": t.user,
            "mlflow.source.type": "LOCAL",
            "mlflow.source.name": source,
            "mlflow.source.git.commit": git_sha(rng),
        }
        if t.note:
            tags["mlflow.note.content"] = t.note
        if t.parent:
            tags["mlflow.parentRunId"] = store.ids[(exp_name, t.parent)]
        start = ms(t.start)
        run = store.c.create_run(exp_id, start_time=start, tags=tags, run_name=t.name)
        run_id = run.info.run_id
        store.ids[(exp_name, t.name)] = run_id
        store.log(run_id, params=t.params)

        total = t.steps
        dt = t.minutes * 60_000 / max(total, 1)
        if t.status == "FAILED":
            hist = diverged_history(t.stop_at, rng)
        elif total:
            hist = history(t, rng)
        else:
            hist = {}
        logged = t.stop_at if t.stop_at is not None else total
        points = []
        for key, values in hist.items():
            for step, v in enumerate(values[:logged]):
                points.append((key, v, start + int((step + 1) * dt) + rng.randint(0, 900), step))
        last = start + int(logged * dt) + 4_000
        if t.status == "FINISHED" and total:
            for key in ("latency_p95_ms", "model_size_mb"):
                if key in t.final:
                    points.append((key, t.final[key], last + 20_000, 0))
        store.log(run_id, metrics=points)
        if t.status != "RUNNING":
            store.c.set_terminated(run_id, status=t.status, end_time=last + 35_000)


def write_sweep_parent(store: Store, exp_name: str) -> None:
    """The parent ends when its last child does, and records the best trial."""
    parent = store.ids[(exp_name, SWEEP)]
    children = store.c.search_runs(
        [store.c.get_run(parent).info.experiment_id],
        filter_string=f"tags.mlflow.parentRunId = '{parent}'",
    )
    best = max(children, key=lambda r: r.data.metrics["val_auc"])
    end = max(r.info.end_time for r in children)
    store.log(parent, metrics=[("best_val_auc", best.data.metrics["val_auc"], end, 0)],
              tags={"best_trial": best.info.run_name})
    store.c.set_terminated(parent, status="FINISHED", end_time=end + 5_000)


def window_start(first: datetime, i: int) -> datetime:
    return first + timedelta(days=i)


def write_fraud_monitoring(store: Store, exp_id: str) -> None:
    """Layout A: one long-lived run, step = daily window index, timestamp = window start."""
    rng = rng_for("fraud-monitoring")
    n = 60
    first = BASE - timedelta(days=n)  # 2026-09-21; window 59 covers 2026-11-19 .. 11-20
    switch = 25  # 2026-10-16: @production moves from v2 to v3
    gap = 37  # 2026-10-28: the job did not run; no window at all
    failed = 31  # 2026-10-22: the job ran and failed; every metric NaN
    tags = {
        "monitoring.model": "fraud-classifier",
        "monitoring.alias": "production",
        "monitoring.version": "3",
        "monitoring.window": "1d",
        "team": "risk-ml",
        "mlflow.user": "svc-monitoring",
        "mlflow.source.type": "JOB",
        "mlflow.source.name": "monitoring/fraud_drift_job.py",
        "mlflow.note.content": (
            "Daily drift and live-quality monitor for whatever version holds "
            "fraud-classifier@production (v2 until 2026-10-16, v3 since). step = window index, "
            "timestamp = window start (UTC). PSI against the training snapshot; live labels "
            "arrive with chargebacks. Window 2026-10-28 is missing (scheduler outage) and "
            "2026-10-22 failed (every value NaN)."),
    }
    run = store.c.create_run(exp_id, start_time=ms(first), tags=tags,
                             run_name="monitor fraud-classifier@production")
    run_id = run.info.run_id
    store.log(run_id, params={"reference_dataset": "fraud-2026-10", "window": "1d",
                              "psi_bins": 10, "label_delay_days": 0})
    points = []
    for i in range(n):
        if i == gap:
            continue
        ts = ms(window_start(first, i))
        v3 = i >= switch
        psi_amount = 0.045 + rng.gauss(0, 0.008)
        ramp = [0.094, 0.131, 0.168, 0.207, 0.236, 0.254, 0.268, 0.281]  # windows 52..59
        if i >= n - len(ramp):
            psi_amount = ramp[i - (n - len(ramp))] + rng.gauss(0, 0.004)
        psi_merch = 0.036 + rng.gauss(0, 0.006)
        bump = {44: 0.071, 45: 0.118, 46: 0.142, 47: 0.109, 48: 0.062}  # 11-04 .. 11-08
        if i in bump:
            psi_merch = bump[i] + rng.gauss(0, 0.003)
        weekday = window_start(first, i).weekday()
        psi_hour = 0.028 + (0.012 if weekday >= 5 else 0.0) + rng.gauss(0, 0.004)
        null_dev = 0.0118 + rng.gauss(0, 0.0011)
        precision = (0.8205 if v3 else 0.8062) + rng.gauss(0, 0.005)
        recall = (0.7561 if v3 else 0.7238) + rng.gauss(0, 0.0035)
        rate = 0.00412 + (0.00018 if weekday >= 5 else 0.0) + rng.gauss(0, 0.00008)
        latency = (38.9 if v3 else 33.7) + rng.gauss(0, 0.7)
        if i >= n - 5:  # amounts shifted: the model misses more fraud
            recall = 0.7308 + rng.gauss(0, 0.0025)
            precision -= 0.006
            rate += 0.00035
        vals = {
            "psi_amount": psi_amount,
            "psi_merchant_category": psi_merch,
            "psi_hour_of_day": psi_hour,
            "null_rate_device_id": null_dev,
            "live_precision": precision,
            "live_recall": recall,
            "prediction_rate": rate,
            "latency_p95_ms": latency,
        }
        for k, v in vals.items():
            v = round(max(v, 0.0), {"latency_p95_ms": 2, "prediction_rate": 6}.get(k, 5))
            points.append((k, NAN if i == failed else v, ts, i))
    store.log(run_id, metrics=points)
    # Long-lived: still RUNNING, no end_time.


def write_churn_monitoring(store: Store, exp_id: str) -> None:
    """Layout B: one run per daily window, start_time = window start, single values."""
    rng = rng_for("churn-monitoring")
    n = 30
    first = BASE - timedelta(days=n)  # 2026-10-21 .. 2026-11-19
    for i in range(n):
        ws = window_start(first, i)
        date = ws.date().isoformat()
        tags = {
            "monitoring.model": "churn-model",
            "monitoring.alias": "production",
            "monitoring.version": "2",
            "monitoring.window_start": date,
            "team": "growth-ml",
            "mlflow.user": "svc-monitoring",
            "mlflow.source.type": "JOB",
            "mlflow.source.name": "monitoring/churn_daily.py",
        }
        run = store.c.create_run(exp_id, start_time=ms(ws), tags=tags,
                                 run_name=f"churn-model {date}")
        rid = run.info.run_id
        mc = 0.041 + 0.0009 * i + rng.gauss(0, 0.006)
        late = {26: 0.096, 27: 0.104, 28: 0.112, 29: 0.117}
        if i in late:
            mc = late[i] + rng.gauss(0, 0.002)
        vals = {
            "psi_tenure": 0.031 + rng.gauss(0, 0.006),
            "psi_monthly_charges": mc,
            "live_auc": 0.8571 - 0.00012 * i + rng.gauss(0, 0.004),
        }
        ts = ms(ws)
        store.log(rid, metrics=[(k, round(v, 5), ts, 0) for k, v in vals.items()],
                  params={"window": "1d", "reference_dataset": "churn-2026-10"})
        store.c.set_terminated(rid, status="FINISHED",
                               end_time=ms(ws + timedelta(days=1, minutes=12)) + i * 1_000)


def write_registry(store: Store) -> None:
    c = store.c
    fd, ch = "fraud-detection", "churn-prediction"

    Clock.set(day(9, 4, 8, 0))
    c.create_registered_model(
        "fraud-classifier",
        tags={"owner": "risk-ml", "domain": "payments", "oncall": "risk-ml-oncall"},
        description="Card-not-present fraud scorer on the payments authorization path. "
                    "Serving budget: p95 latency within 5% of production (≈ 40 ms).")

    def version(model, exp, run_name, when, description, tags):
        Clock.set(when)
        rid = store.ids[(exp, run_name)]
        mv = c.create_model_version(model, source=f"runs:/{rid}/model", run_id=rid,
                                    tags=tags, description=description, await_creation_for=0)
        return str(mv.version)

    held: dict[tuple[str, str], str] = {}

    def alias(model, name, v, when, by=None, reason=None):
        """Moves an alias; with `by`, as clearance would: its record first, as a JSON tag
        `clearance.event.<unix ms>` on the version moved to (what `promote` writes). Without
        `by` the move has no record, as when someone moves it in MLflow's UI."""
        Clock.set(when)
        if by is not None:
            entry = {"at": when.strftime("%Y-%m-%dT%H:%M:%SZ"), "by": PEOPLE[by],
                     "action": "promote", "subject": model, "alias": name,
                     "from": held.get((model, name)), "to": v, "overridden": False}
            if reason:
                entry["reason"] = reason
            entry["store"] = "MLflow store (demo)"
            c.set_model_version_tag(model, v, f"clearance.event.{ms(when)}",
                                    json.dumps(entry, separators=(",", ":")))
        c.set_registered_model_alias(model, name, v)
        held[(model, name)] = v

    v1 = version("fraud-classifier", fd, "xgb-v2-d6", day(9, 4, 8, 5),
                 "First GBDT, feature set v2. Replaced the rules engine; superseded by v2.",
                 {"validation_status": "approved", "framework": "xgboost",
                  "dataset_version": "fraud-2026-08", "approved_by": "bob"})
    alias("fraud-classifier", "production", v1, day(9, 5, 10, 0), "bob",
          "replaces the rules engine")
    v2 = version("fraud-classifier", fd, "xgb-v2-d8-lr0.05", day(9, 15, 9, 0),
                 "Depth 8, lr 0.05 on feature set v2. Production 2026-09-16 → 2026-10-16.",
                 {"validation_status": "approved", "framework": "xgboost",
                  "dataset_version": "fraud-2026-08", "approved_by": "dana"})
    alias("fraud-classifier", "production", v2, day(9, 16, 10, 0), "dana")
    v3 = version("fraud-classifier", fd, "xgb-v3-d8-lr0.05", day(10, 14, 9, 0),
                 "Feature set v3 (merchant-category velocity). Recall +3 pts over v2 at the "
                 "same precision. In production since 2026-10-16.",
                 {"validation_status": "pending", "framework": "xgboost",
                  "dataset_version": "fraud-2026-10"})
    Clock.set(day(10, 16, 9, 30))
    c.set_model_version_tag("fraud-classifier", v3, "validation_status", "approved")
    c.set_model_version_tag("fraud-classifier", v3, "approved_by", "dana")
    alias("fraud-classifier", "production", v3, day(10, 16, 10, 0), "dana",
          "recall +3 pts at the same precision")
    alias("fraud-classifier", "champion", v3, day(10, 16, 10, 1), "dana")
    v4 = version("fraud-classifier", fd, f"{SWEEP}/t4-lr0.03-d10", day(11, 13, 11, 0),
                 "Best trial of xgb-sweep-2026-11-12 (lr 0.03, depth 10). Better AUC, F1 and "
                 "recall than v3, but p95 latency 47 ms vs 38 ms. Awaiting review.",
                 {"validation_status": "pending", "framework": "xgboost",
                  "dataset_version": "fraud-2026-10"})
    alias("fraud-classifier", "staging", v4, day(11, 13, 11, 5), "pipeline",
          "best trial of xgb-sweep-2026-11-12")
    alias("fraud-classifier", "challenger", v4, day(11, 13, 11, 6), "pipeline")
    v5 = version("fraud-classifier", fd, "xgb-v4feat-d10", day(11, 17, 14, 0),
                 "Feature set v4 (merchant embeddings). Rejected: F1 below v3 and p95 58 ms.",
                 {"validation_status": "pending", "framework": "xgboost",
                  "dataset_version": "fraud-2026-10"})
    Clock.set(day(11, 18, 16, 20))
    c.set_model_version_tag("fraud-classifier", v5, "validation_status", "rejected")
    c.set_model_version_tag("fraud-classifier", v5, "rejected_by", "dana")
    assert (v1, v2, v3, v4, v5) == ("1", "2", "3", "4", "5")

    Clock.set(day(10, 7, 9, 0))
    c.create_registered_model(
        "churn-model", tags={"owner": "growth-ml", "domain": "retention"},
        description="Monthly churn propensity for the retention campaigns (batch scoring "
                    "and the account page).")
    w1 = version("churn-model", ch, "lgbm-churn-v1", day(10, 7, 9, 5),
                 "First LightGBM on feature set v1.",
                 {"validation_status": "approved", "framework": "lightgbm",
                  "dataset_version": "churn-2026-10", "approved_by": "chen"})
    alias("churn-model", "production", w1, day(10, 7, 15, 0), "chen")
    w2 = version("churn-model", ch, "lgbm-churn-v2-d7", day(10, 13, 10, 0),
                 "Feature set v2 (tickets, contract changes). Production since 2026-10-15.",
                 {"validation_status": "approved", "framework": "lightgbm",
                  "dataset_version": "churn-2026-10", "approved_by": "chen"})
    alias("churn-model", "production", w2, day(10, 15, 9, 0), "chen",
          "feature set v2: better AUC and log loss")
    alias("churn-model", "champion", w2, day(10, 15, 9, 1), "chen")
    w3 = version("churn-model", ch, "lgbm-churn-v3-d7-lr0.03", day(11, 10, 9, 0),
                 "Feature set v3 (tenure buckets), lr 0.03. Better AUC, log loss and Brier "
                 "than v2 at the same latency; stable across seeds.",
                 {"validation_status": "pending", "framework": "lightgbm",
                  "dataset_version": "churn-2026-10"})
    alias("churn-model", "staging", w3, day(11, 15, 12, 0), "pipeline",
          "feature set v3 trained")
    # Set by hand in MLflow's UI: no record, so clearance flags it as moved outside it.
    alias("churn-model", "challenger", w3, day(11, 15, 12, 30))
    assert (w1, w2, w3) == ("1", "2", "3")


def build(db: Path) -> None:
    import mlflow

    if mlflow.__version__ != MLFLOW_VERSION:
        sys.exit(f"generate.py: needs mlflow {MLFLOW_VERSION}, found {mlflow.__version__}")
    pin_mlflow_clock()
    pin_uuids()
    uri = f"sqlite:///{db}"
    mlflow.set_tracking_uri(uri)
    mlflow.set_registry_uri(uri)

    Clock.set(day(9, 1, 8, 0))  # the Default experiment is stamped when the tables are made
    store = Store(uri)
    fd = store.experiment("fraud-detection", day(9, 3, 9, 0), {
        "team": "risk-ml", "project": "fraud",
        "mlflow.note.content": "Card-not-present fraud: gradient-boosted and logistic models "
                               "on the authorization stream. Baseline = production's run."})
    fm = store.experiment("fraud-monitoring", day(9, 20, 18, 0), {
        "team": "risk-ml", "purpose": "monitoring",
        "mlflow.note.content": "One long-lived run per monitored alias; step = daily window."})
    ch = store.experiment("churn-prediction", day(10, 5, 9, 0), {
        "team": "growth-ml", "project": "churn",
        "mlflow.note.content": "Monthly churn propensity for the retention campaigns."})
    cm = store.experiment("churn-monitoring", day(10, 20, 18, 0), {
        "team": "growth-ml", "purpose": "monitoring",
        "mlflow.note.content": "One run per daily window."})

    write_training(store, "fraud-detection", fd, fraud_runs(), GIT.format("fraud"),
                   FRAUD_COMMON_TAGS, fraud_history)
    write_sweep_parent(store, "fraud-detection")
    write_training(store, "churn-prediction", ch, churn_runs(), GIT.format("churn"),
                   CHURN_COMMON_TAGS, churn_history)
    write_fraud_monitoring(store, fm)
    write_churn_monitoring(store, cm)
    write_registry(store)
    Clock.set(NOW)

    # Let go of every pooled connection before VACUUM.
    from mlflow.tracking._model_registry.utils import _get_store as registry_store
    from mlflow.tracking._tracking_service.utils import _get_store as tracking_store

    for s in (tracking_store(uri), registry_store(uri)):
        engine = getattr(s, "engine", None)
        if engine is not None:
            engine.dispose()


def finish(db: Path) -> None:
    con = sqlite3.connect(db)
    try:
        (rev,) = con.execute("select version_num from alembic_version").fetchone()
        if rev != ALEMBIC_HEAD:
            sys.exit(f"generate.py: schema revision {rev}, expected {ALEMBIC_HEAD}")
        # 1 KiB pages: most of MLflow's 65 tables are empty, and each costs a page or more.
        con.execute("PRAGMA page_size = 1024")
        con.execute("VACUUM")
    finally:
        con.close()


def main() -> int:
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=here / "demo.db",
                    help="where to write the store (default: demo.db next to this script)")
    ap.add_argument("--force", action="store_true", help="replace an existing file")
    args = ap.parse_args()
    out = args.out.resolve()
    if out.exists() and not args.force:
        print(f"generate.py: {out} exists; pass --force to replace it", file=sys.stderr)
        return 2

    # Runs get artifact URIs under the default artifact root, which MLflow derives from the
    # working directory: work in a fixed temp dir so no path of this machine's checkout ends
    # up in the store and nothing is written into the repo. No artifact is ever written.
    scratch = Path(tempfile.gettempdir()) / "clearance-demo"
    scratch.mkdir(exist_ok=True)
    build_dir = Path(tempfile.mkdtemp(prefix="clearance-demo-build-"))
    cwd = Path.cwd()
    try:
        os.chdir(scratch)
        db = build_dir / "demo.db"
        build(db)
        finish(db)
        os.chdir(cwd)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(db), out)
    finally:
        os.chdir(cwd)
        shutil.rmtree(build_dir, ignore_errors=True)
    size = out.stat().st_size
    print(f"wrote {out} ({size / 1e6:.2f} MB, {size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
