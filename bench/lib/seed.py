#!/usr/bin/env python3
"""Seeds one tenant with companies and contacts through the batch upsert endpoints.

All request bodies are built before the clock starts, so the figure is the server's
(plus the HTTP round trips), not Python's JSON encoding. Prints one JSON line with the
counts, seconds and records/s, and writes a shuffled sample of the contact ids (one a
line) for the load phases and the pgbench baselines.

  seed.py --base http://127.0.0.1:PORT --token T --contacts N [--companies M]
          [--prefix P] [--concurrency C] [--ids-out FILE] [--sample K] [--deals D]

With --deals, also D deals in the default pipeline (all its stages, two currencies, twenty
owners, close dates over two years), linked to the seeded contacts and companies.
"""
import argparse
import http.client
import json
import random
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, __import__("os").path.dirname(__file__))
from names import FIRST_NAMES, LAST_NAMES, STAGES  # noqa: E402

BATCH = 1000
INDUSTRIES = ["retail", "software", "logistics", "health", "education", "finance", "travel", "food"]
SIZES = ["1-10", "11-50", "51-200", "201-1000", "1001-5000", "5001+"]
TIERS = ["standard", "silver", "gold", "platinum"]


class Client:
    """One keep-alive HTTP connection per worker thread."""

    local = threading.local()

    def __init__(self, base, token):
        url = urllib.parse.urlparse(base)
        self.host, self.port = url.hostname, url.port
        self.headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}

    def post(self, path, body):
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = http.client.HTTPConnection(self.host, self.port, timeout=300)
        try:
            conn.request("POST", path, body=body, headers=self.headers)
            resp = conn.getresponse()
            data = resp.read()
        except (http.client.HTTPException, OSError):
            conn.close()
            self.local.conn = None
            raise
        return resp.status, data


def company_item(prefix, i):
    return {
        "externalId": f"{prefix}co-{i}",
        "name": f"{random.choice(LAST_NAMES)} {random.choice(['y Asociados', 'SL', 'SA', 'Group', 'Ibérica'])} {i}",
        "domain": f"{prefix.lower()}co{i}.example.com",
        "industry": INDUSTRIES[i % len(INDUSTRIES)],
        "sizeBand": SIZES[i % len(SIZES)],
        "tier": TIERS[i % len(TIERS)],
    }


def contact_item(prefix, i, company_id):
    item = {
        "externalId": f"{prefix}ct-{i}",
        "firstName": random.choice(FIRST_NAMES),
        "lastName": random.choice(LAST_NAMES),
        "email": f"{prefix.lower()}ct{i}@example.com",
        "phone": f"+34 6{random.randint(10, 99)} {random.randint(100, 999)} {random.randint(100, 999)}",
        "companyId": company_id,
        "lifecycleStage": STAGES[i % len(STAGES)],
        "tags": ["bench", random.choice(["vip", "newsletter", "event", "web"])],
    }
    if i % 3 == 0:
        item["source"] = {"utmSource": "google", "utmMedium": "cpc", "utmCampaign": f"spring-{i % 10}"}
    return item


LOST_REASONS = ["Price", "Timing", "Competitor", "No budget", "No decision"]


def pipeline_stages(base, token):
    """The default pipeline's stages as (id, kind), read (and so created) through the API."""
    url = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    conn.request("GET", "/v1/pipelines", headers={"Authorization": "Bearer " + token})
    doc = json.loads(conn.getresponse().read())
    conn.close()
    return [(s["id"], s["kind"]) for s in doc["data"][0]["stages"]]


def deal_item(prefix, i, stages, contact_id, company_id):
    stage_id, kind = stages[i % len(stages)]
    item = {
        "externalId": f"{prefix}dl-{i}",
        "name": f"Deal {i}",
        "amount": f"{random.randint(100, 100000)}.{random.randint(0, 99):02d}",
        "currency": "USD" if i % 5 == 0 else "EUR",
        "stageId": stage_id,
        "ownerId": f"owner-{i % 20}",
        "expectedCloseDate": f"{2025 + (i % 730) // 365}-{(i % 365) // 31 % 12 + 1:02d}-{i % 28 + 1:02d}",
        "contactId": contact_id,
        "companyId": company_id,
    }
    if kind == "lost":
        item["lostReason"] = LOST_REASONS[i % len(LOST_REASONS)]
    return item


def run_batches(client, path, bodies, concurrency):
    """Posts the bodies; returns (ids in item order per body, failed item count, seconds)."""
    results = [None] * len(bodies)

    def one(k):
        status, data = client.post(path, bodies[k])
        if status != 200:
            raise RuntimeError(f"{path} answered {status}: {data[:500]!r}")
        doc = json.loads(data)
        results[k] = doc

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for f in [pool.submit(one, k) for k in range(len(bodies))]:
            f.result()
    seconds = time.perf_counter() - started
    ids, failed, first_error = [], 0, None
    for doc in results:
        failed += doc["failed"]
        for r in doc["results"]:
            if r["status"] == "error":
                first_error = first_error or r.get("error")
            else:
                ids.append(r["id"])
    if first_error:
        print(f"seed: first failed item: {json.dumps(first_error)[:500]}", file=sys.stderr)
    return ids, failed, seconds


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--contacts", type=int, required=True)
    p.add_argument("--companies", type=int, default=None, help="default: contacts / 20")
    p.add_argument("--prefix", default="s")
    p.add_argument("--concurrency", type=int, default=4)
    p.add_argument("--ids-out")
    p.add_argument("--sample", type=int, default=20000)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--deals", type=int, default=0)
    a = p.parse_args()
    random.seed(a.seed)
    n_companies = a.companies if a.companies is not None else max(1, a.contacts // 20)
    client = Client(a.base, a.token)

    # The generator's few names repeat within a company far more often than real people do, so seeding asks to
    # create look-alikes anyway (onDuplicate: create); the batch phase measures the default path, which checks.
    def bodies(items):
        return [json.dumps({"matchOn": "externalId", "onDuplicate": "create", "items": items[k:k + BATCH]}).encode()
                for k in range(0, len(items), BATCH)]

    company_bodies = bodies([company_item(a.prefix, i) for i in range(n_companies)])
    company_ids, company_failed, company_s = run_batches(client, "/v1/companies/batch/upsert", company_bodies,
                                                         a.concurrency)
    if not company_ids:
        raise SystemExit("seed: no company was created")
    contact_bodies = bodies([contact_item(a.prefix, i, company_ids[i % len(company_ids)]) for i in range(a.contacts)])
    contact_ids, contact_failed, contact_s = run_batches(client, "/v1/contacts/batch/upsert", contact_bodies,
                                                         a.concurrency)
    if a.ids_out:
        sample = random.sample(contact_ids, min(a.sample, len(contact_ids)))
        with open(a.ids_out, "w") as f:
            f.write("\n".join(sample) + "\n")
    records = len(company_ids) + len(contact_ids)
    seconds = company_s + contact_s
    summary = {
        "companies": len(company_ids), "contacts": len(contact_ids), "failed": company_failed + contact_failed,
        "company_s": round(company_s, 3), "contact_s": round(contact_s, 3), "seconds": round(seconds, 3),
        "records_per_s": round(records / seconds, 1), "contacts_per_s": round(len(contact_ids) / contact_s, 1),
    }
    if a.deals:
        stages = pipeline_stages(a.base, a.token)
        deal_bodies = bodies([deal_item(a.prefix, i, stages, contact_ids[i % len(contact_ids)],
                                        company_ids[i % len(company_ids)]) for i in range(a.deals)])
        deal_ids, deal_failed, deal_s = run_batches(client, "/v1/deals/batch/upsert", deal_bodies, a.concurrency)
        summary.update({"deals": len(deal_ids), "deal_s": round(deal_s, 3), "deals_per_s": round(len(deal_ids) / deal_s, 1)})
        summary["failed"] += deal_failed
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
