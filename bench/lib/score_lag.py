#!/usr/bin/env python3
"""Measures score_lag: how long after a write is acknowledged the contact's lead score reflects it.

  score_lag.py prepare --base URL --token T --contacts N --ids-out FILE [--settle-timeout S]
  score_lag.py measure --base URL --token T --ids FILE --seconds S [--probers K] [--max-samples M]
                       [--poll-ms P] [--timeout S] [--stagger]

prepare creates N probe contacts (stage lead, no company, no interactions: score 0, no factors), then
waits (up to --settle-timeout s) until the scoring worker has scored them, i.e. has read the event log
up to their creation (the backlog the earlier phases left), and prints one JSON line: contacts, settle_s.

measure runs K probers in parallel, each owning its share of the probe contacts, for S seconds (it
starts no sample after that, and stops after M samples in all). A prober writes one change, notes the
time the answer arrived, then reads GET /v1/contacts/{id}/score every P ms until the factors show the
change (or --timeout s pass), and waits a random 0-300 ms before its next write, so that writes fall at
every point of the worker's one-second cycle. With --stagger, prober k starts k × S / K seconds late,
so that probes whose lags outlast S still sample the whole phase. Each contact goes round four writes,
each of which moves a default rule in or out of the factors:

  interaction  POST /v1/interactions, a web_visit of a /pricing page now  -> "Visited the pricing page" present
  field        PATCH lifecycleStage "mql"                                 -> "Marketing qualified" present
  archive      DELETE /v1/interactions/{that visit}                       -> "Visited the pricing page" absent
  field        PATCH lifecycleStage "lead"                                -> "Marketing qualified" absent

Lag = the client's monotonic clock when the reflecting score arrived minus when the write's answer
arrived. Prints one JSON line: samples, timeouts, p50/p95/max/mean ms (a timed-out sample counts as the
timeout, a lower bound), the same per kind of write, error counts, and the trace: [seconds from the
start to the write's answer, lag ms or null] per sample. Standard library only.
"""
import argparse
import datetime
import http.client
import json
import math
import random
import threading
import time
import urllib.parse

VISIT = "Visited the pricing page"
MQL = "Marketing qualified"
JITTER_S = 0.3


class Api:
    """One keep-alive connection to the server (one per thread)."""

    def __init__(self, base, token):
        url = urllib.parse.urlparse(base)
        if url.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit("score_lag: loopback servers only")
        self.host, self.port, self.token = url.hostname, url.port, token
        self.conn = None

    def call(self, method, path, body=None, content_type="application/json"):
        headers = {"Authorization": "Bearer " + self.token, "Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = content_type
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            self.conn.request(method, path, body=data, headers=headers)
            resp = self.conn.getresponse()
            raw = resp.read()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = None
            raise
        return resp.status, (json.loads(raw) if raw else None)

    def close(self):
        if self.conn is not None:
            self.conn.close()


class Failed(Exception):
    pass


def expect(status, doc, ok, what):
    if status not in ok:
        raise Failed(f"{what} answered {status}: {json.dumps(doc)[:300]}")
    return doc


class Probe:
    """One probe contact and where it is in its round of four writes."""

    def __init__(self, contact_id):
        self.id = contact_id
        self.step = 0
        self.visit = None  # the id of the pricing visit while it exists

    def write(self, api):
        """Sends the next write; answers (kind, factor, present) for the criterion."""
        step = self.step
        if step == 0:
            now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
            doc = expect(*api.call("POST", "/v1/interactions", {
                "type": "web_visit", "direction": "inbound", "occurredAt": now,
                "pageUrl": "https://probe.example/pricing", "contactId": self.id}), (201,), "interaction")
            self.visit = doc["id"]
            result = ("interaction", VISIT, True)
        elif step in (1, 3):
            stage = "mql" if step == 1 else "lead"
            expect(*api.call("PATCH", f"/v1/contacts/{self.id}", {"lifecycleStage": stage},
                             "application/merge-patch+json"), (200,), "patch")
            result = ("field", MQL, step == 1)
        else:
            expect(*api.call("DELETE", f"/v1/interactions/{self.visit}"), (204,), "archive")
            self.visit = None
            result = ("archive", VISIT, False)
        self.step = (step + 1) % 4
        return result

    def wait(self, api, factor, present, poll_s, timeout_s):
        """Polls the score until the factor's presence is as expected; answers the arrival time or None."""
        deadline = time.monotonic() + timeout_s
        while True:
            doc = expect(*api.call("GET", f"/v1/contacts/{self.id}/score"), (200,), "score")
            seen = time.monotonic()
            if any(f["name"] == factor for f in doc["factors"]) == present:
                return seen
            if seen >= deadline:
                return None
            time.sleep(poll_s)


def percentile(sorted_values, q):
    """Nearest rank."""
    if not sorted_values:
        return None
    return sorted_values[max(0, math.ceil(q * len(sorted_values)) - 1)]


def summary(values):
    v = sorted(values)
    if not v:
        return {"samples": 0, "p50_ms": None, "p95_ms": None, "max_ms": None, "mean_ms": None}
    return {"samples": len(v), "p50_ms": round(percentile(v, 0.5), 1), "p95_ms": round(percentile(v, 0.95), 1),
            "max_ms": round(v[-1], 1), "mean_ms": round(sum(v) / len(v), 1)}


def prepare(a):
    api = Api(a.base, a.token)
    ids = []
    tag = str(int(time.time()))
    for i in range(a.contacts):
        doc = expect(*api.call("POST", "/v1/contacts", {
            "firstName": "Lag", "lastName": f"Probe {i}", "email": f"lag-{tag}-{i}@probe.example",
            "lifecycleStage": "lead", "tags": ["bench", "score-lag"]}), (201,), "contact")
        ids.append(doc["id"])
    # Reading a score would score a contact the worker has not reached yet in the request itself, so
    # wait on the contact's leadScore instead, which stays null until the worker has scored it. The
    # worker reads events in order: once it has scored the last probe contact, it has scored them all.
    started = time.monotonic()
    while True:
        doc = expect(*api.call("GET", f"/v1/contacts/{ids[-1]}"), (200,), "contact")
        if doc.get("leadScore") is not None:
            break
        if time.monotonic() - started > a.settle_timeout:
            raise SystemExit(f"score_lag: the worker did not score the probe contacts within {a.settle_timeout} s")
        time.sleep(0.1)
    settle_s = round(time.monotonic() - started, 3)
    api.close()
    with open(a.ids_out, "w") as f:
        f.write("\n".join(ids) + "\n")
    print(json.dumps({"contacts": len(ids), "settle_s": settle_s}))


def measure(a):
    ids = [line.strip() for line in open(a.ids) if line.strip()]
    probers = max(1, min(a.probers, len(ids)))
    lock = threading.Lock()
    samples = []  # (kind, lag ms or None, seconds from the start to the write)
    errors = []
    started = time.monotonic()
    stop_at = started + a.seconds

    def run(no, own):
        api = Api(a.base, a.token)
        probes = [Probe(i) for i in own]
        k = 0
        if a.stagger:
            time.sleep(no * a.seconds / probers)
        try:
            while probes and time.monotonic() < stop_at:
                with lock:
                    if len(samples) >= a.max_samples or len(errors) > 10:
                        return
                probe = probes[k % len(probes)]
                k += 1
                try:
                    kind, factor, present = probe.write(api)
                    acknowledged = time.monotonic()
                    seen = probe.wait(api, factor, present, a.poll_ms / 1000, a.timeout)
                except (Failed, OSError, http.client.HTTPException, ValueError) as e:
                    with lock:
                        errors.append(str(e))
                    probes.remove(probe)  # its state is unknown now
                    continue
                with lock:
                    samples.append((kind, None if seen is None else (seen - acknowledged) * 1000,
                                    acknowledged - started))
                if seen is None:
                    probes.remove(probe)  # a late reflection could satisfy a later check wrongly
                time.sleep(random.uniform(0, JITTER_S))
        finally:
            api.close()

    threads = [threading.Thread(target=run, args=(p, ids[p::probers]), daemon=True) for p in range(probers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    timeout_ms = a.timeout * 1000
    lags = [timeout_ms if lag is None else lag for _, lag, _ in samples]
    out = summary(lags)
    out.update({"timeouts": sum(1 for _, lag, _ in samples if lag is None), "timeout_s": a.timeout,
                "probers": probers, "poll_ms": a.poll_ms, "staggered": a.stagger, "seconds": a.seconds, "errors": len(errors),
                "first_error": errors[0] if errors else None,
                "by_kind": {kind: summary([timeout_ms if lag is None else lag for k, lag, _ in samples if k == kind])
                            for kind in ("interaction", "field", "archive")},
                "trace": [[round(at, 2), None if lag is None else round(lag)] for _, lag, at in sorted(samples, key=lambda x: x[2])]})
    print(json.dumps(out))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="command", required=True)
    for name in ("prepare", "measure"):
        s = sub.add_parser(name)
        s.add_argument("--base", required=True)
        s.add_argument("--token", required=True)
    sub.choices["prepare"].add_argument("--contacts", type=int, default=8)
    sub.choices["prepare"].add_argument("--ids-out", required=True)
    sub.choices["prepare"].add_argument("--settle-timeout", type=float, default=600)
    m = sub.choices["measure"]
    m.add_argument("--ids", required=True)
    m.add_argument("--seconds", type=float, required=True)
    m.add_argument("--probers", type=int, default=4)
    m.add_argument("--max-samples", type=int, default=300)
    m.add_argument("--poll-ms", type=float, default=25)
    m.add_argument("--timeout", type=float, default=20)
    m.add_argument("--stagger", action="store_true", help="prober k starts k × seconds / probers late")
    a = p.parse_args()
    prepare(a) if a.command == "prepare" else measure(a)


if __name__ == "__main__":
    main()
