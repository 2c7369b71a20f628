"""Drives one RQ measurement for run.sh: enqueue N no-op jobs, run a burst worker, time it.

usage: measure.py REDIS_URL N WORKER_CLASS|default DEADLINE_SECONDS
Prints one line: `rq: N jobs in S s = R jobs/s` (with the worker class when not the default).
"""

import os
import subprocess
import sys
import time

from redis import Redis
from rq import Queue

import noop_jobs

HERE = os.path.dirname(os.path.abspath(__file__))


def main() -> int:
    url, n, worker_class, deadline_s = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
    redis = Redis.from_url(url)
    redis.flushdb()
    queue = Queue("bench", connection=redis)

    t0 = time.perf_counter()
    batch = 1000
    for start in range(0, n, batch):
        jobs = [Queue.prepare_data(noop_jobs.noop, result_ttl=3600) for _ in range(start, min(n, start + batch))]
        with redis.pipeline() as pipe:
            queue.enqueue_many(jobs, pipeline=pipe)
            pipe.execute()
    t_enqueued = time.perf_counter()
    if len(queue) != n:
        print(f"expected {n} queued jobs, found {len(queue)}", file=sys.stderr)
        return 1

    cmd = [os.path.join(os.path.dirname(sys.executable), "rq"), "worker", "--burst", "--quiet",
           "--url", url, "--path", HERE]
    if not os.path.exists(cmd[0]):
        cmd = [sys.executable, "-m", "rq.cli", *cmd[1:]]
    if worker_class != "default":
        cmd += ["--worker-class", worker_class]
    cmd.append("bench")
    log = open(os.path.join(os.environ.get("BENCH_TMP", "/tmp"), f"worker-{worker_class}.log"), "w")
    worker = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    finished = queue.finished_job_registry
    try:
        while True:
            done = finished.count
            if done >= n:
                break
            if worker.poll() is not None:
                # Burst worker left: the queue is empty; count once more, then judge.
                done = finished.count
                if done >= n:
                    break
                failed = queue.failed_job_registry.count
                print(f"worker exited with {worker.returncode} after {done}/{n} jobs ({failed} failed); log: {log.name}",
                      file=sys.stderr)
                return 1
            if time.perf_counter() - t0 > deadline_s:
                print(f"gave up after {deadline_s:.0f} s with {done}/{n} jobs finished", file=sys.stderr)
                return 1
            time.sleep(0.005)
        t_done = time.perf_counter()
    finally:
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()

    total = t_done - t0
    label = "rq" if worker_class == "default" else f"rq ({worker_class.rsplit('.', 1)[-1]})"
    print(f"{label}: {n} jobs in {total:.2f} s = {n / total:.0f} jobs/s"
          f"  [enqueue {t_enqueued - t0:.2f} s, worker {t_done - t_enqueued:.2f} s]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
