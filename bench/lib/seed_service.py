#!/usr/bin/env python3
"""Gives the first N sampled contacts a service history for the overview phase: an SLA policy,
interactions (through the interactions batch endpoint), one ticket each (tickets batch upsert;
every other one still open) and an open task for every tenth. Writes their ids, one a line.

  seed_service.py --base URL --token T --ids FILE --contacts N --ids-out FILE [--interactions K]
"""
import argparse
import json
import sys
import time

sys.path.insert(0, __import__("os").path.dirname(__file__))
from seed import BATCH, Client, run_batches  # noqa: E402

TYPES = ["email", "call", "chat", "whatsapp", "sms", "meeting", "note", "web_visit"]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--ids", required=True)
    p.add_argument("--contacts", type=int, default=2000)
    p.add_argument("--interactions", type=int, default=25, help="per contact")
    p.add_argument("--ids-out", required=True)
    p.add_argument("--concurrency", type=int, default=4)
    a = p.parse_args()
    client = Client(a.base, a.token)
    contacts = [line.strip() for line in open(a.ids) if line.strip()][:a.contacts]

    status, data = client.post("/v1/sla-policies", json.dumps({"name": "bench", "targets": [
        {"priority": "normal", "firstResponseMinutes": 240, "resolutionMinutes": 2880}]}).encode())
    if status != 201:
        raise SystemExit(f"seed_service: SLA policy answered {status}: {data[:300]!r}")

    started = time.perf_counter()
    items = []
    for c, contact in enumerate(contacts):
        for k in range(a.interactions):
            item = {"type": TYPES[(c + k) % len(TYPES)], "direction": ["inbound", "outbound"][k % 2],
                    "occurredAt": f"2026-{1 + k % 9:02d}-{1 + c % 28:02d}T{k % 24:02d}:00:00Z",
                    "subject": f"bench {k}", "contactId": contact, "externalMessageId": f"bench-{c}-{k}"}
            if item["direction"] == "outbound":
                item["purpose"] = "service_notifications"  # an outbound message names why it may be sent (consent)
            items.append(item)
    bodies = [json.dumps({"items": items[k:k + BATCH]}).encode() for k in range(0, len(items), BATCH)]
    interaction_ids, failed_i, _ = run_batches(client, "/v1/interactions/batch", bodies, a.concurrency)

    tickets = [{"externalId": f"bench-t-{c}", "subject": f"Bench ticket {c}", "contactId": contact, "channel": "email",
                "status": "open" if c % 2 == 0 else "resolved"} for c, contact in enumerate(contacts)]
    bodies = [json.dumps({"matchOn": "externalId", "items": tickets[k:k + BATCH]}).encode()
              for k in range(0, len(tickets), BATCH)]
    ticket_ids, failed_t, _ = run_batches(client, "/v1/tickets/batch/upsert", bodies, a.concurrency)

    tasks = 0
    for contact in contacts[::10]:
        status, data = client.post("/v1/tasks", json.dumps({"title": "Call back", "contactId": contact,
                                                           "dueAt": "2026-12-01T09:00:00Z"}).encode())
        if status != 201:
            raise SystemExit(f"seed_service: task answered {status}: {data[:300]!r}")
        tasks += 1
    with open(a.ids_out, "w") as f:
        f.write("\n".join(contacts) + "\n")
    print(json.dumps({"service_contacts": len(contacts), "interactions": len(interaction_ids), "tickets": len(ticket_ids),
                      "tasks": tasks, "failed": failed_i + failed_t, "seconds": round(time.perf_counter() - started, 3)}))


if __name__ == "__main__":
    main()
