#!/usr/bin/env python3
"""Measures the import path: one CSV of N new contacts uploaded to POST /v1/imports and run as a job.

  import_rate.py --base URL --token T --rows N [--pid SERVER_PID] [--prefix P] [--poll-ms MS] [--timeout S]

The file is generated while it is sent, never held whole in memory here either: a header
`externalId,firstName,lastName,email,lifecycleStage,tags` and N rows with unique externalIds and emails, sent the
way a client sends a file above the 8 MB body limit: POST /v1/imports/uploads, then parts of at most 6 MB through
PUT /v1/imports/uploads/{id}/parts/{n}, then POST /v1/imports?...&uploadId= with an empty body.
The clock starts before the first byte is sent and stops when GET /v1/imports/{id} says `completed`.
With --pid, the server's resident memory (VmRSS, from /proc) is sampled every poll and reported at
quarter marks of the rows processed, so a memory use that grows with the file shows as a rising line.

Prints one JSON line: rows, parts, upload_s, total_s, rows_per_s (rows ÷ total_s), server_rows_per_s (the job's
own figure), created, failed, rss_mb {start, q1, q2, q3, end, max}. Loopback servers only; standard
library only.
"""
import argparse
import http.client
import json
import sys
import time
import urllib.parse

HEADER = "externalId,firstName,lastName,email,lifecycleStage,tags\n"
FIRST = ["Ana", "Luis", "Marta", "Jorge", "Lucía", "Pablo", "Elena", "Diego", "Sara", "Iván"]
LAST = ["García", "Martínez", "López", "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Díaz"]
STAGES = ["lead", "mql", "sql", "customer"]
PART_BYTES = 6 * 1024 * 1024  # below the 8 MB body limit


def rows(prefix, n, per_chunk=2000):
    """The CSV, in pieces of per_chunk rows, encoded."""
    yield HEADER.encode()
    buf = []
    for i in range(n):
        buf.append(f"{prefix}-{i},{FIRST[i % 10]},{LAST[(i // 10) % 10]},{prefix}.{i}@import.example,"
                   f"{STAGES[i % 4]},imported;bench\n")
        if len(buf) == per_chunk:
            yield "".join(buf).encode()
            buf = []
    if buf:
        yield "".join(buf).encode()


def rss_mb(pid):
    if not pid:
        return None
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        return None
    return None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--rows", type=int, required=True)
    p.add_argument("--pid", type=int)
    p.add_argument("--prefix", default=f"imp{int(time.time())}")
    p.add_argument("--poll-ms", type=int, default=250)
    p.add_argument("--timeout", type=float, default=1800)
    a = p.parse_args()
    url = urllib.parse.urlparse(a.base)
    if url.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("import_rate: loopback servers only")
    auth = {"Authorization": "Bearer " + a.token, "Accept": "application/json"}

    samples = [(0, rss_mb(a.pid))]
    t0 = time.monotonic()
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=600)

    def call(method, path, body=None, content_type="application/json", expect=(200, 201, 202, 204)):
        headers = dict(auth)
        if body is not None:
            headers["Content-Type"] = content_type
        conn.request(method, path, body=body, headers=headers)
        r = conn.getresponse()
        data = r.read()
        if r.status not in expect:
            raise SystemExit(f"import_rate: {method} {path} answered {r.status}: {data[:500]!r}")
        return r.status, data

    _, created = call("POST", "/v1/imports/uploads")
    upload = json.loads(created)["id"]
    part, n = [], 0
    for piece in rows(a.prefix, a.rows):
        part.append(piece)
        if sum(len(x) for x in part) >= PART_BYTES:
            n += 1
            call("PUT", f"/v1/imports/uploads/{upload}/parts/{n}", b"".join(part), "text/csv")
            part = []
    if part:
        n += 1
        call("PUT", f"/v1/imports/uploads/{upload}/parts/{n}", b"".join(part), "text/csv")
    conn.request("POST", f"/v1/imports?objectType=contact&matchOn=externalId&uploadId={upload}", body=b"",
                 headers={**auth, "Content-Type": "text/csv"})  # the upload's format
    resp = conn.getresponse()
    body = resp.read()
    upload_s = time.monotonic() - t0
    if resp.status != 202:
        raise SystemExit(f"import_rate: the import answered {resp.status}: {body[:500]!r}")
    job = json.loads(body)
    job_id = job["id"]

    deadline = t0 + a.timeout
    while True:
        conn.request("GET", f"/v1/imports/{job_id}", headers=auth)
        r = conn.getresponse()
        job = json.loads(r.read())
        samples.append((job.get("processed") or 0, rss_mb(a.pid)))
        if job.get("status") in ("completed", "failed", "cancelled"):
            break
        if time.monotonic() > deadline:
            raise SystemExit(f"import_rate: job {job_id} not finished after {a.timeout} s: {job}")
        time.sleep(a.poll_ms / 1000)
    total_s = time.monotonic() - t0
    if job.get("status") != "completed":
        raise SystemExit(f"import_rate: job ended {job.get('status')}: {job}")

    def at(fraction):  # the RSS at the first sample past that share of the rows
        for done, mb in samples:
            if done >= fraction * a.rows and mb is not None:
                return mb
        return None

    known = [mb for _, mb in samples if mb is not None]
    print(json.dumps({
        "rows": a.rows, "parts": n, "upload_s": round(upload_s, 2), "total_s": round(total_s, 2),
        "rows_per_s": round(a.rows / total_s), "server_rows_per_s": job.get("rowsPerSecond"),
        "created": job.get("created"), "updated": job.get("updated"), "failed": job.get("failed"),
        "rss_mb": {"start": samples[0][1], "q1": at(0.25), "q2": at(0.5), "q3": at(0.75), "end": known[-1] if known else None,
                   "max": max(known) if known else None},
    }))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
