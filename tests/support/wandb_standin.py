"""A stand-in for W&B's GraphQL API, for clearance's tests (Python standard library only).

No W&B server can run here: W&B Server is closed source and ships only as licensed container
images. This process answers the GraphQL operations clearance sends, and the ones the official
`wandb` SDK (0.31.0) sends for the same work, from in-memory state. Its fidelity is checked by
driving the SDK's public API against it (`wandb_sdk_probe.py`): the SDK parses most answers
with pydantic models generated from W&B's real schema, so an answer the SDK accepts has the
shape the real server gives for the fields the SDK reads.

Operations are dispatched by operation name, not by executing the query: the answer is the
whole object the real query asks for (extra fields are ignored by both clients). The few
fields one client asks for and the other does not (clearance's `createdBy` on artifacts) are
answered only when the query text names them.

Usage:
    wandb_standin.py --api-key KEY [--admin-key KEY] [--log FILE] [--port N]

It prints `listening on http://127.0.0.1:PORT` on stdout once it accepts connections, and
exits when its stdin closes or its parent process dies (so a test run that crashes leaves no
server behind).

What it holds (reset with POST /_control/reset):
* entity `lab` (a team of organization `lab-org`, whose org entity is `lab-org-entity`) and
  the user `ann`, with project `churn`: five runs (one tagged `baseline`, unicode names,
  NaN and +/-Infinity summary values, a crashed and a running run) with 30-step histories;
* model artifact collections `churn-model` (v0..v2, aliases production, staging, latest) and
  `churn-tiny`, a dataset collection, and the registry `wandb-registry-model` of the org
  entity with the portfolio `churn-classifier` (memberships v0..v2 linking source versions
  in another order, so a client that confuses the two indices is caught).

Semantics mirrored from the SDK's observed behaviour and W&B's documentation:
* an alias is unique within a collection: adding it to one version takes it off another;
  `vN` version aliases are implicit and listed among an artifact's aliases;
* `filters` are JSON strings of a Mongo-style query (`$and $or $nor $eq $ne $gt $gte $lt $lte
  $in $nin $exists $regex`); `tags` match with `$in`/`$nin`; `config.K` and `config.K.value`
  are a config value, `summary_metrics.K` a summary value;
* Relay paging honours `first` and `after` exactly (page size 1 works);
* Basic auth `api:<key>`; anything else is 401;
* protected aliases (`production` in the registry) refuse keys other than the admin key.

Fault injection for tests (POST /_control/faults, a JSON list; each fault applies to the next
`times` matching GraphQL requests, optionally only to operation `op`):
    {"status": 429, "reset": "2"}           429 with RateLimit-Reset (seconds)
    {"status": 500}                         an HTML 500 page
    {"status": 403}                         403 with a JSON error body
    {"graphql_error": "message"}            HTTP 200 with `errors` and `data: null`
    {"lost": true}                          a mutation answers success and changes nothing
GET /_control/state shows collections' aliases, artifacts' metadata and runs' tags;
GET /_control/log returns the request log (JSONL, also written to --log) without any key.
"""

import argparse
import base64
import copy
import json
import math
import os
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ORG = "lab-org"
ORG_ENTITY = "lab-org-entity"
REGISTRY_PROJECT = "wandb-registry-model"
PROTECTED_ALIASES = {REGISTRY_PROJECT: {"production"}}

# W&B never published the server's text for a protected-alias refusal: wandb/wandb PR #9759
# ("add informative error messaging for add/delete aliases", 2025-04) shows it only in
# screenshots, and the SDK wraps it in its own "You do not have permission to add the
# following alias to this artifact: {...}". The registry docs say "Only Model Registry
# Administrators can add, modify, or remove protected aliases"; the stand-in answers with
# W&B's generic GraphQL permission error and clearance keys off the permission wording.
PERMISSION_DENIED = "permission denied"


def gid(kind, *parts):
    """A Relay global id as W&B writes them: base64 of `Kind:part:part`."""
    raw = ":".join([kind, *[str(p) for p in parts]])
    return base64.b64encode(raw.encode()).decode()


def iso(ts):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


def json_safe(value):
    """Non-finite floats as the strings W&B's JSON scalars carry (a bare NaN is not JSON)."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_safe(v) for v in value]
    return value


# --- seed data --------------------------------------------------------------------------


def history(run_seed, steps, diverge_at=None):
    rows = []
    for i in range(steps):
        acc = 0.6 + run_seed * 0.01 + 0.3 * (1 - math.exp(-i / 8))
        loss = 1.0 - acc + 0.05
        if diverge_at is not None and i >= diverge_at:
            acc = float("nan")
            loss = float("inf") if i % 2 else float("nan")
        rows.append(
            {
                "_step": i,
                "_runtime": 4.0 * i,
                "_timestamp": 1_790_000_000 + run_seed * 10_000 + 4 * i,
                "val/acc": acc,
                "val/loss": loss,
            }
        )
    return rows


def seed():
    base_t = 1_790_000_000
    runs = []

    def run(name, display, state, tags, created, config, summary, hist, group=None, job="train"):
        raw_config = {k: {"value": v, "desc": None} for k, v in config.items()}
        raw_config["_wandb"] = {"value": {"cli_version": "0.31.0", "python_version": "3.11"}}
        runs.append(
            {
                "name": name,
                "displayName": display,
                "state": state,
                "tags": list(tags),
                "group": group,
                "jobType": job,
                "createdAt": iso(created),
                "heartbeatAt": iso(created + 130),
                "notes": f"notes of {display}",
                "description": f"notes of {display}",
                "config": raw_config,
                "summary": summary,
                "history": hist,
                "username": "ann",
            }
        )

    def summary(hist, extra=None):
        last = hist[-1]
        s = {
            "val/acc": last["val/acc"],
            "val/loss": last["val/loss"],
            "_step": last["_step"],
            "_runtime": last["_runtime"],
            "_timestamp": last["_timestamp"],
            "_wandb": {"runtime": int(last["_runtime"])},
            "confusion": {"_type": "table-file", "path": "media/table/confusion.json"},
        }
        s.update(extra or {})
        return s

    h1 = history(1, 30)
    run("base01", "baseline-ünï 基线", "finished", ["baseline"], base_t,
        {"lr": 0.01, "epochs": 30, "model": {"kind": "xgb", "depth": 6}, "optimizer": "adam"},
        summary(h1, {"latency_ms": 38, "is_good": True}), h1, group="lr-sweep")
    h2 = history(3, 30)
    run("cand02", "cand-lr0.02 ✓", "finished", ["candidate", "lr-sweep"], base_t + 3600,
        {"lr": 0.02, "epochs": 30, "model": {"kind": "xgb", "depth": 8}, "optimizer": "adam"},
        summary(h2, {"latency_ms": 41}), h2, group="lr-sweep")
    h3 = history(2, 30, diverge_at=20)
    run("cand03", "diverged-lr5", "crashed", [], base_t + 7200,
        {"lr": 5, "epochs": 30, "model": {"kind": "xgb", "depth": 8}, "optimizer": "sgd"},
        summary(h3, {"latency_ms": float("-inf")}), h3, group="lr-sweep")
    h4 = history(4, 12)
    run("run04", "still-running", "running", ["wip"], base_t + 10800,
        {"lr": 0.03, "epochs": 30, "model": {"kind": "mlp", "depth": 3}, "optimizer": "adam"},
        summary(h4), h4, job="eval")
    h5 = history(0, 30)
    run("run05", "older", "finished", ["archived"], base_t - 86400,
        {"lr": 0.001, "epochs": 10, "model": {"kind": "xgb", "depth": 4}, "optimizer": "adam"},
        summary(h5, {"latency_ms": 35}), h5)

    artifacts = {}

    def artifact(num, seq, index, run_name, metadata, created):
        artifacts[gid("Artifact", num)] = {
            "id": gid("Artifact", num),
            "sequence": seq,
            "versionIndex": index,
            "createdBy": run_name,
            "metadata": metadata,
            "description": None,
            "createdAt": iso(created),
            "digest": f"{num:032x}",
            "state": "COMMITTED",
            "tags": [],
        }

    artifact(100, ("lab", "churn", "churn-model"), 0, "base01", {"val/acc": 0.91}, base_t + 200)
    artifact(101, ("lab", "churn", "churn-model"), 1, "cand02", {"val/acc": 0.95}, base_t + 3800)
    artifact(102, ("lab", "churn", "churn-model"), 2, "cand03", {}, base_t + 7400)
    artifact(110, ("lab", "churn", "churn-tiny"), 0, "run05", {"size": "tiny"}, base_t - 86000)
    artifact(120, ("lab", "churn", "churn-data"), 0, "run05", {}, base_t - 86300)

    by_id = lambda num: gid("Artifact", num)  # noqa: E731
    collections = [
        {
            "id": gid("ArtifactCollection", 10),
            "kind": "ArtifactSequence",
            "entity": "lab",
            "project": "churn",
            "name": "churn-model",
            "type": "model",
            "description": "churn classifier, trained nightly",
            "createdAt": iso(base_t + 200),
            "members": [by_id(100), by_id(101), by_id(102)],
            "aliases": {"production": by_id(100), "staging": by_id(101), "latest": by_id(102)},
        },
        {
            "id": gid("ArtifactCollection", 11),
            "kind": "ArtifactSequence",
            "entity": "lab",
            "project": "churn",
            "name": "churn-tiny",
            "type": "model",
            "description": None,
            "createdAt": iso(base_t - 86000),
            "members": [by_id(110)],
            "aliases": {"latest": by_id(110)},
        },
        {
            "id": gid("ArtifactCollection", 12),
            "kind": "ArtifactSequence",
            "entity": "lab",
            "project": "churn",
            "name": "churn-data",
            "type": "dataset",
            "description": None,
            "createdAt": iso(base_t - 86300),
            "members": [by_id(120)],
            "aliases": {"latest": by_id(120)},
        },
        {
            "id": gid("ArtifactCollection", 20),
            "kind": "ArtifactPortfolio",
            "entity": ORG_ENTITY,
            "project": REGISTRY_PROJECT,
            "name": "churn-classifier",
            "type": "model",
            "description": "the churn model the product serves",
            "createdAt": iso(base_t + 300),
            # Linked in another order than the source: v1 here is the source's v2.
            "members": [by_id(100), by_id(102), by_id(101)],
            "aliases": {"production": by_id(100), "staging": by_id(101), "latest": by_id(101)},
        },
    ]
    return {"runs": runs, "artifacts": artifacts, "collections": collections}


PROJECTS = {
    ("lab", "churn"): 1,
    (ORG_ENTITY, REGISTRY_PROJECT): 2,
}

SERVER_FEATURES = [
    ("ARTIFACT_REGISTRY_SEARCH", True),
    ("ARTIFACT_TAGS", True),
    ("ARTIFACT_DIGEST_ALGORITHM", False),
    ("ARTIFACT_MEMBERSHIP_IN_LINK_ARTIFACT_RESPONSE", True),
]


# --- Mongo-style filters ----------------------------------------------------------------


class FilterError(Exception):
    pass


MISSING = object()


def run_field(run, path):
    """The value a filter or order path names on a run (`MISSING` when there is none)."""
    simple = {
        "name": run["name"],
        "display_name": run["displayName"],
        "displayName": run["displayName"],
        "state": run["state"],
        "group": run["group"],
        "jobType": run["jobType"],
        "job_type": run["jobType"],
        "createdAt": run["createdAt"],
        "created_at": run["createdAt"],
        "username": run["username"],
        "tags": run["tags"],
    }
    if path in simple:
        return simple[path]
    for prefix, source, unwrap in (
        ("config.", run["config"], True),
        ("summary_metrics.", run["summary"], False),
    ):
        if path.startswith(prefix):
            return walk(source, path[len(prefix):], unwrap)
    return MISSING


def walk(obj, rest, unwrap):
    """Follows a dotted path through nested dicts, trying the longest key first (W&B keys
    may hold dots and slashes); config values are `{"value": v}` wrappers."""
    if isinstance(obj, dict) and unwrap and "value" in obj and set(obj) <= {"value", "desc"}:
        if rest == "value":
            return obj["value"]
        obj = obj["value"]
        if rest.startswith("value."):
            rest = rest[len("value."):]
    if not isinstance(obj, dict):
        return MISSING
    if rest in obj:
        v = obj[rest]
        if unwrap and isinstance(v, dict) and "value" in v and set(v) <= {"value", "desc"}:
            return v["value"]
        return v
    parts = rest.split(".")
    for i in range(len(parts) - 1, 0, -1):
        head = ".".join(parts[:i])
        if head in obj:
            return walk(obj[head], ".".join(parts[i:]), unwrap)
    return MISSING


def compare(op, value, arg):
    if op == "$exists":
        return (value is not MISSING and value is not None) == bool(arg)
    if isinstance(value, list) and op in ("$in", "$nin", "$eq", "$ne"):
        # Arrays (tags) match when any element does, as in MongoDB.
        hit = any(compare("$in" if op in ("$in", "$nin") else "$eq", v, arg) for v in value)
        return hit if op in ("$in", "$eq") else not hit
    if value is MISSING:
        return op in ("$ne", "$nin")
    if op == "$eq":
        return value == arg
    if op == "$ne":
        return value != arg
    if op == "$in":
        return value in arg
    if op == "$nin":
        return value not in arg
    if op == "$regex":
        return isinstance(value, str) and re.search(arg, value) is not None
    if op in ("$gt", "$gte", "$lt", "$lte"):
        try:
            if isinstance(value, float) and math.isnan(value):
                return False
            return {
                "$gt": value > arg,
                "$gte": value >= arg,
                "$lt": value < arg,
                "$lte": value <= arg,
            }[op]
        except TypeError:
            return False
    raise FilterError(f"unsupported operator {op}")


def matches(obj, query, field=run_field):
    if not isinstance(query, dict):
        raise FilterError("a filter must be a JSON object")
    for key, cond in query.items():
        if key == "$and":
            if not all(matches(obj, q, field) for q in cond):
                return False
        elif key == "$or":
            if not any(matches(obj, q, field) for q in cond):
                return False
        elif key == "$nor":
            if any(matches(obj, q, field) for q in cond):
                return False
        elif key.startswith("$"):
            raise FilterError(f"unsupported operator {key}")
        else:
            value = field(obj, key)
            if isinstance(cond, dict) and cond and all(k.startswith("$") for k in cond):
                if not all(compare(op, value, arg) for op, arg in cond.items()):
                    return False
            elif not compare("$eq", value, cond):
                return False
    return True


def parse_filters(text):
    if text in (None, ""):
        return {}
    try:
        q = json.loads(text)
    except ValueError as e:
        raise FilterError(f"filters is not JSON: {e}")
    if not isinstance(q, dict):
        raise FilterError("filters must be a JSON object")
    return q


def sort_key(run, order):
    desc = order.startswith("-")
    path = order.lstrip("+-")
    if path == "created_at":
        path = "createdAt"
    v = run_field(run, path)
    missing = v is MISSING or v is None or (isinstance(v, float) and math.isnan(v))
    return desc, missing, v


def ordered(runs, order):
    order = order or "+created_at"
    desc = order.startswith("-")
    present, absent = [], []
    for r in runs:
        _, missing, v = sort_key(r, order)
        (absent if missing else present).append((v, r))
    try:
        present.sort(key=lambda p: p[0], reverse=desc)
    except TypeError:
        present.sort(key=lambda p: str(p[0]), reverse=desc)
    return [r for _, r in present] + [r for _, r in absent]


def page(items, first, after):
    """Relay paging: the items after the cursor `after`, at most `first` of them."""
    start = 0
    if after:
        try:
            start = int(base64.b64decode(after).decode().split(":", 1)[1]) + 1
        except (ValueError, IndexError):
            raise FilterError(f"invalid cursor {after!r}")
    first = 50 if first is None else int(first)
    chunk = items[start:start + first]
    edges = [(item, base64.b64encode(f"cursor:{start + i}".encode()).decode())
             for i, item in enumerate(chunk)]
    info = {
        "__typename": "PageInfo",
        "endCursor": edges[-1][1] if edges else after,
        "hasNextPage": start + first < len(items),
    }
    return edges, info


# --- the server -------------------------------------------------------------------------


class GraphQLError(Exception):
    def __init__(self, message, path=None):
        super().__init__(message)
        self.path = path


class Server:
    def __init__(self, api_key, admin_key, log_path):
        self.api_key = api_key
        self.admin_key = admin_key
        self.log_path = log_path
        self.lock = threading.Lock()
        self.state = seed()
        self.faults = []
        self.log = []

    # -- helpers over the state --

    def project_info(self, entity, project):
        pid = PROJECTS.get((entity, project))
        if pid is None:
            return None
        return {
            "id": gid("Project", pid),
            "internalId": gid("ProjectInternalId", pid),
            "name": project,
            "entity": {"name": entity},
        }

    def runs_of(self, entity, project):
        if (entity, project) != ("lab", "churn"):
            return None
        return self.state["runs"]

    def find_run(self, entity, project, name):
        runs = self.runs_of(entity, project) or []
        return next((r for r in runs if r["name"] == name), None)

    def run_node(self, r, query, full=True):
        node = {
            "__typename": "Run",
            "id": gid("Run", "v1", r["name"], "churn", "lab"),
            "projectId": "1",
            "tags": r["tags"],
            "name": r["name"],
            "displayName": r["displayName"],
            "sweepName": None,
            "state": r["state"],
            "group": r["group"],
            "jobType": r["jobType"],
            "commit": None,
            "readOnly": False,
            "createdAt": r["createdAt"],
            "heartbeatAt": r["heartbeatAt"],
            "description": r["description"],
            "notes": r["notes"],
            "historyLineCount": len(r["history"]),
            "user": {"name": "Ann Lee", "username": r["username"]},
        }
        if full:
            # JSONString fields hold JSON text as Python writes it: NaN and Infinity bare.
            node["config"] = json.dumps(r["config"])
            node["summaryMetrics"] = json.dumps(r["summary"])
            node["systemMetrics"] = json.dumps({})
            node["historyKeys"] = self.history_keys(r)
        return node

    def history_keys(self, r):
        keys = {}
        for row in r["history"]:
            for k in row:
                keys.setdefault(k, 0)
                keys[k] += 1
        return {
            "lastStep": r["history"][-1]["_step"] if r["history"] else 0,
            "keys": {k: {"typeCounts": [{"type": "number", "count": n}]} for k, n in keys.items()},
        }

    def collection(self, entity, project, name, type_name=None):
        for c in self.state["collections"]:
            if (c["entity"], c["project"], c["name"]) == (entity, project, name):
                if type_name is None or c["type"] == type_name:
                    return c
        return None

    def collections_of(self, artifact_id):
        return [c for c in self.state["collections"] if artifact_id in c["members"]]

    def collection_info(self, c):
        return {
            "__typename": c["kind"],
            "name": c["name"],
            "project": self.project_info(c["entity"], c["project"]),
        }

    def alias_nodes(self, c, artifact_id):
        """The aliases an artifact holds in one collection, its `vN` alias included."""
        index = c["members"].index(artifact_id)
        names = [f"v{index}"] + sorted(a for a, t in c["aliases"].items() if t == artifact_id)
        return [
            {
                "__typename": "ArtifactAlias",
                "id": gid("ArtifactAlias", c["name"], a),
                "alias": a,
                "artifactCollection": self.collection_info(c),
            }
            for a in names
        ]

    def artifact_node(self, artifact_id, query, include_aliases=True):
        a = self.state["artifacts"][artifact_id]
        seq = self.collection(*a["sequence"])
        node = {
            "__typename": "Artifact",
            "id": a["id"],
            "artifactSequence": {
                "__typename": "ArtifactSequence",
                "name": seq["name"],
                "project": self.project_info(seq["entity"], seq["project"]),
            },
            "versionIndex": a["versionIndex"],
            "artifactType": {"name": seq["type"]},
            "description": a["description"],
            "metadata": json.dumps(a["metadata"]),
            "ttlDurationSeconds": -1,
            "ttlIsInherited": True,
            "tags": [{"__typename": "Tag", "id": gid("Tag", t), "name": t} for t in a["tags"]],
            "historyStep": None,
            "state": a["state"],
            "size": 1024,
            "digest": a["digest"],
            "commitHash": a["digest"][:12],
            "fileCount": 1,
            "createdAt": a["createdAt"],
            "updatedAt": a["createdAt"],
        }
        if include_aliases:
            node["aliases"] = [
                n for c in self.collections_of(artifact_id) for n in self.alias_nodes(c, artifact_id)
            ]
        if "createdBy" in query:
            node["createdBy"] = self.created_by(a)
        return node

    def created_by(self, a):
        r = self.find_run("lab", "churn", a["createdBy"])
        if r is None:
            return None
        return {
            "__typename": "Run",
            "id": gid("Run", "v1", r["name"], "churn", "lab"),
            "name": r["name"],
            "project": self.project_info("lab", "churn"),
        }

    def membership(self, c, artifact_id, query, include_aliases):
        index = c["members"].index(artifact_id)
        return {
            "__typename": "ArtifactCollectionMembership",
            "id": gid("ArtifactCollectionMembership", c["name"], index),
            "versionIndex": index,
            "createdAt": self.state["artifacts"][artifact_id]["createdAt"],
            "aliases": [
                {k: v for k, v in n.items() if k != "artifactCollection"}
                for n in self.alias_nodes(c, artifact_id)
            ],
            "artifactCollection": self.collection_info(c),
            "artifact": self.artifact_node(artifact_id, query, include_aliases),
        }

    def collection_node(self, c):
        return {
            "__typename": c["kind"],
            "id": c["id"],
            "name": c["name"],
            "description": c["description"],
            "createdAt": c["createdAt"],
            "updatedAt": c["createdAt"],
            "project": self.project_info(c["entity"], c["project"]),
            "type": {"name": c["type"]},
            "tags": {"edges": []},
        }

    # -- operations --

    def op_Viewer(self, v, q, admin):
        return {
            "viewer": {
                "id": gid("User", 1),
                "entity": "ann",
                "username": "ann",
                "email": "ann@example.com",
                "flags": "{}",
                "teams": {"edges": [{"node": {"name": "lab"}}]},
            }
        }

    def op_GetDefaultEntity(self, v, q, admin):
        return {"viewer": {"id": gid("User", 1), "entity": "ann"}}

    def op_ServerFeaturesQuery(self, v, q, admin):
        return {
            "serverInfo": {
                "features": [{"name": n, "isEnabled": e} for n, e in SERVER_FEATURES]
            }
        }

    def op_Runs(self, v, q, admin):
        runs = self.runs_of(v["entity"], v["project"])
        if runs is None:
            return {"project": None}
        flt = parse_filters(v.get("filters"))
        chosen = ordered([r for r in runs if matches(r, flt)], v.get("order"))
        edges, info = page(chosen, v.get("perPage", 50), v.get("cursor"))
        full = "summaryMetrics" in q
        return {
            "project": {
                "internalId": gid("ProjectInternalId", 1),
                "readOnly": False,
                "runCount": len(chosen),
                "runs": {
                    "edges": [{"node": self.run_node(r, q, full), "cursor": c} for r, c in edges],
                    "pageInfo": {"endCursor": info["endCursor"], "hasNextPage": info["hasNextPage"]},
                },
            }
        }

    def op_Run(self, v, q, admin):
        if self.runs_of(v["entity"], v["project"]) is None:
            return {"project": None}
        r = self.find_run(v["entity"], v["project"], v["name"])
        return {"project": {"run": self.run_node(r, q) if r else None}}

    def op_RunState(self, v, q, admin):
        r = self.find_run(v["entity"], v["project"], v["name"])
        return {"project": {"run": {"state": r["state"]} if r else None}}

    def sampled(self, r, spec_text):
        spec = json.loads(spec_text)
        keys = spec.get("keys", [])
        samples = max(int(spec.get("samples", 500)), 1)
        lo, hi = spec.get("minStep"), spec.get("maxStep")
        rows = [
            row for row in r["history"]
            if all(k in row for k in keys)
            and (lo is None or row["_step"] >= lo)
            and (hi is None or row["_step"] <= hi)
        ]
        if len(rows) > samples:
            # Evenly spread, first and last kept (W&B's own algorithm is not public).
            if samples == 1:
                rows = [rows[-1]]
            else:
                step = (len(rows) - 1) / (samples - 1)
                rows = [rows[round(i * step)] for i in range(samples)]
        return [json_safe({k: row[k] for k in keys if k in row}) for row in rows]

    def op_RunSampledHistory(self, v, q, admin):
        r = self.find_run(v["entity"], v["project"], v["name"])
        if r is None:
            return {"project": {"run": None}}
        return {"project": {"run": {"sampledHistory": [self.sampled(r, s) for s in v["specs"]]}}}

    def op_SampledHistoryPage(self, v, q, admin):
        r = self.find_run(v["entity"], v["project"], v["run"])
        return {"project": {"run": {"sampledHistory": [self.sampled(r, v["spec"])]}}}

    def op_RunsSampledHistory(self, v, q, admin):
        """clearance's batch: `rN: run(name: $nN) { sampledHistory(specs: $specs) }` fields."""
        if self.runs_of(v["entity"], v["project"]) is None:
            return {"project": None}
        out = {}
        for alias, var in re.findall(r"(\w+)\s*:\s*run\(\s*name\s*:\s*\$(\w+)\s*\)", q):
            r = self.find_run(v["entity"], v["project"], v[var])
            out[alias] = (
                {"sampledHistory": [self.sampled(r, s) for s in v["specs"]]} if r else None
            )
        return {"project": out}

    def op_RunFullHistory(self, v, q, admin):
        r = self.find_run(v["entity"], v["project"], v["name"])
        rows = r["history"][: v.get("samples") or 500]
        return {"project": {"run": {"history": [json.dumps(row) for row in rows]}}}

    def op_RunHistoryKeys(self, v, q, admin):
        r = self.find_run(v["entity"], v["project"], v["name"])
        return {"project": {"run": {"historyKeys": self.history_keys(r)}}}

    def op_UpsertBucket(self, v, q, admin):
        target = None
        for r in self.state["runs"]:
            if gid("Run", "v1", r["name"], "churn", "lab") == v.get("id"):
                target = r
        if target is None:
            raise GraphQLError("run not found", ["upsertBucket"])
        # Only what the input names changes (the SDK's summary write sends id and
        # summaryMetrics alone).
        if v.get("tags") is not None:
            target["tags"] = list(v["tags"])
        if v.get("config") is not None:
            target["config"] = json.loads(v["config"])
        if v.get("summaryMetrics") is not None:
            target["summary"] = json.loads(v["summaryMetrics"])
        if v.get("notes") is not None:
            target["notes"] = v["notes"]
        if v.get("display_name") is not None:
            target["displayName"] = v["display_name"]
        return {"upsertBucket": {"bucket": self.run_node(target, q)}}

    def op_IsProjectReadOnly(self, v, q, admin):
        return {"project": {"readOnly": False} if self.project_info(v["entity"], v["project"]) else None}

    def op_ArtifactTypeArtifactCollections(self, v, q, admin):
        info = self.project_info(v["entity"], v["project"])
        if info is None:
            return {"project": None}
        cs = [
            c for c in self.state["collections"]
            if (c["entity"], c["project"], c["type"]) == (v["entity"], v["project"], v["type"])
        ]
        edges, pinfo = page(cs, v.get("perPage"), v.get("cursor"))
        return {
            "project": {
                "artifactType": {
                    "artifactCollections": {
                        "totalCount": len(cs),
                        "pageInfo": pinfo,
                        "edges": [{"node": self.collection_node(c)} for c, _ in edges],
                    }
                }
            }
        }

    def op_RegistryCollections(self, v, q, admin):
        if v["organization"] != ORG:
            return {"organization": None}
        reg = parse_filters(v.get("registryFilter"))
        coll = parse_filters(v.get("collectionFilter"))
        kinds = {"PORTFOLIO": "ArtifactPortfolio", "SEQUENCE": "ArtifactSequence"}
        types = {kinds[t] for t in (v.get("collectionTypes") or ["PORTFOLIO"])}
        cs = [
            c for c in self.state["collections"]
            if c["entity"] == ORG_ENTITY
            and c["kind"] in types
            and matches(
                {"name": c["project"], "id": PROJECTS[(c["entity"], c["project"])]},
                reg,
                lambda o, k: o.get(k, MISSING),
            )
            and matches({"name": c["name"]}, coll, lambda o, k: o.get(k, MISSING))
        ]
        edges, pinfo = page(cs, v.get("perPage"), v.get("cursor"))
        return {
            "organization": {
                "orgEntity": {
                    "name": ORG_ENTITY,
                    "artifactCollections": {
                        "totalCount": len(cs),
                        "pageInfo": pinfo,
                        "edges": [{"node": self.collection_node(c)} for c, _ in edges],
                    },
                }
            }
        }

    def op_ProjectArtifacts(self, v, q, admin):
        if self.project_info(v["entity"], v["project"]) is None:
            return {"project": None}
        c = self.collection(v["entity"], v["project"], v["collection"], v["type"])
        if c is None:
            return {"project": {"artifactType": {"artifactCollection": None}}}
        flt = parse_filters(v.get("filters"))
        members = [
            m for m in c["members"]
            if matches(self.state["artifacts"][m], flt, lambda o, k: o.get(k, MISSING))
        ]
        if (v.get("order") or "").lstrip("+") != "created_at":
            members = list(reversed(members))  # newest first unless asked otherwise
        edges, pinfo = page(members, v.get("perPage", 50), v.get("cursor"))
        include = v.get("includeAliases", True)
        return {
            "project": {
                "artifactType": {
                    "artifactCollection": {
                        "__typename": c["kind"],
                        "artifacts": {
                            "totalCount": len(members),
                            "pageInfo": pinfo,
                            "edges": [
                                {
                                    "version": f"v{c['members'].index(m)}",
                                    "node": self.artifact_node(m, q, include),
                                }
                                for m, _ in edges
                            ],
                        },
                    }
                }
            }
        }

    def op_ArtifactMembershipByName(self, v, q, admin):
        if self.project_info(v["entity"], v["project"]) is None:
            return {"project": None}
        name, _, ref = v["name"].partition(":")
        c = self.collection(v["entity"], v["project"], name)
        target = None
        if c is not None:
            m = re.fullmatch(r"v(\d+)", ref)
            if m and int(m.group(1)) < len(c["members"]):
                target = c["members"][int(m.group(1))]
            else:
                target = c["aliases"].get(ref or "latest")
        return {
            "project": {
                "artifactCollectionMembership": self.membership(
                    c, target, q, v.get("includeAliases", False)
                ) if target else None
            }
        }

    def op_ArtifactCreatedBy(self, v, q, admin):
        a = self.state["artifacts"].get(v["id"])
        return {"artifact": {"createdBy": self.created_by(a)} if a else None}

    def op_FetchOrgInfoFromEntity(self, v, q, admin):
        org = {"name": ORG, "orgEntity": {"name": ORG_ENTITY}}
        if v["entity"] == "lab":
            return {"entity": {"organization": org, "user": None}}
        if v["entity"] == "ann":
            return {"entity": {"organization": None, "user": {"organizations": [org]}}}
        return {"entity": None}

    def op_FetchOrganization(self, v, q, admin):
        if v["org"] != ORG:
            return {"organization": None}
        return {
            "organization": {
                "id": gid("Organization", 1),
                "name": ORG,
                "orgEntity": {
                    "__typename": "Entity",
                    "id": gid("Entity", 9),
                    "name": ORG_ENTITY,
                    "entityType": "organization",
                },
            }
        }

    def op_FetchRegistry(self, v, q, admin):
        info = self.project_info(v["entity"], v["name"])
        if info is None or v["entity"] != ORG_ENTITY:
            return {"entity": {"project": None}}
        return {
            "entity": {
                "project": {
                    "__typename": "Project",
                    "id": info["id"],
                    "internalId": info["internalId"],
                    "name": v["name"],
                    "entity": {"name": ORG_ENTITY, "organization": {"name": ORG}},
                    "description": "models the product serves",
                    "createdAt": iso(1_790_000_000),
                    "updatedAt": iso(1_790_000_000),
                    "access": "PRIVATE",
                    "allowAllArtifactTypes": False,
                    "artifactTypes": {"edges": [{"node": {"name": "model"}}]},
                }
            }
        }

    def op_FetchAdvancedRegistryFeatures(self, v, q, admin):
        return {"organization": {"advancedRegistryFeatures": {"advancedSearch": False}}}

    def alias_targets(self, inp):
        art = inp["artifactID"]
        if art not in self.state["artifacts"]:
            raise GraphQLError(f"artifact {art} not found")
        for a in inp["aliases"]:
            c = self.collection(a["entityName"], a["projectName"], a["artifactCollectionName"])
            if c is None or art not in c["members"]:
                raise GraphQLError(
                    f"artifact collection {a['artifactCollectionName']} not found or does not "
                    f"contain the artifact"
                )
            yield a["alias"], c, art

    def check_protected(self, alias, c, admin, path):
        if alias in PROTECTED_ALIASES.get(c["project"], set()) and not admin:
            raise GraphQLError(PERMISSION_DENIED, path)

    def op_AddAliases(self, v, q, admin):
        changes = list(self.alias_targets(v["input"]))
        for alias, c, art in changes:
            self.check_protected(alias, c, admin, ["addAliases"])
        for alias, c, art in changes:
            # One version per alias in a collection: this takes it off the one holding it.
            c["aliases"][alias] = art
        return {"result": {"success": True}}

    def op_DeleteAliases(self, v, q, admin):
        changes = list(self.alias_targets(v["input"]))
        for alias, c, art in changes:
            self.check_protected(alias, c, admin, ["deleteAliases"])
        for alias, c, art in changes:
            if c["aliases"].get(alias) == art:
                del c["aliases"][alias]
        return {"result": {"success": True}}

    def op_UpdateArtifact(self, v, q, admin):
        inp = v["input"]
        a = self.state["artifacts"].get(inp["artifactID"])
        if a is None:
            raise GraphQLError("artifact not found", ["updateArtifact"])
        if inp.get("metadata") is not None:
            a["metadata"] = json.loads(inp["metadata"])
        if inp.get("description") is not None:
            a["description"] = inp["description"]
        for t in inp.get("tagsToAdd") or []:
            if t["tagName"] not in a["tags"]:
                a["tags"].append(t["tagName"])
        for t in inp.get("tagsToDelete") or []:
            if t["tagName"] in a["tags"]:
                a["tags"].remove(t["tagName"])
        return {"result": {"artifact": self.artifact_node(a["id"], q, v.get("includeAliases", True))}}

    # -- dispatch --

    def execute(self, body, admin):
        op = body.get("operationName") or operation_name(body.get("query", ""))
        handler = getattr(self, f"op_{op}", None)
        if handler is None:
            raise GraphQLError(f"the stand-in does not implement the operation {op!r}")
        return handler(body.get("variables") or {}, body.get("query", ""), admin)

    def state_view(self):
        return {
            "collections": {
                f"{c['entity']}/{c['project']}/{c['name']}": {
                    a: f"v{c['members'].index(t)}" for a, t in sorted(c["aliases"].items())
                }
                for c in self.state["collections"]
            },
            "metadata": {aid: a["metadata"] for aid, a in self.state["artifacts"].items()},
            "tags": {r["name"]: r["tags"] for r in self.state["runs"]},
        }

    def take_fault(self, op):
        for f in self.faults:
            if f.get("op") in (None, op) and f.get("times", 1) > 0:
                f["times"] = f.get("times", 1) - 1
                return f
        return None

    def record(self, entry):
        self.log.append(entry)
        if self.log_path:
            with open(self.log_path, "a", encoding="utf-8") as f:
                f.write(json.dumps(entry) + "\n")


def operation_name(query):
    m = re.search(r"\b(query|mutation)\s+(\w+)", query)
    return m.group(2) if m else None


def check_auth(header, server):
    """('ok'|'admin'|None, description without the key)."""
    if not header or not header.startswith("Basic "):
        return None, {"scheme": None}
    try:
        user, _, key = base64.b64decode(header[6:]).decode().partition(":")
    except ValueError:
        return None, {"scheme": "Basic", "user": None}
    desc = {"scheme": "Basic", "user": user, "key_len": len(key)}
    if user != "api":
        return None, desc
    if server.admin_key and key == server.admin_key:
        return "admin", desc
    if key == server.api_key:
        return "ok", desc
    return None, desc


def make_handler(server):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):  # quiet: the JSONL log says what matters
            pass

        def reply(self, status, body, headers=None, content_type="application/json"):
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def read_body(self):
            n = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(n) if n else b""

        def do_GET(self):
            if self.path == "/health":
                return self.reply(200, {"ok": True})
            if self.path == "/_control/state":
                with server.lock:
                    return self.reply(200, server.state_view())
            if self.path == "/_control/log":
                with server.lock:
                    return self.reply(200, server.log)
            return self.reply(404, {"error": "not found"})

        def do_POST(self):
            raw = self.read_body()
            if self.path == "/_control/faults":
                with server.lock:
                    server.faults = json.loads(raw or b"[]")
                return self.reply(200, {"ok": True})
            if self.path == "/_control/reset":
                with server.lock:
                    server.state = seed()
                    server.faults = []
                    server.log = []
                return self.reply(200, {"ok": True})
            if self.path.startswith("/sdk/otel/"):
                # The SDK's telemetry: accepted and dropped.
                return self.reply(200, {})
            if self.path.rstrip("/") != "/graphql":
                return self.reply(404, {"errors": [{"message": f"no route {self.path}"}]})
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                return self.reply(400, {"errors": [{"message": "the body is not JSON"}]})
            with server.lock:
                self.graphql(body)

        def graphql(self, body):
            op = body.get("operationName") or operation_name(body.get("query", ""))
            who, auth = check_auth(self.headers.get("Authorization"), server)
            entry = {
                "path": self.path,
                "op": op,
                "auth": auth,
                "variables": body.get("variables"),
                "query": body.get("query"),
            }
            limits = {"RateLimit-Limit": "1000", "RateLimit-Remaining": "998", "RateLimit-Reset": "60"}
            if who is None:
                entry["status"] = 401
                server.record(entry)
                return self.reply(401, {"errors": [{"message": "user is not logged in"}]})
            fault = server.take_fault(op)
            if fault:
                entry["fault"] = {k: v for k, v in fault.items() if k != "times"}
                status = fault.get("status", 200)
                entry["status"] = status
                server.record(entry)
                if status == 429:
                    headers = dict(limits, **{"RateLimit-Remaining": "0",
                                              "RateLimit-Reset": str(fault.get("reset", "1"))})
                    return self.reply(429, {"errors": [{"message": "rate limit exceeded"}]}, headers)
                if status >= 500:
                    page_ = b"<html><body><h1>500 Internal Server Error</h1></body></html>"
                    return self.reply(status, page_, content_type="text/html")
                if status == 403:
                    return self.reply(403, {"errors": [{"message": PERMISSION_DENIED}]}, limits)
                if fault.get("lost"):
                    return self.reply(200, {"data": {"result": {"success": True}}}, limits)
                return self.reply(
                    200,
                    {"errors": [{"message": fault["graphql_error"], "path": [op]}], "data": None},
                    limits,
                )
            try:
                data = server.execute(body, who == "admin")
                out = {"data": data}
            except GraphQLError as e:
                out = {"errors": [{"message": str(e), "path": e.path}], "data": None}
            except FilterError as e:
                out = {"errors": [{"message": f"invalid filters: {e}"}], "data": None}
            entry["status"] = 200
            server.record(entry)
            self.reply(200, out, limits)

    return Handler


def watch_parent_and_stdin(httpd):
    parent = os.getppid()

    def stdin_closed():
        try:
            while sys.stdin.buffer.read(4096):
                pass
        except OSError:
            pass
        httpd.shutdown()

    def parent_gone():
        while os.getppid() == parent:
            time.sleep(0.5)
        httpd.shutdown()

    threading.Thread(target=stdin_closed, daemon=True).start()
    threading.Thread(target=parent_gone, daemon=True).start()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--api-key", required=True)
    p.add_argument("--admin-key")
    p.add_argument("--log")
    p.add_argument("--port", type=int, default=0)
    args = p.parse_args()
    server = Server(args.api_key, args.admin_key, args.log)
    httpd = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(server))
    httpd.daemon_threads = True
    watch_parent_and_stdin(httpd)
    print(f"listening on http://127.0.0.1:{httpd.server_address[1]}", flush=True)
    httpd.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
