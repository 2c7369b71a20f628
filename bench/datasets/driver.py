#!/usr/bin/env python3
"""Drives the dataset benchmark against a running seed (stdlib only).

    driver.py SEED_URL single ROWS            one dataset of ROWS rows
    driver.py SEED_URL many DATASETS ROWS     DATASETS datasets of ROWS rows each, uploaded 8 at a time
    driver.py SEED_URL failover ROWS NAME=PID...
                                              one dataset of ROWS rows; once under way, kill -9 the worker node
                                              that hosts its entity (NAME=PID of each node) and time until another
                                              node hosts it and has processed more rows

The CSV is generated on the fly and streamed (chunked), never held whole in memory. Prints one JSON
object: rows, seconds to ingest, seconds until every dataset completed, and the rates.
"""
import http.client
import os
import shutil
import signal
import tempfile
import json
import random
import sys
import threading
import time
import urllib.parse

PLAYERS = [f"player{i:03d}" for i in range(200)]


def request(base, method, path, body=None, headers=None):
    url = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=600)
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    if response.status >= 300:
        raise SystemExit(f"{method} {path} answered {response.status}: {data[:500]!r}")
    return json.loads(data) if data else None


def create(base, name):
    body = json.dumps({"name": name, "processor": "running-stats",
                       "options": {"keyColumn": "player", "valueColumns": ["points", "rebounds"]}})
    return request(base, "POST", "/api/datasets", body, {"Content-Type": "application/json"})["id"]


def write_csv(path, rows, seed):
    """Generated before the clock starts, so that the load generator does not compete for the cores."""
    rnd = random.Random(seed)
    with open(path, "w") as f:
        f.write("player,points,rebounds\n")
        for _ in range(rows):
            f.write(f"{rnd.choice(PLAYERS)},{rnd.randrange(50)},{rnd.randrange(200) / 10}\n")


def file_chunks(path):
    with open(path, "rb") as f:
        while chunk := f.read(256 * 1024):
            yield chunk


def upload(base, dataset, rows, path):
    url = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=600)
    conn.request("POST", f"/api/datasets/{dataset}/rows", body=file_chunks(path),
                 headers={"Content-Type": "text/csv"}, encode_chunked=True)
    response = conn.getresponse()
    data = json.loads(response.read())
    conn.close()
    if response.status != 200 or data["accepted"] != rows:
        raise SystemExit(f"upload of {dataset} answered {response.status}: {data}")
    request(base, "POST", f"/api/datasets/{dataset}/seal")


def wait_completed(base, dataset):
    while True:
        view = request(base, "GET", f"/api/datasets/{dataset}?wait=300")
        if view["status"] == "completed":
            return view
        if view["status"] == "failed":
            raise SystemExit(f"dataset {dataset} failed: {view.get('failure')}")


def run(base, datasets, rows):
    work = tempfile.mkdtemp()
    files = []
    for i in range(datasets):
        files.append(os.path.join(work, f"{i}.csv"))
        write_csv(files[-1], rows, i)
    ids = [create(base, f"bench-{i}") for i in range(datasets)]
    start = time.perf_counter()
    pending = list(enumerate(ids))
    lock = threading.Lock()

    def uploader():
        while True:
            with lock:
                if not pending:
                    return
                index, dataset = pending.pop(0)
            upload(base, dataset, rows, files[index])

    threads = [threading.Thread(target=uploader) for _ in range(min(8, datasets))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ingested = time.perf_counter() - start
    for dataset in ids:
        view = wait_completed(base, dataset)
        assert view["rowsProcessed"] == rows, view
    done = time.perf_counter() - start
    total = datasets * rows
    shutil.rmtree(work)
    print(json.dumps({"datasets": datasets, "rows": total, "ingestSeconds": round(ingested, 2),
                      "completedSeconds": round(done, 2), "ingestRowsPerSecond": round(total / ingested),
                      "rowsPerSecond": round(total / done)}))


def failover(base, rows, pids):
    work = tempfile.mkdtemp()
    path = os.path.join(work, "failover.csv")
    write_csv(path, rows, 99)
    dataset = create(base, "bench-failover")
    uploader = threading.Thread(target=upload_only, args=(base, dataset, rows, path))
    uploader.start()
    # Under way: hosted by a node, with a tenth of the rows processed and most still to go.
    while True:
        view = request(base, "GET", f"/api/datasets/{dataset}")
        if view.get("ownerName") in pids and rows // 10 < view["rowsProcessed"] < rows // 2:
            break
        if view["rowsProcessed"] >= rows // 2:
            raise SystemExit("the dataset went too fast to kill its node mid-way: give it more rows")
        time.sleep(0.02)
    owner = view["ownerName"]
    os.kill(pids[owner], signal.SIGKILL)
    killed = time.perf_counter()
    at_kill = request(base, "GET", f"/api/datasets/{dataset}")["rowsProcessed"]
    while True:
        view = request(base, "GET", f"/api/datasets/{dataset}")
        if view.get("ownerName") not in (None, owner) and view["rowsProcessed"] > at_kill:
            break
        if time.perf_counter() - killed > 120:
            raise SystemExit(f"no node resumed dataset {dataset} within 120 s of killing {owner}")
        time.sleep(0.02)
    resumed = time.perf_counter() - killed
    uploader.join()
    shutil.rmtree(work)
    print(json.dumps({"killed": owner, "resumedBy": view["ownerName"], "resumedSeconds": round(resumed, 2)}))


def upload_only(base, dataset, rows, path):
    url = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=600)
    conn.request("POST", f"/api/datasets/{dataset}/rows", body=file_chunks(path),
                 headers={"Content-Type": "text/csv"}, encode_chunked=True)
    response = conn.getresponse()
    response.read()
    conn.close()


if __name__ == "__main__":
    base, mode = sys.argv[1], sys.argv[2]
    if mode == "single":
        run(base, 1, int(sys.argv[3]))
    elif mode == "failover":
        failover(base, int(sys.argv[3]), {name: int(pid) for name, pid in (arg.split("=") for arg in sys.argv[4:])})
    else:
        run(base, int(sys.argv[3]), int(sys.argv[4]))
