#!/usr/bin/env python3
"""Holds the GitLab stand-in (gitlab_standin.py) to the official python-gitlab client: every
endpoint clearance uses, called the way python-gitlab calls it, its answers read through
python-gitlab's objects. Prints one line per check and "all checks passed" at the end; any
failure raises (exit 1).

  gitlab_client_check.py URL TOKEN
"""

import json
import sys
import urllib.request

import gitlab
from gitlab.exceptions import GitlabAuthenticationError, GitlabCreateError, GitlabGetError


def check(name, cond, detail=""):
    if not cond:
        raise AssertionError(f"{name}: {detail}")
    print(f"ok {name}")


def main():
    url, token = sys.argv[1], sys.argv[2]
    try:
        gitlab.Gitlab(url, private_token="wrong").projects.get("acme/ml/models")
        raise AssertionError("a wrong token was accepted")
    except GitlabAuthenticationError as e:
        check("401 for a wrong token", e.response_code == 401, str(e))

    gl = gitlab.Gitlab(url, private_token=token, per_page=1)
    project = gl.projects.get("acme/ml/models")
    check("project by path", project.default_branch == "main", project.default_branch)
    check("project by id", gl.projects.get(project.id).path_with_namespace == "acme/ml/models")

    main_sha = project.branches.get("main").commit["id"]
    check("branch head", len(main_sha) == 40, main_sha)
    branch = project.branches.create({"branch": "clearance/promote/fraud/v4", "ref": "main"})
    check("branch created", branch.commit["id"] == main_sha, branch.commit)
    try:
        project.branches.create({"branch": "clearance/promote/fraud/v4", "ref": "main"})
        raise AssertionError("a second branch of the same name was created")
    except GitlabCreateError as e:
        check("branch exists", e.response_code == 400 and "already exists" in str(e), str(e))

    commit = project.commits.create(
        {
            "branch": "clearance/promote/fraud/v4",
            "commit_message": "Promote fraud v4",
            "actions": [
                {"action": "create", "file_path": "deploy/models.toml", "content": "[models.fraud]\nversion = \"4\"\n"}
            ],
        }
    )
    check("commit with actions", len(commit.id) == 40 and commit.title == "Promote fraud v4")
    # The state only a running GitLab would make: a pipeline on the commit, an approval.
    seed = {
        "pipelines": [
            {
                "sha": commit.id,
                "jobs": [
                    {"name": "test", "status": "success", "stage": "test", "duration": 12.5},
                    {"name": "lint", "status": "failed", "stage": "test", "duration": 3.25, "allow_failure": True},
                    {"name": "deploy", "status": "manual", "stage": "deploy"},
                ],
            }
        ],
        "approvals": {"1": ["root"]},
    }
    urllib.request.urlopen(
        urllib.request.Request(
            url + "/_control/seed",
            data=json.dumps(seed).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
    ).read()
    f = project.files.get("deploy/models.toml", ref="clearance/promote/fraud/v4")
    check("file read", f.decode().decode() == "[models.fraud]\nversion = \"4\"\n", f.content)
    check("file last commit", f.last_commit_id == commit.id, f.last_commit_id)
    try:
        project.files.get("deploy/models.toml", ref="main")
        raise AssertionError("a missing file was found")
    except GitlabGetError as e:
        check("missing file 404", e.response_code == 404, str(e))
    try:
        project.commits.create(
            {
                "branch": "clearance/promote/fraud/v4",
                "commit_message": "stale",
                "actions": [
                    {"action": "update", "file_path": "deploy/models.toml", "content": "x", "last_commit_id": main_sha}
                ],
            }
        )
        raise AssertionError("a stale update was committed")
    except GitlabCreateError as e:
        check("stale update refused", e.response_code == 400, str(e))

    mr = project.mergerequests.create(
        {
            "source_branch": "clearance/promote/fraud/v4",
            "target_branch": "main",
            "title": "Draft: Promote fraud v4 to production",
            "description": "report",
        }
    )
    check("MR created", mr.iid == 1 and mr.draft and mr.sha == commit.id, mr.attributes)
    try:
        project.mergerequests.create(
            {"source_branch": "clearance/promote/fraud/v4", "target_branch": "main", "title": "again"}
        )
        raise AssertionError("a second MR from the branch was opened")
    except GitlabCreateError as e:
        check("MR exists 409", e.response_code == 409 and "already exists" in str(e), str(e))
    project.branches.create({"branch": "feature", "ref": "main"})
    project.mergerequests.create({"source_branch": "feature", "target_branch": "main", "title": "Feature"})

    listed = project.mergerequests.list(state="opened", get_all=True)
    check("MRs over pages", [m.iid for m in listed] == [2, 1], [m.iid for m in listed])
    one = project.mergerequests.list(state="opened", source_branch="feature", get_all=True)
    check("MRs by source branch", [m.iid for m in one] == [2])

    mr = project.mergerequests.get(1)
    mr.title = "Promote fraud v4 to production"
    mr.description = "report v2"
    mr.save()
    mr = project.mergerequests.get(1)
    check("MR updated", not mr.draft and mr.description == "report v2", mr.attributes)
    mr.labels = ["model-promotion"]
    mr.save()
    check("MR labelled", project.mergerequests.get(1).labels == ["model-promotion"])

    approvals = mr.approvals.get()
    check("approvals", [a["user"]["username"] for a in approvals.approved_by] == ["root"], approvals.attributes)

    for body in ("first", "second", "<!-- clearance:report model=fraud -->\nold"):
        mr.notes.create({"body": body})
    notes = mr.notes.list(sort="asc", order_by="created_at", get_all=True)
    check("notes over pages", [n.body.split("\n")[-1] for n in notes] == ["first", "second", "old"])
    note = notes[-1]
    note.body = "<!-- clearance:report model=fraud -->\nnew"
    note.save()
    check("note updated", mr.notes.get(note.id).body.endswith("new"))

    pipelines = project.pipelines.list(sha=commit.id, order_by="id", sort="desc", get_all=True)
    check("pipelines by sha", len(pipelines) == 1 and pipelines[0].sha == commit.id, pipelines)
    jobs = pipelines[0].jobs.list(get_all=True)
    check(
        "pipeline jobs",
        sorted((j.name, j.status) for j in jobs) == [("deploy", "manual"), ("lint", "failed"), ("test", "success")],
        jobs,
    )
    # What the Changes tab's detail reads of each job, through the pipeline as python-gitlab
    # gets it: stage, duration (a number, or None before it ran), page, allowance; newest first.
    pipeline = project.pipelines.get(pipelines[0].id)
    check("single pipeline", pipeline.id == pipelines[0].id and pipeline.web_url.endswith(f"/pipelines/{pipeline.id}"))
    jobs = pipeline.jobs.list(get_all=True)
    check("jobs newest first", [j.id for j in jobs] == sorted((j.id for j in jobs), reverse=True), jobs)
    shown = sorted((j.id, j.name, j.stage, j.duration, j.allow_failure) for j in jobs)
    check(
        "job stages, durations and allowance",
        [s[1:] for s in shown]
        == [("test", "test", 12.5, False), ("lint", "test", 3.25, True), ("deploy", "deploy", None, False)],
        shown,
    )
    check("job pages", all(j.web_url.endswith(f"/-/jobs/{j.id}") for j in jobs), [j.web_url for j in jobs])

    # A person merges !1: the merge commit leads back to it, with who merged it.
    merged = json.loads(
        urllib.request.urlopen(
            urllib.request.Request(
                url + "/_control/merge",
                data=json.dumps({"iid": 1, "by": "bob"}).encode(),
                headers={"Content-Type": "application/json"},
                method="POST",
            )
        ).read()
    )
    by_commit = project.commits.get(merged["merge_commit_sha"], lazy=True).merge_requests()
    check(
        "MRs of a merge commit",
        [(m["iid"], m["state"], m["merge_user"]["username"]) for m in by_commit] == [(1, "merged", "bob")],
        by_commit,
    )
    by_head = project.commits.get(commit.id, lazy=True).merge_requests()
    check("MRs of a head commit", [m["iid"] for m in by_head] == [1], by_head)
    mr = project.mergerequests.get(1)
    check("merged MR", mr.state == "merged" and mr.merged_by["username"] == "bob", mr.attributes)
    print("all checks passed")


if __name__ == "__main__":
    main()
