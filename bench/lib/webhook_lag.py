#!/usr/bin/env python3
"""Measures webhook_lag: how soon, and how completely, webhook subscriptions receive the events of a write load.

  webhook_lag.py --base URL --token T [--subscriptions 10] [--rate 1000] [--seconds 10] [--batch 20]
                 [--writers 4] [--drain-timeout 30] [--max-drain 300] [--out FILE]

The server must allow plain-http loopback targets: start it with TORRE_WEBHOOKS_ALLOW_LOOPBACK=true (the same
switch the tests use, torre.webhooks.allow-loopback), with its webhook worker on (the default outside tests), and with
TORRE_BULK_READ_PER_HOUR=0 and TORRE_RATE_LIMIT_PER_SECOND=0 as bench/run sets them (the delivery scanner's feed reads
count as the subscription owner's bulk reads: past 5,000 an hour delivery stops).
The token needs webhooks:write and events:read (the integration role) and contacts:write (a business role such as
sales): e.g. groups "integration,sales", or admin.

What it does, in order:
1. starts an HTTP receiver on 127.0.0.1 (a free port). It verifies every message's Standard Webhooks signature
   (HMAC-SHA256 over "id.timestamp.body", keyed with the base64 part of the subscription's whsec_ secret; any of the
   space-separated v1 signatures may match), records the receive time, and answers 204;
2. creates --subscriptions subscriptions to contact.created, each on its own receiver path;
3. for --seconds, writes new contacts at --rate per second through POST /v1/contacts/batch/upsert in batches of
   --batch (rate / batch requests a second, spread evenly, --writers requests in flight at most), noting when each
   batch's answer arrived (the write acknowledged) and the id of every contact it created;
4. waits until every expected message arrived, or until no message arrived for --drain-timeout seconds;
5. deletes its subscriptions, prints one JSON line and writes it to --out.

Expected = contacts created x subscriptions. Lag per message: receive time minus the event's occurredAt (the server's
clock, the same machine) and receive time minus the acknowledgement of the batch that created it (this client's
clock). Reported: p50/p95/max of both (ms), delivered (distinct webhook-id per subscription), duplicates (the same
webhook-id again), missing, bad signatures, events/s written, messages/s received during the load, errors.
Standard library only.
"""
import argparse
import base64
import calendar
import hashlib
import hmac
import http.client
import http.server
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
        self.host, self.port = url.hostname, url.port or 80
        self.headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
        self.conn = None

    def call(self, method, path, body=None):
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            try:
                self.conn.request(method, path, None if body is None else json.dumps(body).encode(), self.headers)
                answer = self.conn.getresponse()
                data = answer.read()
                return answer.status, (json.loads(data) if data else None)
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise


class Inbox:
    """What the receiver got: per subscription path, the secret, and the messages by webhook-id."""

    def __init__(self):
        self.lock = threading.Lock()
        self.secrets = {}          # path -> key bytes
        self.seen = {}             # (path, webhook-id) -> (receive time, occurredAt epoch s, contact id)
        self.duplicates = 0
        self.bad_signatures = 0
        self.unparsable = 0
        self.last_receive = time.time()
        self.ready = threading.Event()


def receiver(inbox):
    """An HTTP server on 127.0.0.1 that verifies and records webhook messages."""

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            received = time.time()
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            inbox.ready.wait(30)  # secrets are known once every subscription is created
            msg_id = self.headers.get("webhook-id", "")
            stamp = self.headers.get("webhook-timestamp", "")
            signatures = self.headers.get("webhook-signature", "").split(" ")
            key = inbox.secrets.get(self.path)
            ok = False
            if key is not None:
                expected = base64.b64encode(hmac.new(key, f"{msg_id}.{stamp}.".encode() + body, hashlib.sha256).digest())
                ok = any(s.startswith("v1,") and hmac.compare_digest(s[3:].encode(), expected) for s in signatures)
            with inbox.lock:
                inbox.last_receive = received
                if not ok:
                    inbox.bad_signatures += 1
                else:
                    try:
                        doc = json.loads(body)
                        data = doc["data"]
                        occurred = data["occurredAt"]
                        occurred_s = calendar.timegm(time.strptime(occurred[:19], "%Y-%m-%dT%H:%M:%S"))
                        frac = occurred[19:].rstrip("Z")
                        occurred_s += float(frac) if frac.startswith(".") else 0.0
                        entry = (received, occurred_s, data.get("entityId"))
                    except (ValueError, KeyError, TypeError):
                        inbox.unparsable += 1
                        entry = None
                    if entry is not None:
                        if (self.path, msg_id) in inbox.seen:
                            inbox.duplicates += 1
                        else:
                            inbox.seen[(self.path, msg_id)] = entry
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    class Server(http.server.ThreadingHTTPServer):
        # The standard library listens with a backlog of 5: the server opens up to its delivery parallelism in
        # connections at once (a new subscription, or after the 4 s keep-alive), the kernel dropped the SYNs past the
        # fifth, and each dropped one came back after TCP's 1 s retransmission timeout: a second's lag that was the
        # receiver's, not Torre's. Real receivers (nginx, Node.js) listen with a backlog of 511 or more.
        request_queue_size = 1024
        daemon_threads = True

    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))], 1)


def summary(values):
    return {"p50": percentile(values, 50), "p95": percentile(values, 95), "max": round(max(values), 1) if values else None}


def write_load(a, run, acked, errors):
    """Sends the batches on schedule from --writers threads; records each created contact's acknowledgement time."""
    per_second = a.rate / a.batch
    total = int(per_second * a.seconds)
    start = time.time() + 0.2
    next_index = [0]
    lock = threading.Lock()

    def writer():
        api = Api(a.base, a.token)
        while True:
            with lock:
                k = next_index[0]
                next_index[0] += 1
            if k >= total:
                return
            due = start + k / per_second
            pause = due - time.time()
            if pause > 0:
                time.sleep(pause)
            items = [{"externalId": f"wl-{run}-{k}-{i}", "email": f"wl-{run}-{k}-{i}@bench.example",
                      "firstName": "Lag", "lastName": f"Probe {k}"} for i in range(a.batch)]
            try:
                status, doc = api.call("POST", "/v1/contacts/batch/upsert", {"matchOn": "externalId", "items": items})
            except (OSError, http.client.HTTPException) as e:
                with lock:
                    errors.append(f"batch {k}: {e}")
                continue
            now = time.time()
            with lock:
                if status != 200:
                    errors.append(f"batch {k}: HTTP {status} {json.dumps(doc)[:200]}")
                    continue
                for r in doc["results"]:
                    if r.get("status") == "created":
                        acked[r["id"]] = now
                    else:
                        errors.append(f"batch {k}: item {r.get('status')} {json.dumps(r)[:200]}")

    threads = [threading.Thread(target=writer) for _ in range(a.writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return start, time.time()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--base", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--subscriptions", type=int, default=10)
    p.add_argument("--rate", type=float, default=1000, help="events (new contacts) per second")
    p.add_argument("--seconds", type=float, default=10)
    p.add_argument("--batch", type=int, default=20, help="contacts per batch upsert request")
    p.add_argument("--writers", type=int, default=4, help="batch requests in flight at most")
    p.add_argument("--drain-timeout", type=float, default=30, help="give up after this long without a message")
    p.add_argument("--max-drain", type=float, default=300, help="longest wait for deliveries after the load, however they trickle in")
    p.add_argument("--out", help="also write the JSON here")
    a = p.parse_args()
    if urllib.parse.urlparse(a.base).hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("webhook_lag: --base must be a loopback server (the receiver is on 127.0.0.1)")

    inbox = Inbox()
    server = receiver(inbox)
    port = server.server_address[1]
    api = Api(a.base, a.token)
    run = uuid.uuid4().hex[:8]
    created, errors, diagnosis = [], [], None
    try:
        for n in range(a.subscriptions):
            path = f"/hooks/{run}/{n}"
            status, doc = api.call("POST", "/v1/webhooks", {
                "url": f"http://127.0.0.1:{port}{path}", "eventTypes": ["contact.created"],
                "description": f"webhook_lag {run} #{n}"})
            if status != 201:
                sys.exit(f"webhook_lag: creating a subscription answered {status}: {json.dumps(doc)[:500]}"
                         " (is the server started with TORRE_WEBHOOKS_ALLOW_LOOPBACK=true?)")
            created.append(doc["id"])
            inbox.secrets[path] = base64.b64decode(doc["secret"][len("whsec_"):])
        inbox.ready.set()

        acked = {}
        load_start, load_end = write_load(a, run, acked, errors)
        expected = len(acked) * a.subscriptions
        with inbox.lock:
            during = sum(1 for e in inbox.seen.values() if e[0] <= load_end)
            inbox.last_receive = max(inbox.last_receive, load_end)  # the drain timeout counts from the load's end
        while True:
            with inbox.lock:
                got, quiet = len(inbox.seen), time.time() - inbox.last_receive
            if got >= expected or quiet > a.drain_timeout or time.time() - load_end > a.max_drain:
                break
            time.sleep(0.2)
        drained = time.time()
        if created and len(inbox.seen) < expected:
            # why some are missing, from the server's side: the first subscription's latest deliveries
            status, doc = api.call("GET", f"/v1/webhooks/{created[0]}/deliveries?limit=3")
            sample = [{k: d.get(k) for k in ("status", "attempts", "responseStatus", "lastError")}
                      for d in (doc or {}).get("data", [])] if status == 200 else f"HTTP {status}"
            diagnosis = {"first_subscription_latest_deliveries": sample}
    finally:
        for wid in created:
            try:
                api.call("DELETE", f"/v1/webhooks/{wid}")
            except (OSError, http.client.HTTPException):
                pass
        server.shutdown()

    with inbox.lock:
        entries = list(inbox.seen.values())
        duplicates, bad, unparsable = inbox.duplicates, inbox.bad_signatures, inbox.unparsable
    ours = [e for e in entries if e[2] in acked]
    from_occurred = [(received - occurred) * 1000 for received, occurred, _ in ours]
    from_ack = [(received - acked[cid]) * 1000 for received, _, cid in ours]
    load_s = max(load_end - load_start, 1e-9)
    result = {
        "subscriptions": a.subscriptions,
        "target_rate": a.rate,
        "seconds": a.seconds,
        "batch": a.batch,
        "events_written": len(acked),
        "events_per_s": round(len(acked) / load_s, 1),
        "expected": expected,
        "delivered": len(ours),
        "missing": expected - len(ours),
        "duplicates": duplicates,
        "bad_signatures": bad,
        "unparsable": unparsable,
        "delivered_per_s_during_load": round(during / load_s, 1),
        "drain_s": round(drained - load_end, 2),
        "lag_from_occurred_ms": summary(from_occurred),
        "lag_from_ack_ms": summary(from_ack),
        "errors": len(errors),
        "first_error": errors[0] if errors else None,
        "missing_diagnosis": diagnosis,
    }
    line = json.dumps(result)
    print(line)
    if a.out:
        with open(a.out, "w") as f:
            f.write(line + "\n")


if __name__ == "__main__":
    main()
