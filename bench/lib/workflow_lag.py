#!/usr/bin/env python3
"""Measures workflow trigger lag and enrolments per minute, or segment membership lag, against a running server.

  workflow_lag.py --base URL --token T [--rate N] [--seconds S] [--batch B] [--out FILE] [--drain-timeout S]
  workflow_lag.py --segment --base URL --token T [--rate N] [--seconds S] [--batch B] [--poll-ms P] [--out FILE]

Workflow mode (default) defines a workflow triggered by contact.created with a filter on this run's own
externalId prefix and one step (a webhook step: it emits workflow.webhook and nothing else, so the figure is
the engine's, not a task's), then creates N contacts a second for S seconds through
POST /v1/contacts/batch/upsert, B per request, on one keep-alive connection (a batch is sent every B/N s; if
the server is slower than that, the rate achieved is reported). When the load is over it waits until every
contact has a completed run (or --drain-timeout s pass), reads the workflow's runs and reports:

  write -> run started      startedAt of the run   - when the batch's answer arrived
  write -> first step done  finishedAt of the run  - the same (the workflow has one step)

as p50/p95/max in ms, and enrolments per minute: runs started ÷ the time from the first write's answer to
the last run's start × 60 (the rate the engine kept up with; it cannot exceed the write rate), plus the rate
of the runs completed over the same span and drain_s (last write's answer to the last run's completion).
Both clocks are the machine's wall clock (startedAt/finishedAt are the server's, written as the run moves):
run it on the server's own machine. A lag is slightly understated by the time between the batch's commit
and its answer reaching the script; a few ms can come out negative for that reason.

Segment mode (--segment) defines a dynamic contact segment on this run's externalId prefix, writes contacts
the same way, and polls GET /v1/segments/{id}/members every P ms (all pages) until every contact is a
member, reading them on a second connection from the first write on; lag = the first poll that shows a
contact - its batch's answer (the lag as a polling client sees it: up to P ms more than the server's). The
members' own `since` (set by the membership pass) gives a server-side figure next to it.

Writes one JSON object to --out (default stdout) and a one-line summary to stderr. Loopback servers only;
standard library only. The workflow or segment is archived at the end (the contacts stay).
"""
import argparse
import datetime
import http.client
import json
import math
import sys
import threading
import time
import urllib.parse
import uuid


class Api:
    """One keep-alive connection to the server."""

    def __init__(self, base, token):
        url = urllib.parse.urlparse(base)
        if url.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit("workflow_lag: loopback servers only")
        self.host, self.port, self.token = url.hostname, url.port or 80, token
        self.conn = None

    def call(self, method, path, body=None):
        headers = {"Authorization": "Bearer " + self.token, "Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
                self.conn.request(method, path, body=data, headers=headers)
                resp = self.conn.getresponse()
                raw = resp.read()
                return resp.status, (json.loads(raw) if raw else None)
            except (http.client.HTTPException, OSError):
                self.conn = None
                if attempt == 2:
                    raise
        return None

    def twin(self):
        """Another connection to the same server as the same caller (one per thread)."""
        twin = Api("http://127.0.0.1", self.token)
        twin.host, twin.port = self.host, self.port
        return twin

    def ok(self, method, path, body=None, expect=(200, 201, 204)):
        status, answer = self.call(method, path, body)
        if status not in expect:
            raise SystemExit("workflow_lag: %s %s answered %s: %s" % (method, path, status, json.dumps(answer)[:500]))
        return answer


def instant(text):
    """An RFC 3339 timestamp from the API as seconds since the epoch."""
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


def summary(lags_s):
    ms = [round(v * 1000, 1) for v in lags_s]
    return {"n": len(ms), "p50_ms": percentile(ms, 50), "p95_ms": percentile(ms, 95), "max_ms": max(ms) if ms else None}


def write_load(api, prefix, rate, seconds, batch):
    """Creates contacts at the rate; answers {contact id: wall time of its batch's answer}, and the seconds taken."""
    written = {}
    interval = batch / rate
    start = time.monotonic()
    n = 0
    next_at = start
    while time.monotonic() - start < seconds:
        items = [{"externalId": "%s-%06d" % (prefix, n + i), "firstName": "Lag", "lastName": "Probe %d" % (n + i),
                  "lifecycleStage": "lead"} for i in range(batch)]
        answer = api.ok("POST", "/v1/contacts/batch/upsert", {"matchOn": "externalId", "items": items})
        acked = time.time()
        for r in answer["results"]:
            if r.get("status") in ("created", "updated"):
                written[r["id"]] = acked
        n += batch
        next_at += interval
        pause = next_at - time.monotonic()
        if pause > 0:
            time.sleep(pause)
    return written, time.monotonic() - start


def all_pages(api, path):
    cursor, out = None, []
    while True:
        sep = "&" if "?" in path else "?"
        page = api.ok("GET", path + sep + "limit=200" + ("&cursor=" + urllib.parse.quote(cursor) if cursor else ""))
        out.extend(page["data"])
        cursor = page.get("next")
        if not cursor:
            return out


def workflow_mode(api, args, prefix):
    flow = api.ok("POST", "/v1/workflows", {
        "name": "workflow_lag " + prefix,
        "trigger": {"type": "event", "event": "contact.created", "filter": 'externalId sw "%s-"' % prefix},
        "steps": [{"type": "webhook", "topic": "workflow_lag.probe", "data": {"contact": "{{externalId}}"}}]})
    try:
        written, took = write_load(api, prefix, args.rate, args.seconds, args.batch)
        last_write = max(written.values()) if written else time.time()
        deadline = time.monotonic() + args.drain_timeout
        runs = []
        while time.monotonic() < deadline:
            runs = all_pages(api, "/v1/workflows/%s/runs" % flow["id"])
            if sum(1 for r in runs if r["status"] == "completed") >= len(written):
                break
            time.sleep(1)
        started, done, starts, ends = [], [], [], []
        for r in runs:
            at = written.get(r["recordId"])
            if at is None:
                continue
            starts.append(instant(r["startedAt"]))
            started.append(starts[-1] - at)
            if r["status"] == "completed" and r.get("finishedAt"):
                ends.append(instant(r["finishedAt"]))
                done.append(ends[-1] - at)
        first_write = min(written.values()) if written else last_write
        span_start = max(starts) - first_write if starts else None
        span_done = max(ends) - first_write if ends else None
        return {
            "mode": "workflow", "workflowId": flow["id"], "rate_target_per_s": args.rate, "seconds": args.seconds,
            "batch": args.batch, "contacts_written": len(written), "write_rate_per_s": round(len(written) / took, 1),
            "runs": len(runs), "completed": len(done), "duplicates": len(runs) - len({r["recordId"] for r in runs}),
            "write_to_run_started": summary(started), "write_to_first_step_done": summary(done),
            "enrolments_per_min": round(len(starts) / span_start * 60) if span_start else None,
            "completed_per_min": round(len(ends) / span_done * 60) if span_done else None,
            "drain_s": round(max(ends) - last_write, 2) if ends else None,
        }
    finally:
        api.call("DELETE", "/v1/workflows/%s" % flow["id"])


def segment_mode(api, args, prefix):
    segment = api.ok("POST", "/v1/segments", {"name": "segment_lag " + prefix, "objectType": "contact",
                                              "filter": 'externalId sw "%s-"' % prefix})
    try:
        # the members are read on a connection of their own from the first write on, so that a polled lag is the
        # wait a polling client sees, not the time left of the write load
        seen = {}
        since = {}
        done = threading.Event()

        def poll():
            reader = api.twin()
            while not done.is_set():
                for m in all_pages(reader, "/v1/segments/%s/members" % segment["id"]):
                    if m["id"] not in seen:
                        seen[m["id"]] = time.time()
                        since[m["id"]] = instant(m["since"])
                done.wait(args.poll_ms / 1000)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        written, took = write_load(api, prefix, args.rate, args.seconds, args.batch)
        deadline = time.monotonic() + args.drain_timeout
        while time.monotonic() < deadline and len(seen) < len(written) and poller.is_alive():
            time.sleep(args.poll_ms / 1000)
        done.set()
        poller.join()
        polled = [seen[i] - at for i, at in written.items() if i in seen]
        server = [since[i] - at for i, at in written.items() if i in since]
        return {
            "mode": "segment", "segmentId": segment["id"], "rate_target_per_s": args.rate, "seconds": args.seconds,
            "batch": args.batch, "poll_ms": args.poll_ms, "contacts_written": len(written),
            "write_rate_per_s": round(len(written) / took, 1), "members_seen": len(seen),
            "missing": len(written) - len(polled),
            "write_to_member_polled": summary(polled), "write_to_member_since": summary(server),
        }
    finally:
        api.call("DELETE", "/v1/segments/%s" % segment["id"])


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--base", required=True, help="the server, e.g. http://127.0.0.1:8080")
    p.add_argument("--token", required=True, help="a bearer token of an admin of the tenant to measure")
    p.add_argument("--segment", action="store_true", help="measure segment membership lag instead")
    p.add_argument("--rate", type=float, default=167, help="contacts created per second (167 = 10,000 a minute)")
    p.add_argument("--seconds", type=float, default=10, help="how long to write")
    p.add_argument("--batch", type=int, default=50, help="contacts per batch request (1..1000)")
    p.add_argument("--poll-ms", type=int, default=100, help="segment mode: how often to read the members")
    p.add_argument("--drain-timeout", type=float, default=120, help="how long to wait for the engine after the load")
    p.add_argument("--out", help="write the JSON here (default: stdout)")
    args = p.parse_args()
    if not 1 <= args.batch <= 1000 or args.rate <= 0 or args.seconds <= 0:
        raise SystemExit("workflow_lag: --batch 1..1000, --rate and --seconds above 0")
    api = Api(args.base, args.token)
    prefix = "lag" + uuid.uuid4().hex[:10]
    result = segment_mode(api, args, prefix) if args.segment else workflow_mode(api, args, prefix)
    text = json.dumps(result, indent=2)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")
    else:
        print(text)
    key = "write_to_member_polled" if args.segment else "write_to_first_step_done"
    s = result[key]
    server = result["write_to_member_since"] if args.segment else result["write_to_run_started"]
    print("%s: %d written at %.0f/s, lag p50 %s ms, p95 %s ms, max %s ms (%s p50 %s ms, p95 %s ms)%s" % (
        result["mode"], result["contacts_written"], result["write_rate_per_s"], s["p50_ms"], s["p95_ms"], s["max_ms"],
        "member since" if args.segment else "run started", server["p50_ms"], server["p95_ms"],
        "" if args.segment else ", %s enrolments/min" % result["enrolments_per_min"]), file=sys.stderr)


if __name__ == "__main__":
    main()
