#!/usr/bin/env python3
"""A stand-in for the GitLab REST API (v4) endpoints clearance uses, with state.

Python's standard library only. Prints "listening on http://127.0.0.1:PORT" once it listens.
It stops when its stdin closes or its parent dies. Its shapes follow GitLab's documented
examples (tests/fixtures/gitlab/README.md) and are checked with the official python-gitlab
client (tests/support/gitlab_client_check.py), so they are held to a real client's reading.

Endpoints (under /api/v4; the project as its numeric id or its URL-encoded path):
  GET  /projects/:id
  GET  /projects/:id/repository/branches/:branch
  POST /projects/:id/repository/branches              400 "Branch already exists"
  GET  /projects/:id/repository/files/:file_path?ref=
  POST /projects/:id/repository/commits               actions: create | update (last_commit_id)
  GET  /projects/:id/repository/commits/:sha/merge_requests   by head or merge commit; paged
  GET  /projects/:id/merge_requests                   state, source_branch; paged
  POST /projects/:id/merge_requests                   409 "Another open merge request ..."
  GET  /projects/:id/merge_requests/:iid
  PUT  /projects/:id/merge_requests/:iid              title, description, add_labels, labels
  GET  /projects/:id/merge_requests/:iid/approvals    403 with --no-approvals (no Premium)
  GET  /projects/:id/merge_requests/:iid/notes        paged
  POST /projects/:id/merge_requests/:iid/notes
  GET  /projects/:id/merge_requests/:iid/notes/:note_id
  PUT  /projects/:id/merge_requests/:iid/notes/:note_id
  GET  /projects/:id/pipelines                        sha, order_by, sort; paged
  GET  /projects/:id/pipelines/:pipeline_id
  GET  /projects/:id/pipelines/:pipeline_id/jobs      paged, newest first (GitLab 13.5+)
Control (no token): GET /_control/state, GET /_control/log, POST /_control/seed
  (pipelines: [{sha, status, jobs: [{name, status, stage, duration, allow_failure}]}],
  approvals: {iid: [user]}),
  POST /_control/merge {iid, by}: merges the MR as `by` with a merge commit on its target
  branch (answers {merge_commit_sha}), as a person pressing Merge would.
Every API request needs PRIVATE-TOKEN (or JOB-TOKEN) equal to --token, else 401.
"""

import argparse
import base64
import hashlib
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, unquote, urlsplit

NOW = "2026-11-20T12:00:00.000Z"
USER = {
    "id": 1,
    "username": "clearance-bot",
    "name": "clearance bot",
    "state": "active",
    "avatar_url": None,
    "web_url": "https://gitlab.example.com/clearance-bot",
}


class State:
    def __init__(self, web):
        self.lock = threading.Lock()
        self.web = web
        self.project = {
            "id": 4242,
            "description": None,
            "name": "models",
            "name_with_namespace": "acme / ml / models",
            "path": "models",
            "path_with_namespace": "acme/ml/models",
            "default_branch": "main",
            "visibility": "private",
            "web_url": f"{web}/acme/ml/models",
        }
        first = self.sha("initial")
        self.branches = {"main": first}
        # branch -> path -> (text, last_commit_id)
        self.files = {"main": {}}
        self.commits = {first: {"parent": None}}
        self.mrs = []
        self.notes = {}
        self.next_note = 500
        self.pipelines = []
        self.approvals = {}
        self.log = []

    @staticmethod
    def sha(seed):
        return hashlib.sha1(seed.encode()).hexdigest()

    def dump(self):
        return {
            "branches": self.branches,
            "files": {b: {p: t for p, (t, _) in fs.items()} for b, fs in self.files.items()},
            "merge_requests": self.mrs,
            "notes": {str(k): v for k, v in self.notes.items()},
        }


def page(items, query, base=None):
    """One page of `items`, with GitLab's offset-pagination headers; `Link` (what
    python-gitlab follows) when `base` (the request's absolute URL without a query) is given."""
    per_page = int((query.get("per_page") or ["20"])[0])
    number = int((query.get("page") or ["1"])[0])
    start = (number - 1) * per_page
    chunk = items[start : start + per_page]
    more = start + per_page < len(items)
    headers = {
        "X-Page": str(number),
        "X-Per-Page": str(per_page),
        "X-Total": str(len(items)),
        "X-Next-Page": str(number + 1) if more else "",
    }
    if base and more:
        q = {k: v[-1] for k, v in query.items()}
        q["page"] = str(number + 1)
        q.setdefault("per_page", str(per_page))
        link = base + "?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in q.items())
        headers["Link"] = f'<{link}>; rel="next"'
    return chunk, headers


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None
    token = None
    no_approvals = False
    log_file = None

    def log_message(self, *args):
        pass

    def page(self, items, query):
        base = self.state.web + urlsplit(self.path).path
        return page(items, query, base)

    def reply(self, status, body, headers=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n) if n else b""
        ctype = self.headers.get("Content-Type") or ""
        if raw and "json" in ctype:
            return json.loads(raw)
        if raw:
            return {k: v[-1] for k, v in parse_qs(raw.decode()).items()}
        return {}

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def do_PUT(self):
        self.route("PUT")

    def route(self, method):
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        body = self.body() if method != "GET" else {}
        # Segments as sent: the project and file path arrive URL-encoded in one segment.
        parts = url.path.split("/")[1:]
        if parts[:1] == ["_control"]:
            return self.control(method, parts[1:], body)
        entry = {"method": method, "path": url.path, "query": url.query, "body": body}
        sent = self.headers.get("PRIVATE-TOKEN") or self.headers.get("JOB-TOKEN")
        auth = self.headers.get("Authorization") or ""
        if auth.startswith("Bearer "):
            sent = auth[len("Bearer ") :]
        with self.state.lock:
            self.state.log.append(entry)
            if self.log_file:
                with open(self.log_file, "a") as f:
                    f.write(json.dumps(entry) + "\n")
        if sent != self.token:
            return self.reply(401, {"message": "401 Unauthorized"})
        if parts[:2] != ["api", "v4"] or len(parts) < 4 or parts[2] != "projects":
            return self.reply(404, {"error": "404 Not Found"})
        pid = unquote(parts[3])
        s = self.state
        if pid not in (str(s.project["id"]), s.project["path_with_namespace"]):
            return self.reply(404, {"message": "404 Project Not Found"})
        rest = parts[4:]
        with s.lock:
            return self.project_route(method, rest, query, body)

    def control(self, method, rest, body):
        s = self.state
        with s.lock:
            if method == "GET" and rest == ["state"]:
                return self.reply(200, s.dump())
            if method == "GET" and rest == ["log"]:
                return self.reply(200, s.log)
            if method == "POST" and rest == ["seed"]:
                for p in body.get("pipelines", []):
                    pid = 100 + len(s.pipelines)
                    jobs = []
                    for n, j in enumerate(p.get("jobs", [])):
                        jobs.append(self.job(pid, pid * 10 + n, p["sha"], j))
                    s.pipelines.append(
                        {
                            "id": pid,
                            "iid": len(s.pipelines) + 1,
                            "project_id": s.project["id"],
                            "status": p.get("status", "running"),
                            "source": "merge_request_event",
                            "ref": p.get("ref", "main"),
                            "sha": p["sha"],
                            "name": None,
                            "web_url": f"{s.web}/acme/ml/models/-/pipelines/{pid}",
                            "created_at": NOW,
                            "updated_at": NOW,
                            "_jobs": jobs,
                        }
                    )
                for iid, users in body.get("approvals", {}).items():
                    s.approvals[int(iid)] = users
                return self.reply(200, {"ok": True})
            if method == "POST" and rest == ["merge"]:
                mr = next((m for m in s.mrs if m["iid"] == body.get("iid")), None)
                if mr is None or mr["state"] != "opened":
                    return self.reply(404, {"error": "no open merge request with that iid"})
                sha = s.sha(f"merge {mr['iid']} {len(s.commits)}")
                target = mr["target_branch"]
                s.commits[sha] = {"parent": s.branches.get(target)}
                s.branches[target] = sha
                s.files[target] = dict(s.files.get(mr["source_branch"], {}))
                merger = dict(USER, id=2, username=body["by"], name=body["by"])
                mr.update(
                    state="merged",
                    merged_by=merger,
                    merge_user=merger,
                    merged_at=NOW,
                    merge_commit_sha=sha,
                )
                return self.reply(200, {"merge_commit_sha": sha})
        return self.reply(404, {"error": "no such control"})

    def job(self, pid, jid, sha, j):
        s = self.state
        return {
            "id": jid,
            "name": j["name"],
            "stage": j.get("stage", "test"),
            "status": j["status"],
            "allow_failure": j.get("allow_failure", False),
            "ref": "main",
            "tag": False,
            "coverage": None,
            "created_at": NOW,
            "started_at": NOW,
            # A job that ran says how long (seconds, with fractions), one still waiting does not.
            "finished_at": NOW if j.get("duration") is not None else None,
            "duration": j.get("duration"),
            "queued_duration": 0.5,
            "user": USER,
            "commit": {"id": sha, "short_id": sha[:8], "title": "commit"},
            "pipeline": {"id": pid, "project_id": s.project["id"], "ref": "main", "sha": sha, "status": "running"},
            "web_url": f"{s.web}/acme/ml/models/-/jobs/{jid}",
            "artifacts": [],
            "runner": None,
        }

    def project_route(self, method, rest, query, body):
        s = self.state
        if rest == [] and method == "GET":
            return self.reply(200, s.project)
        if rest[:2] == ["repository", "branches"]:
            if method == "POST" and len(rest) == 2:
                name = body.get("branch") or (query.get("branch") or [""])[0]
                ref = body.get("ref") or (query.get("ref") or [""])[0]
                if name in s.branches:
                    return self.reply(400, {"message": "Branch already exists"})
                sha = s.branches.get(ref, ref if ref in s.commits else None)
                if sha is None:
                    return self.reply(400, {"message": "Invalid reference name: " + ref})
                src = next((b for b, h in s.branches.items() if h == sha), "main")
                s.branches[name] = sha
                s.files[name] = dict(s.files.get(src, {}))
                return self.reply(201, self.branch(name))
            if method == "GET" and len(rest) == 3:
                name = unquote(rest[2])
                if name not in s.branches:
                    return self.reply(404, {"message": "404 Branch Not Found"})
                return self.reply(200, self.branch(name))
        if rest[:2] == ["repository", "files"] and len(rest) == 3 and method == "GET":
            path = unquote(rest[2])
            ref = (query.get("ref") or [""])[0]
            files = s.files.get(ref)
            if files is None:
                files = next((s.files[b] for b, h in s.branches.items() if h == ref), None)
            if files is None or path not in files:
                return self.reply(404, {"message": "404 File Not Found"})
            text, last = files[path]
            return self.reply(
                200,
                {
                    "file_name": path.rsplit("/", 1)[-1],
                    "file_path": path,
                    "size": len(text.encode()),
                    "encoding": "base64",
                    "content": base64.b64encode(text.encode()).decode(),
                    "content_sha256": hashlib.sha256(text.encode()).hexdigest(),
                    "ref": ref,
                    "blob_id": State.sha("blob" + text),
                    "commit_id": s.branches.get(ref, ref),
                    "last_commit_id": last,
                    "execute_filemode": False,
                },
            )
        if rest == ["repository", "commits"] and method == "POST":
            return self.commit(body)
        if len(rest) == 4 and rest[:2] == ["repository", "commits"] and rest[3] == "merge_requests" and method == "GET":
            sha = rest[2]
            items = [m for m in reversed(s.mrs) if sha in (m["sha"], m["merge_commit_sha"])]
            chunk, headers = self.page(items, query)
            return self.reply(200, chunk, headers)
        if rest[:1] == ["merge_requests"]:
            return self.merge_requests(method, rest[1:], query, body)
        if rest == ["pipelines"] and method == "GET":
            items = [p for p in s.pipelines if p["sha"] == (query.get("sha") or [p["sha"]])[0]]
            items.sort(key=lambda p: p["id"], reverse=(query.get("sort") or ["desc"])[0] == "desc")
            chunk, headers = self.page([{k: v for k, v in p.items() if k != "_jobs"} for p in items], query)
            return self.reply(200, chunk, headers)
        if len(rest) == 2 and rest[0] == "pipelines" and method == "GET":
            p = next((p for p in s.pipelines if str(p["id"]) == rest[1]), None)
            if p is None:
                return self.reply(404, {"message": "404 Not found"})
            return self.reply(200, {k: v for k, v in p.items() if k != "_jobs"})
        if len(rest) == 3 and rest[0] == "pipelines" and rest[2] == "jobs" and method == "GET":
            p = next((p for p in s.pipelines if str(p["id"]) == rest[1]), None)
            if p is None:
                return self.reply(404, {"message": "404 Not found"})
            # Newest first, as GitLab lists them since 13.5.
            jobs = sorted(p["_jobs"], key=lambda j: j["id"], reverse=True)
            chunk, headers = self.page(jobs, query)
            return self.reply(200, chunk, headers)
        return self.reply(404, {"error": "404 Not Found"})

    def branch(self, name):
        s = self.state
        sha = s.branches[name]
        return {
            "name": name,
            "merged": False,
            "protected": name == "main",
            "default": name == "main",
            "developers_can_push": False,
            "developers_can_merge": False,
            "can_push": True,
            "web_url": f"{s.web}/acme/ml/models/-/tree/{name}",
            "commit": {
                "id": sha,
                "short_id": sha[:8],
                "created_at": NOW,
                "parent_ids": [],
                "title": "commit",
                "message": "commit",
                "author_name": "clearance bot",
                "author_email": "bot@example.com",
                "authored_date": NOW,
                "committer_name": "clearance bot",
                "committer_email": "bot@example.com",
                "committed_date": NOW,
                "web_url": f"{s.web}/acme/ml/models/-/commit/{sha}",
            },
        }

    def commit(self, body):
        s = self.state
        branch = body.get("branch")
        if branch not in s.branches:
            return self.reply(400, {"message": "You can only create or edit files when you are on a branch"})
        files = dict(s.files.get(branch, {}))
        sha = State.sha(json.dumps(body, sort_keys=True) + s.branches[branch])
        for a in body.get("actions", []):
            path = a.get("file_path")
            if a.get("action") == "create":
                if path in files:
                    return self.reply(400, {"message": "A file with this name already exists"})
                files[path] = (a.get("content", ""), sha)
            elif a.get("action") == "update":
                if path not in files:
                    return self.reply(400, {"message": "A file with this name doesn't exist"})
                last = a.get("last_commit_id")
                if last and last != files[path][1]:
                    return self.reply(
                        400,
                        {"message": "You are attempting to update a file that has changed since you started editing it."},
                    )
                files[path] = (a.get("content", ""), sha)
            else:
                return self.reply(400, {"message": "action does not have a valid value"})
        s.files[branch] = files
        s.commits[sha] = {"parent": s.branches[branch]}
        s.branches[branch] = sha
        for mr in s.mrs:
            if mr["source_branch"] == branch and mr["state"] == "opened":
                mr["sha"] = sha
        message = body.get("commit_message", "")
        return self.reply(
            201,
            {
                "id": sha,
                "short_id": sha[:11],
                "title": message.split("\n", 1)[0],
                "message": message,
                "author_name": "clearance bot",
                "author_email": "bot@example.com",
                "committer_name": "clearance bot",
                "committer_email": "bot@example.com",
                "created_at": NOW,
                "parent_ids": [s.commits[sha]["parent"]],
                "committed_date": NOW,
                "authored_date": NOW,
                "stats": {"additions": 1, "deletions": 0, "total": 1},
                "status": None,
                "web_url": f"{s.web}/acme/ml/models/-/commit/{sha}",
            },
        )

    def merge_requests(self, method, rest, query, body):
        s = self.state
        if rest == [] and method == "GET":
            items = list(reversed(s.mrs))
            state = (query.get("state") or ["all"])[0]
            if state != "all":
                items = [m for m in items if m["state"] == state]
            if "source_branch" in query:
                items = [m for m in items if m["source_branch"] == query["source_branch"][0]]
            chunk, headers = self.page(items, query)
            return self.reply(200, chunk, headers)
        if rest == [] and method == "POST":
            src, dst = body.get("source_branch"), body.get("target_branch")
            if not src or not dst or not body.get("title"):
                return self.reply(400, {"message": "source_branch, target_branch and title are required"})
            dup = next((m for m in s.mrs if m["source_branch"] == src and m["state"] == "opened"), None)
            if dup:
                return self.reply(
                    409,
                    {"message": [f"Another open merge request already exists for this source branch: !{dup['iid']}"]},
                )
            iid = len(s.mrs) + 1
            title = body["title"]
            labels = body.get("labels") or []
            if isinstance(labels, str):
                labels = [l for l in labels.split(",") if l]
            mr = {
                "id": 9000 + iid,
                "iid": iid,
                "project_id": s.project["id"],
                "title": title,
                "description": body.get("description") or "",
                "state": "opened",
                "created_at": NOW,
                "updated_at": NOW,
                "merged_by": None,
                "merge_user": None,
                "merged_at": None,
                "closed_by": None,
                "closed_at": None,
                "target_branch": dst,
                "source_branch": src,
                "user_notes_count": 0,
                "upvotes": 0,
                "downvotes": 0,
                "author": USER,
                "assignees": [],
                "assignee": None,
                "reviewers": [],
                "source_project_id": s.project["id"],
                "target_project_id": s.project["id"],
                "labels": labels,
                "draft": title.lower().startswith(("draft:", "[draft]", "(draft)")),
                "work_in_progress": title.lower().startswith(("draft:", "[draft]", "(draft)")),
                "milestone": None,
                "merge_when_pipeline_succeeds": False,
                "merge_status": "can_be_merged",
                "detailed_merge_status": "mergeable",
                "sha": s.branches.get(src),
                "merge_commit_sha": None,
                "squash_commit_sha": None,
                "discussion_locked": None,
                "should_remove_source_branch": None,
                "force_remove_source_branch": False,
                "references": {"short": f"!{iid}", "relative": f"!{iid}", "full": f"acme/ml/models!{iid}"},
                "web_url": f"{s.web}/acme/ml/models/-/merge_requests/{iid}",
                "time_stats": {"time_estimate": 0, "total_time_spent": 0, "human_time_estimate": None, "human_total_time_spent": None},
                "squash": False,
                "task_completion_status": {"count": 0, "completed_count": 0},
                "has_conflicts": False,
                "blocking_discussions_resolved": True,
            }
            s.mrs.append(mr)
            return self.reply(201, mr)
        mr = next((m for m in s.mrs if str(m["iid"]) == rest[0]), None) if rest else None
        if mr is None:
            return self.reply(404, {"message": "404 Not found"})
        iid = mr["iid"]
        if len(rest) == 1 and method == "GET":
            return self.reply(200, mr)
        if len(rest) == 1 and method == "PUT":
            for k in ("title", "description"):
                if k in body:
                    mr[k] = body[k]
            if "title" in body:
                mr["draft"] = mr["work_in_progress"] = body["title"].lower().startswith("draft:")
            if "labels" in body:
                labels = body["labels"]
                mr["labels"] = [l for l in labels.split(",") if l] if isinstance(labels, str) else list(labels)
            if "add_labels" in body:
                for l in [l for l in body["add_labels"].split(",") if l]:
                    if l not in mr["labels"]:
                        mr["labels"].append(l)
            mr["updated_at"] = NOW
            return self.reply(200, mr)
        if rest[1:] == ["approvals"] and method == "GET":
            if self.no_approvals:
                return self.reply(403, {"message": "403 Forbidden"})
            users = s.approvals.get(iid, [])
            return self.reply(
                200,
                {
                    "id": mr["id"],
                    "iid": iid,
                    "project_id": s.project["id"],
                    "title": mr["title"],
                    "description": mr["description"],
                    "state": mr["state"],
                    "created_at": NOW,
                    "updated_at": NOW,
                    "merge_status": "can_be_merged",
                    "approvals_required": 1,
                    "approvals_left": max(0, 1 - len(users)),
                    "approved_by": [{"user": dict(USER, username=u, name=u)} for u in users],
                },
            )
        if rest[1:2] == ["notes"]:
            notes = s.notes.setdefault(iid, [])
            if len(rest) == 2 and method == "GET":
                items = sorted(notes, key=lambda n: n["id"], reverse=(query.get("sort") or ["desc"])[0] == "desc")
                chunk, headers = self.page(items, query)
                return self.reply(200, chunk, headers)
            if len(rest) == 2 and method == "POST":
                if not body.get("body"):
                    return self.reply(400, {"message": "400 Bad request - body is missing"})
                s.next_note += 1
                note = {
                    "id": s.next_note,
                    "body": body["body"],
                    "author": USER,
                    "created_at": NOW,
                    "updated_at": NOW,
                    "system": False,
                    "noteable_id": mr["id"],
                    "noteable_type": "MergeRequest",
                    "project_id": s.project["id"],
                    "noteable_iid": iid,
                    "resolvable": False,
                    "confidential": False,
                    "internal": False,
                }
                notes.append(note)
                return self.reply(201, note)
            if len(rest) == 3 and method in ("GET", "PUT"):
                note = next((n for n in notes if str(n["id"]) == rest[2]), None)
                if note is None:
                    return self.reply(404, {"message": "404 Note Not Found"})
                if method == "GET":
                    return self.reply(200, note)
                note["body"] = body.get("body", note["body"])
                note["updated_at"] = NOW
                return self.reply(200, note)
        return self.reply(404, {"error": "404 Not Found"})


def watch_parent(server):
    parent = os.getppid()

    def run():
        while True:
            if sys.stdin is None or sys.stdin.read(1) == "":
                break
        server.shutdown()

    threading.Thread(target=run, daemon=True).start()

    def orphan():
        import time

        while os.getppid() == parent:
            time.sleep(1)
        server.shutdown()

    threading.Thread(target=orphan, daemon=True).start()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--token", required=True)
    ap.add_argument("--no-approvals", action="store_true")
    ap.add_argument("--log")
    args = ap.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    Handler.state = State(url)
    Handler.token = args.token
    Handler.no_approvals = args.no_approvals
    Handler.log_file = args.log
    print(f"listening on {url}", flush=True)
    watch_parent(server)
    server.serve_forever()


if __name__ == "__main__":
    main()
