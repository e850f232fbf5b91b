#!/usr/bin/env python3
"""Throughput of the job service: N short facility jobs through one API node and 1, 2, 4 worker processes on
PostgreSQL, beside one embedded process (H2) as the reference; all on this machine, in one run.

Needs a PostgreSQL server where the given role may create databases: `source .ci/postgres.sh` starts one and
exports EQUIPLAN_TEST_DATABASE, EQUIPLAN_TEST_DB_USER and EQUIPLAN_TEST_DB_PASSWORD, which this script reads.

  python3 benchmark/cluster/throughput.py --jar web/target/equiplan.jar --jobs 200 --workers 1,2,4 \
      --problem data/examples/orlib-pmed1.json --seconds 2 --out benchmark/results/cluster-throughput/pmed1.json

Per configuration, from the job table itself: the makespan (first job created to last job ended), jobs per
second, the solving time charged to the jobs, and the overhead per job: worker-slot time not spent solving
((makespan x slots - solving time) / jobs): queue polling, claiming, reading the problem, writing answers.
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def http(method, url, body=None):
    req = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read() or b"null")


def psql(db_url, user, password, sql, database=None):
    hostport = db_url.split("//", 1)[1].split("/", 1)[0]
    host, port = hostport.split(":")
    db = database or db_url.rsplit("/", 1)[1]
    out = subprocess.run(
        ["psql", "-qAt", "-F", "|", "-h", host, "-p", port, "-U", user, "-d", db, "-c", sql],
        env={**os.environ, "PGPASSWORD": password}, check=True, capture_output=True, text=True)
    return out.stdout.strip()


def wait_health(port, procs, log_dir):
    for _ in range(600):
        for p in procs:
            if p.poll() is not None:
                sys.exit("a node ended early; logs in " + log_dir)
        try:
            http("GET", f"http://127.0.0.1:{port}/api/health")
            return
        except OSError:
            time.sleep(0.1)
    sys.exit("the API node never answered")


def wait_workers(logs, n):
    for _ in range(600):
        up = sum(1 for f in logs if "jobs: role worker" in open(f).read())
        if up >= n:
            return
        time.sleep(0.1)
    sys.exit("the workers never started")


def run(args, mode, workers, admin, user, password, log_dir):
    """One configuration: mode 'embedded' (one process, H2) or 'cluster' (PostgreSQL, API + workers)."""
    port = free_port()
    env = {**os.environ, "EQUIPLAN_DB_USER": user, "EQUIPLAN_DB_PASSWORD": password}
    java = ["java", "-Xmx1g", "-jar", args.jar, "serve"]
    procs, logs = [], []
    data_dir = None
    db_name = None

    def start(name, extra):
        log = os.path.join(log_dir, f"{mode}-{workers}-{name}.log")
        logs.append(log)
        procs.append(subprocess.Popen(java + extra, env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT))

    if mode == "embedded":
        data_dir = tempfile.mkdtemp(prefix="equiplan-bench-")
        start("all", ["--port", str(port), "--data-dir", data_dir, "--solvers", str(workers)])
        wait_health(port, procs, log_dir)
    else:
        db_name = "bench_" + uuid.uuid4().hex[:10]
        psql(admin, user, password, f"CREATE DATABASE {db_name}")
        url = admin.rsplit("/", 1)[0] + "/" + db_name
        start("api", ["--database", url, "--role", "api", "--port", str(port)])
        wait_health(port, procs, log_dir)
        for i in range(workers):
            start(f"worker{i}", ["--database", url, "--role", "worker", "--solvers", "1"])
        wait_workers(logs[1:], workers)

    body = open(args.problem, "rb").read()
    submitted = time.time()
    ids = [http("POST", f"http://127.0.0.1:{port}/api/jobs?seconds={args.seconds}", body)["id"]
           for _ in range(args.jobs)]
    submit_seconds = time.time() - submitted
    while True:
        page = http("GET", f"http://127.0.0.1:{port}/api/jobs?limit=500")
        if all(j["status"] not in ("QUEUED", "SOLVING") for j in page["items"]):
            break
        time.sleep(0.5)
    details = [http("GET", f"http://127.0.0.1:{port}/api/jobs/{i}") for i in ids]
    for p in procs:
        p.terminate()
    for p in procs:
        p.wait(timeout=120)

    def ts(s):
        from datetime import datetime
        return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()

    start_t = min(ts(d["created"]) for d in details)
    end_t = max(ts(d["updated"]) for d in details)
    makespan = end_t - start_t
    solved = sum(d["solvedMillis"] for d in details) / 1000.0
    completed = sum(1 for d in details if d["status"] == "COMPLETED")
    # Answer quality: the mean of each score level over the jobs (all solve the same problem), so that more
    # workers than cores, each with a wall-clock limit, show what they cost in quality.
    levels = {}
    for d in details:
        for part in (d.get("score") or "").split("/"):
            name = part.lstrip("-0123456789.")
            if name:
                levels.setdefault(name, []).append(float(part[: len(part) - len(name)]))
    mean_score = {k: round(sum(v) / len(v), 1) for k, v in levels.items()}
    slots = workers
    if db_name:
        psql(admin, user, password, f"DROP DATABASE {db_name} WITH (FORCE)")
    if data_dir:
        shutil.rmtree(data_dir, ignore_errors=True)
    return {
        "mode": mode, "workers": workers, "jobs": len(ids), "completed": completed,
        "submitSeconds": round(submit_seconds, 2), "makespanSeconds": round(makespan, 2),
        "jobsPerSecond": round(len(ids) / makespan, 3), "solvingSeconds": round(solved, 2),
        "meanSolvingMillis": round(1000 * solved / len(ids), 1),
        "overheadMillisPerJob": round(1000 * (makespan * slots - solved) / len(ids), 1),
        "meanScore": mean_score,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jar", default="web/target/equiplan.jar")
    ap.add_argument("--jobs", type=int, default=200)
    ap.add_argument("--workers", default="1,2,4")
    ap.add_argument("--problem", default="data/examples/orlib-pmed1.json")
    ap.add_argument("--seconds", type=float, default=2)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    admin = os.environ.get("EQUIPLAN_TEST_DATABASE")
    user = os.environ.get("EQUIPLAN_TEST_DB_USER")
    password = os.environ.get("EQUIPLAN_TEST_DB_PASSWORD")
    if not admin:
        sys.exit("set EQUIPLAN_TEST_DATABASE, EQUIPLAN_TEST_DB_USER, EQUIPLAN_TEST_DB_PASSWORD (source .ci/postgres.sh)")
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    log_dir = tempfile.mkdtemp(prefix="equiplan-bench-logs-")
    rows = [run(args, "embedded", 1, admin, user, password, log_dir)]
    print(json.dumps(rows[-1]), flush=True)
    for w in [int(x) for x in args.workers.split(",")]:
        rows.append(run(args, "cluster", w, admin, user, password, log_dir))
        print(json.dumps(rows[-1]), flush=True)
    result = {"problem": os.path.basename(args.problem), "seconds": args.seconds, "jobs": args.jobs,
              "cores": os.cpu_count(), "logs": log_dir, "rows": rows}
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)
    print("logs:", log_dir)


if __name__ == "__main__":
    main()
