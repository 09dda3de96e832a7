"""How moto's Route 53 scales behind scripts/lib/moto_route53.py, with and without --indexed (README "Performance").

    .venv/bin/python bench/moto_scaling.py 5000 10000 20000

For each size: a fresh moto, then CREATE that many one-value A RRsets in requests of 1000 changes,
replace each of them (DELETE of the current RRset + CREATE of a new value, 500 pairs per request: the
change-batch check at work), then read the zone back page by page (300 per call), timing each phase
directly (no tool, no proxy).
"""

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import boto3

ROOT = Path(__file__).resolve().parent.parent


def port():
    return int(subprocess.check_output(["bash", "-c", "source scripts/lib/env.sh && free_port"], cwd=ROOT))


def measure(n, indexed):
    p = port()
    argv = [sys.executable, str(ROOT / "scripts" / "lib" / "moto_route53.py")] + (["--indexed"] if indexed else [])
    proc = subprocess.Popen(argv + ["-H", "127.0.0.1", "-p", str(p)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{p}/moto-api/data.json", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        c = boto3.client("route53", endpoint_url=f"http://127.0.0.1:{p}", region_name="us-east-1",
                         aws_access_key_id="x", aws_secret_access_key="x")
        zid = c.create_hosted_zone(Name="s.example.", CallerReference="s")["HostedZone"]["Id"]
        t0 = time.monotonic()
        for start in range(0, n, 1000):
            changes = [{"Action": "CREATE", "ResourceRecordSet": {
                "Name": f"h{i:07d}.s.example.", "Type": "A", "TTL": 60,
                "ResourceRecords": [{"Value": f"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}"}]}}
                for i in range(start, min(n, start + 1000))]
            c.change_resource_record_sets(HostedZoneId=zid, ChangeBatch={"Changes": changes})
        load = time.monotonic() - t0
        t0 = time.monotonic()
        for start in range(0, n, 500):
            changes = []
            for i in range(start, min(n, start + 500)):
                rr = {"Name": f"h{i:07d}.s.example.", "Type": "A", "TTL": 60}
                changes.append({"Action": "DELETE", "ResourceRecordSet": dict(rr, ResourceRecords=[
                    {"Value": f"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}"}])})
                changes.append({"Action": "CREATE", "ResourceRecordSet": dict(rr, ResourceRecords=[
                    {"Value": f"11.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}"}])})
            c.change_resource_record_sets(HostedZoneId=zid, ChangeBatch={"Changes": changes})
        replace = time.monotonic() - t0
        t0 = time.monotonic()
        pages = 0
        for _ in c.get_paginator("list_resource_record_sets").paginate(HostedZoneId=zid):
            pages += 1
        read = time.monotonic() - t0
        return load, replace, read, pages
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    for n in [int(a) for a in sys.argv[1:]] or [5000, 10000, 20000]:
        for indexed in (False, True):
            load, replace, read, pages = measure(n, indexed)
            print(f"{n:>7} RRsets  moto {'--indexed' if indexed else 'fixes only'}: load {load:6.1f} s, "
                  f"replace {replace:6.1f} s, read {read:6.1f} s ({pages} pages)", flush=True)
