#!/usr/bin/env python3
"""Drives the dataset benchmark against a running seed (stdlib only).

    driver.py SEED_URL single ROWS            one dataset of ROWS rows
    driver.py SEED_URL many DATASETS ROWS     DATASETS datasets of ROWS rows each, uploaded 8 at a time

The CSV is generated on the fly and streamed (chunked), never held whole in memory. Prints one JSON
object: rows, seconds to ingest, seconds until every dataset completed, and the rates.
"""
import http.client
import os
import shutil
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


if __name__ == "__main__":
    base, mode = sys.argv[1], sys.argv[2]
    if mode == "single":
        run(base, 1, int(sys.argv[3]))
    else:
        run(base, int(sys.argv[3]), int(sys.argv[4]))
