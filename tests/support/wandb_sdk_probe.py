"""Drives the official W&B SDK's public API (`wandb.Api`, pinned in wandb-constraints.txt)
against the stand-in server, for every operation clearance uses, and prints what the SDK read.

Usage (from the wandb venv's python):
    WANDB_API_KEY=... WANDB_BASE_URL=http://127.0.0.1:PORT wandb_sdk_probe.py ADMIN_KEY

It prints one JSON document on stdout: `checks` (name, ok, detail) for each call, and `read`,
what the SDK read before anything was changed (runs with config and summary, a sampled
history, collections, versions with aliases, metadata and source runs), which the Rust tests
compare with what clearance reads from the same stand-in. It exits 0 when every check passed.

The SDK validates most answers with pydantic models generated from W&B's schema, so a check
that passes means the stand-in's answer has the shape of the real server's for the fields the
SDK reads. Non-finite numbers are printed as the strings "NaN", "Infinity", "-Infinity".
"""

import json
import math
import sys
import traceback

import wandb

ENTITY, PROJECT = "lab", "churn"
ORG, ORG_ENTITY, REGISTRY = "lab-org", "lab-org-entity", "model"
REGISTRY_PROJECT = f"wandb-registry-{REGISTRY}"

checks = []
read = {}


def safe(value):
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {str(k): safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [safe(v) for v in value]
    return value


def check(name, fn, expect=None):
    """Runs one SDK call; `expect(result)` returns None when the result is right, else why."""
    try:
        result = fn()
        why = expect(result) if expect else None
        checks.append({"name": name, "ok": why is None, "detail": why or summarize(result)})
        return result
    except Exception as e:  # noqa: BLE001 - every failure is a finding to report
        checks.append({
            "name": name,
            "ok": False,
            "detail": f"{type(e).__name__}: {e}\n{traceback.format_exc(limit=4)}",
        })
        return None


def summarize(result):
    text = json.dumps(safe(result), default=str, ensure_ascii=False)
    return text if len(text) < 400 else text[:400] + "..."


def run_view(r):
    return {
        "id": r.id,
        "name": r.name,
        "state": r.state,
        "tags": list(r.tags),
        "group": r.group,
        "job_type": r.job_type,
        "user": r.user.username if r.user else None,
        "config": safe(dict(r.config)),
        "summary": safe(dict(r.summary_metrics)),
        "created_at": r.created_at,
    }


def version_view(a):
    creator = a.logged_by()
    return {
        "version": a.version,
        "aliases": sorted(a.aliases),
        "metadata": safe(dict(a.metadata)),
        "run": creator.id if creator else None,
        "artifact_id": a.id,
    }


def main() -> int:
    admin_key = sys.argv[1]
    api = wandb.Api(timeout=20)
    path = f"{ENTITY}/{PROJECT}"

    # --- reads (nothing changed yet) ---
    runs = check(
        "runs: every run, one per page, config and summary eagerly (lazy=False)",
        lambda: [run_view(r) for r in api.runs(path, per_page=1, lazy=False)],
        lambda rs: None if len(rs) == 5 else f"expected 5 runs, got {len(rs)}",
    )
    read["runs"] = runs
    check(
        "runs: the SDK's default lazy listing",
        # A fresh Api: `api.runs` caches by path, filters and order, lazy or not.
        lambda: [r.id for r in wandb.Api(timeout=20).runs(path)],
        lambda ids: None if len(ids) == 5 else f"expected 5 runs, got {ids}",
    )
    read["runs_by_filter"] = {}
    for label, flt in [
        ("baseline tag", {"tags": {"$in": ["baseline"]}}),
        ("no baseline tag", {"tags": {"$nin": ["baseline"]}}),
        ("summary above", {"summary_metrics.val/acc": {"$gt": 0.9}}),
        ("config equal", {"$or": [{"config.lr.value": "0.02"}, {"config.lr.value": 0.02}]}),
        ("name regex", {"display_name": {"$regex": "(?i)^cand"}}),
        ("state", {"state": {"$in": ["finished"]}}),
    ]:
        read["runs_by_filter"][label] = check(
            f"runs with filter {label}: {json.dumps(flt)}",
            lambda flt=flt: [r.id for r in api.runs(path, filters=flt, per_page=2, lazy=False)],
        )
    read["runs_newest_first"] = check(
        "runs ordered -created_at",
        lambda: [r.id for r in api.runs(path, order="-created_at", per_page=50, lazy=False)],
    )
    read["run"] = check(
        "run: one run by id",
        lambda: run_view(api.run(f"{path}/cand03")),
        lambda r: None if r["summary"].get("val/acc") == "NaN" else "NaN summary not read as NaN",
    )
    read["history"] = check(
        "sampled history of one key",
        lambda: safe(api.run(f"{path}/cand02").history(keys=["val/acc"], samples=10, pandas=False)),
        lambda rows: None if len(rows) == 10 and rows[0]["_step"] == 0 and rows[-1]["_step"] == 29
        else f"expected 10 rows from step 0 to 29, got {rows}",
    )
    read["history_nan"] = check(
        "sampled history with NaN and Infinity",
        lambda: safe(api.run(f"{path}/cand03").history(keys=["val/loss"], samples=100, pandas=False)),
    )
    read["collections"] = check(
        "model collections of the project",
        lambda: sorted(c.name for c in api.artifact_collections(path, "model")),
        lambda cs: None if cs == ["churn-model", "churn-tiny"] else f"got {cs}",
    )
    read["versions"] = check(
        "versions of a project collection with aliases, metadata and source run",
        lambda: [version_view(a) for a in api.artifacts("model", f"{path}/churn-model")],
    )
    read["org"] = check(
        "organization of the entity (registry paths)",
        lambda: api.registry(REGISTRY, organization=ORG).organization,
    )
    read["registry_collections"] = check(
        "collections of the registry",
        lambda: sorted(c.name for c in api.registry(REGISTRY, organization=ORG).collections()),
        lambda cs: None if cs == ["churn-classifier"] else f"got {cs}",
    )
    read["registry_versions"] = check(
        "versions of a registry collection",
        lambda: [
            version_view(a)
            for a in api.artifacts("model", f"{ORG_ENTITY}/{REGISTRY_PROJECT}/churn-classifier")
        ],
    )

    # --- writes ---
    def move_alias():
        a = api.artifact(f"{path}/churn-model:v1")
        a.aliases.append("production")
        a.save()
        v0 = api.artifact(f"{path}/churn-model:v0")
        v1 = api.artifact(f"{path}/churn-model:v1")
        return {"v0": sorted(v0.aliases), "v1": sorted(v1.aliases)}

    check(
        "add an alias: production moves from v0 to v1 (one version per alias)",
        move_alias,
        lambda r: None if "production" in r["v1"] and "production" not in r["v0"] else f"got {r}",
    )

    def remove_alias():
        a = api.artifact(f"{path}/churn-model:v1")
        a.aliases.remove("production")
        a.save()
        return sorted(api.artifact(f"{path}/churn-model:v1").aliases)

    check(
        "remove an alias",
        remove_alias,
        lambda r: None if "production" not in r else f"got {r}",
    )

    def set_metadata():
        a = api.artifact(f"{path}/churn-model:v1")
        a.metadata["clearance.promoted_by"] = "Ann Lee <ann@example.com>"
        a.save()
        return dict(api.artifact(f"{path}/churn-model:v1").metadata)

    check(
        "set artifact metadata (where clearance keeps version tags)",
        set_metadata,
        lambda m: None if m.get("clearance.promoted_by") == "Ann Lee <ann@example.com>" else f"got {m}",
    )

    registry_v2 = f"{ORG_ENTITY}/{REGISTRY_PROJECT}/churn-classifier:v2"

    def protected_as_member():
        a = api.artifact(registry_v2)
        a.aliases.append("production")
        a.save()
        return "saved"

    check(
        "a protected registry alias refuses a non-admin",
        lambda: refused(protected_as_member),
        lambda msg: None if "permission" in msg else f"got {msg}",
    )

    admin = wandb.Api(api_key=admin_key, timeout=20)

    def protected_as_admin():
        a = admin.artifact(registry_v2)
        a.aliases.append("production")
        a.save()
        v0 = admin.artifact(f"{ORG_ENTITY}/{REGISTRY_PROJECT}/churn-classifier:v0")
        return {"v0": sorted(v0.aliases), "v2": sorted(admin.artifact(registry_v2).aliases)}

    check(
        "a registry admin moves the protected alias",
        protected_as_admin,
        lambda r: None if "production" in r["v2"] and "production" not in r["v0"] else f"got {r}",
    )

    def tag_run():
        r = api.run(f"{path}/cand02")
        r.tags.append("baseline")
        r.update()
        after = list(api.run(f"{path}/cand02").tags)
        r = api.run(f"{path}/cand02")
        r.tags.remove("baseline")
        r.update()
        return {"tagged": after, "untagged": list(api.run(f"{path}/cand02").tags)}

    check(
        "tag and untag a run",
        tag_run,
        lambda r: None
        if "baseline" in r["tagged"] and "baseline" not in r["untagged"]
        else f"got {r}",
    )

    print(json.dumps({"checks": checks, "read": read}, ensure_ascii=False, default=str))
    return 0 if all(c["ok"] for c in checks) else 1


def refused(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the refusal is the expected outcome
        return str(e)
    return "not refused"


if __name__ == "__main__":
    sys.exit(main())
