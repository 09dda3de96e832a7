"""The pacing scenarios of scripts/bench (bench/README.md, "Pacing"): an initial load of one big zone
into a Route 53 stand-in that throttles as Route 53 does, once per change bucket, zonesync learning
the rate from the Throttling answers.

  pacing-<B>    the stand-in with Route 53's documented request bucket (10 requests/s, burst 50) and a
                change bucket of B changes/s (burst B, at least 1000; each Change element one token): zonesync with
                route53.changesPerSecond (the ceiling of the change rate it learns) at 10 000, above
                every bucket, so what it achieves is what it learned; requestsPerSecond 8 (default)
  pacing-none   no throttling: one zone's batches go one after the other, so the round trip (the
                stand-in's answer, zonesync's gap before the next request) and zonesync's own pacers
                bound it; it is the peer the throttled runs are measured against when their bucket is more

Per run, at the counting proxy: accepted changes per second over the load (from the first
ChangeResourceRecordSets that arrived to the last accepted one answered), Throttling answers, and from
zonesync's report failed batches (batches - batchesApplied) and the learned rates; the wall time of the
process; afterwards the hosted zone is read back and compared with the source zone. octoDNS (which does
not pace) loads the same zone into its own hosted zone for the buckets --pacing-octodns names.
"""

import json

import botocore.config

import zonegen
from run import (KEY_NAME, LIMIT_CHARS, differences, log, proxy_stats, run_tool, run_tool_argv, start_moto,
                 start_named, create_private_zone, write_configs)

REQUEST_BUCKET = (10, 50)  # Route 53's documented account-level request bucket: 10/s, burst 50
CHANGE_CEILING = 10_000  # zonesync's route53.changesPerSecond in these runs: above every bucket
TARGET_SHARE = 0.85  # what each run must reach of its bucket (issue #21)


def _retrying(endpoint):
    """A boto3 client that waits out the stand-in's request bucket (reading 100k RRsets back is ~340
    requests at 10/s)."""
    import boto3

    return boto3.client("route53", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="bench", aws_secret_access_key="bench",
                        config=botocore.config.Config(retries={"max_attempts": 50, "mode": "standard"}))


def write_config(path, origin, zid, port):
    path.write_text(f"""version: 1
tsigKeys:
  - name: {KEY_NAME}
    algorithm: hmac-sha256
    secret: {{env: BENCH_TSIG_SECRET}}
route53: {{requestsPerSecond: 8, changesPerSecond: {CHANGE_CEILING}}}
zones:
  - name: {origin}
    hostedZoneId: {zid}
    masters: ["127.0.0.1:{port}"]
    tsig: {KEY_NAME}
""")


def round_trip(batches):
    """Mean milliseconds Route 53 (the stand-in) took to answer a change request, and mean
    milliseconds from one answer to the client's next request: what bounds an unthrottled load,
    since one hosted zone's change batches go one after the other."""
    if not batches:
        return None, None
    answer = sum(b["done"] - b["at"] for b in batches) / len(batches)
    gaps = [batches[i + 1]["at"] - batches[i]["done"] for i in range(len(batches) - 1)]
    return round(answer * 1000, 1), round(sum(gaps) / len(gaps) * 1000, 1) if gaps else None


def load_measures(st):
    """From the proxy's counters: accepted changes, their rate over the load, Throttling answers."""
    batches = st["changeBatches"]
    accepted = [b for b in batches if b["status"] == 200]
    changes = sum(b["changes"] for b in accepted)
    throttled = sum(1 for e in st["errors"] if e.get("code") == "Throttling")
    if not accepted:
        return changes, 0.0, None, throttled
    seconds = max(b["done"] for b in accepted) - min(b["at"] for b in batches)
    return changes, changes / seconds if seconds > 0 else 0.0, seconds, throttled


def bench_pacing(args, procs, work, secret, env_base, results, run_meta):
    size = args.pacing_size
    origin = f"pacing{size // 1000}k.bench.example."
    text, model = zonegen.generate(origin, size, 1)
    path = work / f"{origin}zone"
    path.write_text(text)
    port, named = start_named(procs, work, [(origin, path)], secret)
    log(f"pacing: named on 127.0.0.1:{port} with {origin} ({size} RRsets)")
    buckets = [b.strip() for b in args.pacing_buckets.split(",") if b.strip()]
    octodns_buckets = {b.strip() for b in (args.pacing_octodns or "").split(",") if b.strip()}
    longest = max(len(v) + (v.count(";") if key[1] == "TXT" else 0)
                  for key, (_, vals) in model.items() for v in vals)
    octodns_max_changes = LIMIT_CHARS // longest + 1
    for bucket in buckets:
        # the change bucket's burst is the stand-in's default: the rate, but no less than one
        # request's 1000 changes (see scripts/lib/moto_route53.py)
        throttle = [] if bucket == "none" else [
            "--throttle-requests", "%d:%d" % REQUEST_BUCKET, "--throttle-changes", bucket]
        endpoint, proxy, mprocs = start_moto(procs, work, f"pacing-{bucket}", not args.stock_moto, throttle)
        direct = _retrying(endpoint)
        tools = ["zonesync"] + (["octodns"] if bucket in octodns_buckets else [])
        zids = {tool: create_private_zone(direct, origin, f"vpc-{tool}") for tool in tools}
        env = dict(env_base, AWS_ENDPOINT_URL_ROUTE_53=proxy, BENCH_TSIG_SECRET=secret)
        for tool in tools:
            proxy_stats(proxy)  # reset: the zones' creation is not the load
            tag = f"pacing-{bucket}-{tool}"
            log(f"pacing-{bucket}: {tool} loads {size} RRsets"
                + ("" if bucket == "none" else f" against a change bucket of {bucket}/s"))
            row = {"name": f"pacing-{bucket}", "tool": tool, "zoneRRsets": size,
                   "bucketChangesPerSecond": None if bucket == "none" else int(bucket),
                   "bucketBurst": None if bucket == "none" else max(int(bucket), 1000),
                   "requestBucket": None if bucket == "none" else list(REQUEST_BUCKET), "run": run_meta}
            if tool == "zonesync":
                cfg = work / f"zonesync-{tag}.yaml"
                write_config(cfg, origin, zids[tool], port)
                rc, wall, rss, report = run_tool_argv(args.java, args.jar, cfg, work, tag, env, False)
                z = (report or {}).get("zones", [{}])[0]
                row.update({"exitCode": rc, "status": z.get("status"), "batches": z.get("batches"),
                            "failedBatches": (z.get("batches") or 0) - (z.get("batchesApplied") or 0)
                            if report else None,
                            "learnedRates": (report or {}).get("route53Pacing"),
                            "reportedThrottled": z.get("throttled"), "changeCeiling": CHANGE_CEILING})
                if z.get("error"):
                    row["error"] = z["error"]
            else:
                cfgs = write_configs(work, f"pacing-{bucket}", origin, port, secret,
                                     {"zonesync": zids["zonesync"], "octodns": zids["octodns"],
                                      "octodns-default": zids["octodns"]}, octodns_max_changes)
                res = run_tool("octodns", cfgs["octodns"], work, tag, env, args.java, args.jar, False)
                rc, wall, rss = res["exitCode"], res["wallMs"], res["peakRssMb"]
                row.update({"exitCode": rc, "octodnsMaxChanges": octodns_max_changes,
                            # octoDNS stops at the first request whose retries run out
                            "failedBatches": 0 if rc == 0 else 1})
                if res.get("error"):
                    row["error"] = res["error"]
            st = proxy_stats(proxy)
            # every change request as the proxy saw it (size, status, times): how the rate was learned
            (work / f"{tag}.batches.json").write_text(json.dumps(st["changeBatches"]))
            changes, rate, seconds, throttled = load_measures(st)
            row.update({"achievedChangesPerSecond": round(rate), "acceptedChanges": changes,
                        "loadSeconds": None if seconds is None else round(seconds, 1),
                        "throttled": throttled, "wallMs": wall, "peakRssMb": rss,
                        "route53Calls": dict(sorted(st["calls"].items()), total=st["total"])})
            if row["bucketChangesPerSecond"]:
                row["shareOfBucket"] = round(rate / row["bucketChangesPerSecond"], 3)
            row["meanAnswerMs"], row["meanGapMs"] = round_trip(st["changeBatches"])
            if args.verify:
                row["rrsetsDifferingAfter"] = differences(direct, zids[tool], origin, model)
            log(f"  -> {row['achievedChangesPerSecond']} changes/s over {row['loadSeconds']} s"
                + (f" ({row['shareOfBucket']:.0%} of the bucket)" if "shareOfBucket" in row else "")
                + f", {throttled} throttled, failed batches {row.get('failedBatches')}, wall {wall} ms"
                + (f", differing {row.get('rrsetsDifferingAfter')}" if args.verify else "")
                + (f", learned {row.get('learnedRates')}" if row.get("learnedRates") else "")
                + (f" ERROR {row['error'][:200]}" if row.get("error") else ""))
            results.append(row)
        for p in mprocs:
            procs.stop(p)
    procs.stop(named)
    # what a load can reach: the bucket, or what the same tool achieved without throttling in this
    # run when that is less (one zone's batches go one after the other: the round trip bounds it)
    unthrottled = {r["tool"]: r["achievedChangesPerSecond"] for r in results
                   if r["name"] == "pacing-none" and r["achievedChangesPerSecond"]}
    for r in results:
        if r["name"].startswith("pacing-") and r.get("bucketChangesPerSecond") and r["tool"] in unthrottled:
            reachable = min(r["bucketChangesPerSecond"], unthrottled[r["tool"]])
            r["reachableChangesPerSecond"] = reachable
            r["shareOfReachable"] = round(r["achievedChangesPerSecond"] / reachable, 3)
            r["meetsTarget"] = r["shareOfReachable"] >= TARGET_SHARE and r.get("failedBatches") == 0
            if not r["meetsTarget"]:
                log(f"WARNING {r['name']} {r['tool']}: {r['shareOfReachable']:.0%} of the reachable"
                    f" {reachable} changes/s (target {TARGET_SHARE:.0%}), failed batches {r.get('failedBatches')}")
    (work / "pacing.json").write_text(json.dumps([r for r in results if r["name"].startswith("pacing-")],
                                                 indent=1, default=str))
