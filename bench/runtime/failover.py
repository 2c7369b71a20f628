#!/usr/bin/env python3
"""One failover trial against a running seed and one worker node, the victim (stdlib only).

    failover.py SEED_URL VICTIM_NAME VICTIM_PID SURVIVOR_NAME SURVIVOR_COMMAND...

Submits 4 sleep jobs of 30 s and waits until the victim runs them all; then starts the survivor (an idle
worker node with room for them) and waits until it is up; kills the victim with SIGKILL and measures the
time until every job it ran has started again on the survivor. Prints one JSON object.
"""
import subprocess
import json
import os
import signal
import sys
import time
import urllib.request

seed, victim, victim_pid, survivor = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
survivor_command = sys.argv[5:]


def get(path):
    with urllib.request.urlopen(seed + path, timeout=30) as response:
        return json.loads(response.read())


def post(path, body):
    request = urllib.request.Request(seed + path, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def member_id(name):
    for member in get("/api/cluster")["members"]:
        if member["name"] == name:
            return member["id"]
    return None


victim_id = member_id(victim)
ids = post("/api/jobs/batch", {"jobs": [{"kind": "sleep", "payload": {"ms": 30000}} for _ in range(4)]})["ids"]
deadline = time.monotonic() + 60
held = []
while time.monotonic() < deadline and len(held) < len(ids):
    held = [j["id"] for j in (get(f"/api/jobs/{i}") for i in ids) if j["state"] == "running" and j.get("node") == victim_id]
    time.sleep(0.05)
if len(held) < len(ids):
    raise SystemExit("the victim did not run the jobs")
survivor_process = subprocess.Popen(survivor_command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
survivor_id = None
deadline = time.monotonic() + 60
while survivor_id is None and time.monotonic() < deadline:
    survivor_id = next((m["id"] for m in get("/api/cluster")["members"] if m["name"] == survivor and m["status"] == "up"), None)
    time.sleep(0.1)
if survivor_id is None:
    survivor_process.kill()
    raise SystemExit("the survivor did not join")
time.sleep(1)  # let the survivor's pools start and go idle: the measure is the rescue, not a start-up

os.kill(victim_pid, signal.SIGKILL)
killed = time.monotonic()
while time.monotonic() - killed < 120:
    jobs = [get(f"/api/jobs/{i}") for i in held]
    if all(j.get("node") == survivor_id and j["state"] in ("running", "completed") for j in jobs):
        print(json.dumps({"held": len(held), "seconds": round(time.monotonic() - killed, 2)}))
        survivor_process.terminate()
        survivor_process.wait(60)
        sys.exit(0)
    time.sleep(0.05)
survivor_process.kill()
raise SystemExit("the victim's jobs did not start on the survivor within 120 s")
