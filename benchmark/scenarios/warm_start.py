#!/usr/bin/env python3
"""Warm start of scenarios: an edited problem solved from its parent's answer against the same problem solved
cold, with the same time limit and seed, one after the other on one embedded service (this machine, one slot).

For each example: the parent is solved; then for each edit (a JSON Merge Patch) the scenario (warm) and a plain
job of the same patched problem (cold). Reported: the score at 1 s, 5 s and the end, and the time each reached
the cold run's final score (or did not).

  python3 benchmark/scenarios/warm_start.py --jar web/target/equiplan.jar --seconds 20 \
      --out benchmark/results/scenarios-warm-start/results.json
"""
import argparse
import copy
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request


def http(method, url, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=300) as r:
        return json.loads(r.read() or b"null")


def levels(score):
    return [int(p.rstrip("abcdefghijklmnopqrstuvwxyz")) for p in score.split("/")]


def wait(base, job):
    while True:
        j = http("GET", f"{base}/api/jobs/{job}")
        if j["status"] not in ("QUEUED", "SOLVING"):
            return j
        time.sleep(0.5)


def at(history, millis):
    best = None
    for p in history:
        if p["elapsedMillis"] <= millis:
            best = p["score"]
    return best


def reached(history, target):
    for p in history:
        if levels(p["score"]) >= levels(target):
            return p["elapsedMillis"]
    return None


def edits(problem, answer):
    """Small edits a planner makes: close the open candidate site with the most load; cut a travel standard."""
    out = []
    open_sites = [s for s in answer["sites"] if s["open"] and s.get("state") == "candidate"]
    if open_sites:
        site = max(open_sites, key=lambda s: s.get("load") or 0)["id"]
        sites = copy.deepcopy(problem["sites"])
        for s in sites:
            if s["id"] == site:
                s["state"] = "closed"
        out.append(("close site " + site, {"sites": sites}))
    services = copy.deepcopy(problem["services"])
    if services and services[0].get("maxDistance"):
        services[0]["maxDistance"] = round(services[0]["maxDistance"] * 0.9, 3)
        out.append(("travel standard of " + services[0]["id"] + " -10%", {"services": services}))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jar", default="web/target/equiplan.jar")
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--examples", default="chongyang-facilities,orlib-cap131")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
    data = tempfile.mkdtemp(prefix="equiplan-warm-")
    log = open(os.path.join(data, "service.log"), "w")
    proc = subprocess.Popen(["java", "-jar", args.jar, "serve", "--port", str(port), "--data-dir", data, "--solvers", "1"],
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            http("GET", base + "/api/health"); break
        except OSError:
            time.sleep(0.2)
    rows = []
    try:
        for name in args.examples.split(","):
            problem = json.load(open(f"data/examples/{name}.json"))
            parent = http("POST", f"{base}/api/jobs?seconds={args.seconds}", problem)["id"]
            wait(base, parent)
            answer = http("GET", f"{base}/api/jobs/{parent}/solution")
            for label, patch in edits(problem, answer):
                warm = http("POST", f"{base}/api/jobs/{parent}/scenarios?seconds={args.seconds}", patch)["id"]
                wait(base, warm)
                patched = http("GET", f"{base}/api/jobs/{warm}/problem")
                cold = http("POST", f"{base}/api/jobs?seconds={args.seconds}", patched)["id"]
                wait(base, cold)
                hw = http("GET", f"{base}/api/jobs/{warm}")["history"]
                hc = http("GET", f"{base}/api/jobs/{cold}")["history"]
                target = hc[-1]["score"]
                row = {"example": name, "edit": label, "seconds": args.seconds,
                       "warm": {"at1s": at(hw, 1000), "at5s": at(hw, 5000), "final": hw[-1]["score"],
                                "reachedColdFinalMs": reached(hw, target)},
                       "cold": {"at1s": at(hc, 1000), "at5s": at(hc, 5000), "final": target,
                                "reachedColdFinalMs": reached(hc, target)}}
                rows.append(row)
                print(json.dumps(row), flush=True)
    finally:
        proc.terminate(); proc.wait(timeout=120)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    json.dump({"seconds": args.seconds, "rows": rows}, open(args.out, "w"), indent=1)


if __name__ == "__main__":
    main()
