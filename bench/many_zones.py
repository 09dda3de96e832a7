"""The many-zones scenarios of scripts/bench (bench/README.md, "Many zones"): one named serving a few
hundred generated zones, all in one zonesync configuration, synced the way the deployed function
does on its schedule — the handler in one warm process invoked once per cycle — cycle after cycle.
Each warm cycle also measures what the function wrote to its log (log lines, EMF documents) and the
distinct CloudWatch metrics those documents define.

  many-zones          setup (initial load, not measured), then `cycles` cycles; before each cycle
                      10 % of the zones change on the master (nsupdate, 1-10 RRsets each)
  full-reconcile-all  every zone reconciled in one process (`sync --full`)

Each run goes through the counting proxy (calls by operation); afterwards every hosted zone is read
back directly from moto and compared with the model of its source zone.
"""

import random
import subprocess
import time

import zonegen
from run import (KEY_NAME, differences, log, proxy_stats, r53, run_tool_argv, start_moto, start_named,
                 create_private_zone)

SCHEDULE_S = 300  # the function's schedule: every zone every 5 minutes
BUDGET_RPS = 5  # half of Route 53's 10 requests/s per account: the rest is left to other tools


def size_mix(n, quick, rnd):
    """Zone sizes (RRsets) for n zones: mostly small, some medium, a few larger ones."""
    bands = ([(0.60, 10, 50), (0.30, 50, 200), (0.10, 200, 600)] if quick
             else [(0.50, 20, 100), (0.35, 100, 500), (0.15, 500, 2000)])
    sizes = []
    for _ in range(n):
        x, acc = rnd.random(), 0.0
        for share, lo, hi in bands:
            acc += share
            if x < acc:
                break
        sizes.append(rnd.randint(lo, hi))
    return sizes


def capacity(calls_per_zone, wall_s_per_zone):
    """Zones per 5-minute schedule at 5 requests/s, limited by calls or by the engine's own time."""
    by_calls = SCHEDULE_S * BUDGET_RPS / calls_per_zone if calls_per_zone else float("inf")
    by_wall = SCHEDULE_S / wall_s_per_zone if wall_s_per_zone else float("inf")
    return round(min(by_calls, by_wall)), round(by_calls), round(by_wall)


def change_zone(model, origin, rnd, port, secret, k, tag):
    """k RRsets changed on the master with nsupdate: about a third deleted, a third added, the rest
    updated (A: new value, others: new TTL). Returns the number of RRsets changed."""
    keys = sorted(key for key in model if not key[0].startswith("ns1."))
    n_del, n_add = k // 3, k // 3
    n_upd = k - n_del - n_add
    picks = rnd.sample(keys, n_del + n_upd)
    lines = [f"server 127.0.0.1 {port}", f"zone {origin}"]
    for key in picks[:n_del]:
        lines.append(f"update delete {key[0]} {key[1]}")
        model.pop(key)
    for j, key in enumerate(picks[n_del:]):
        ttl, vals = model[key]
        new_ttl, new_vals = (ttl, [f"192.0.2.{1 + rnd.randrange(250)}"]) if key[1] == "A" else (ttl + 60, vals)
        lines.append(f"update delete {key[0]} {key[1]}")
        lines += [f"update add {key[0]} {new_ttl} {key[1]} {v}" for v in new_vals]
        model[key] = (new_ttl, new_vals)
    for j in range(n_add):
        name = f"{tag}-add-{j}.{origin}"
        lines.append(f"update add {name} 600 A 198.51.100.{1 + j}")
        model[(name, "A")] = (600, [f"198.51.100.{1 + j}"])
    lines.append("send")
    subprocess.run(["/usr/bin/nsupdate", "-y", f"hmac-sha256:{KEY_NAME}:{secret}"],
                   input="\n".join(lines) + "\n", text=True, check=True)
    return n_del + n_upd + n_add


def write_config(path, zones, zids, port, pacing, concurrency):
    body = ["version: 1", "tsigKeys:", f"  - name: {KEY_NAME}", "    algorithm: hmac-sha256",
            "    secret: {env: BENCH_TSIG_SECRET}",
            "route53: {" + ", ".join(f"{k}: {v}" for k, v in pacing.items()) + "}",
            f"execution: {{concurrency: {concurrency}}}", "zones:"]
    for origin, _ in zones:
        body += [f"  - name: {origin}", f"    hostedZoneId: {zids[origin]}",
                 f'    masters: ["127.0.0.1:{port}"]', f"    tsig: {KEY_NAME}"]
    path.write_text("\n".join(body) + "\n")


# A function name as CDK names a deployed one (<stack>-<logical id><hash>-<suffix>): it is on
# every log line and in the EMF dimension, so its length counts in the bytes measured.
FUNCTION_NAME = "zonesync-Function76856677-AbCdEfGhIjKl"
SEPARATOR = "---- returned payload ----"  # dev.zonesync.handler.LocalInvoke.SEPARATOR


class WarmFunction:
    """The Lambda handler itself, kept as a warm container keeps it: one `LocalInvoke --again-on-stdin`
    process (its engine, Route 53 client, pacer and the markers it wrote live across runs); a newline
    invokes it again with `{}` (every zone). Its stdout is what the function writes to its log group
    (the JSON log lines and EMF documents), then the separator and the returned report, one line."""

    def __init__(self, args, cfg, env, work, zones):
        import json
        self.json = json
        # the input a schedule sends, {"zones": [...]}: the function logs it on its request line
        event = work / "sync-all.json"
        event.write_text(json.dumps({"zones": zones}) + "\n")
        self.err = open(work / "warm.err", "w")
        argv = [args.java, "-cp", str(args.jar), "dev.zonesync.handler.LocalInvoke",
                "--function-name", FUNCTION_NAME, "--again-on-stdin", str(event)]
        env = dict(env, ZONESYNC_CONFIG=str(cfg), ZONESYNC_PRIME="off")
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.err,
                                  env=env, text=True, encoding="utf-8")
        self.first, _ = self._read()  # the invocation at start: not a cycle
        self.log = []

    def _read(self):
        """One invocation's output: (returned report, the lines it logged)."""
        lines = []
        while True:
            line = self.p.stdout.readline()
            if not line:
                return None, lines
            line = line.rstrip("\n")
            if line == SEPARATOR:
                payload = self.p.stdout.readline()
                return (self.json.loads(payload) if payload.strip() else None), lines
            lines.append(line)

    def run(self):
        t0 = time.monotonic()
        self.p.stdin.write("\n")
        self.p.stdin.flush()
        report, self.log = self._read()
        wall = round((time.monotonic() - t0) * 1000)
        ok = report is not None and all(z.get("status") in ("APPLIED", "UP_TO_DATE") for z in report["zones"])
        return (0 if ok else 1), wall, None, report

    def close(self):
        self.p.stdin.close()
        self.p.wait(timeout=120)
        self.err.close()


def log_measure(lines, zones, json_mod):
    """What one invocation wrote to its log group: events and bytes of the JSON log lines and of the
    EMF documents (CloudWatch stores each line as one event; the newline is not part of it), and the
    CloudWatch metrics the EMF documents define: (namespace, name, dimension values)."""
    out = {"logEvents": 0, "logBytes": 0, "emfDocuments": 0, "emfBytes": 0, "zoneLogBytes": 0}
    metrics = set()
    for line in lines:
        size = len(line.encode("utf-8"))
        try:
            doc = json_mod.loads(line)
        except ValueError:
            doc = None
        if isinstance(doc, dict) and "_aws" in doc:
            out["emfDocuments"] += 1
            out["emfBytes"] += size
            for directive in doc["_aws"].get("CloudWatchMetrics", []):
                for dims in directive.get("Dimensions", []):
                    values = ",".join(f"{d}={doc.get(d)}" for d in dims)
                    for m in directive.get("Metrics", []):
                        metrics.add(f"{directive.get('Namespace')} {m.get('Name')} {values}")
        else:
            out["logEvents"] += 1
            out["logBytes"] += size
            if isinstance(doc, dict) and "zone" in doc:
                out["zoneLogBytes"] += size
    out["distinctMetrics"] = len(metrics)
    # per zone: its own lines; per invocation: the rest (request line, EMF documents)
    out["zoneLogBytesPerZoneCycle"] = round(out["zoneLogBytes"] / zones, 1)
    out["invocationLogBytes"] = out["logBytes"] - out["zoneLogBytes"] + out["emfBytes"]
    out["logBytesPerZoneCycle"] = round((out["logBytes"] + out["emfBytes"]) / zones, 1)
    out["eventsPerZoneCycle"] = round((out["logEvents"] + out["emfDocuments"]) / zones, 3)
    return out, metrics


def bench_many(args, procs, work, secret, env_base, results, scenarios, run_meta):
    n = args.many_zones
    rnd = random.Random(13)
    mwork = work / "many-zones"
    mwork.mkdir(exist_ok=True)
    sizes = size_mix(n, args.quick, rnd)
    zones, models = [], {}
    for i, size in enumerate(sizes):
        origin = f"m{i:04d}.many.example."
        text, model = zonegen.generate(origin, size, 1, seed=1000 + i)
        path = mwork / f"{origin}zone"
        path.write_text(text)
        zones.append((origin, path))
        models[origin] = model
    total_rrsets = sum(sizes)
    log(f"=== many zones: {n} zones, {total_rrsets} RRsets (sizes {min(sizes)}-{max(sizes)}) ===")
    port, named = start_named(procs, mwork, zones, secret)
    endpoint, proxy, mprocs = start_moto(procs, mwork, "many", not args.stock_moto)
    direct = r53(endpoint)
    zids = {origin: create_private_zone(direct, origin, "vpc-many") for origin, _ in zones}
    env = dict(env_base, AWS_ENDPOINT_URL_ROUTE_53=proxy, BENCH_TSIG_SECRET=secret)

    # the initial load is set-up, not measured: paced as fast as the configuration allows
    setup_cfg, cfg = mwork / "setup.yaml", mwork / "zonesync.yaml"
    write_config(setup_cfg, zones, zids, port, {"requestsPerSecond": 50, "burst": 50,
                                                "changesPerSecond": 1_000_000, "changesBurst": 1_000_000},
                 args.concurrency)
    pacing = {"requestsPerSecond": args.many_rps, "burst": 50 if args.many_rps > 10 else 10}
    write_config(cfg, zones, zids, port, pacing, args.concurrency)

    metric_names = set()

    def sync(tag, config, full=False, warm=None):
        measured = None
        proxy_stats(proxy)  # reset
        log(f"many-zones {tag}: zonesync sync{' --full' if full else ''} over {n} zones"
            + (" (warm engine)" if warm else ""))
        if warm:
            rc, wall, rss, report = warm.run()
            import json
            measured, names = log_measure(warm.log, n, json)
            metric_names.update(names)
        else:
            rc, wall, rss, report = run_tool_argv(args.java, args.jar, config, mwork, tag, env, full)
        st = proxy_stats(proxy)
        zrep = report.get("zones", []) if report else []
        by_status = {}
        for z in zrep:
            by_status[z.get("status")] = by_status.get(z.get("status"), 0) + 1
        t0 = time.monotonic()
        diff = sum(differences(direct, zids[o], o, models[o]) for o, _ in zones) if args.verify else None
        verify_ms = round((time.monotonic() - t0) * 1000)
        row = {"tool": "zonesync", "zones": n, "zoneRRsetsTotal": total_rrsets, "exitCode": rc,
               "route53Calls": dict(sorted(st["calls"].items()), total=st["total"]), "wallMs": wall,
               "peakRssMb": rss, "emulatorMs": sum(st["upstreamMs"].values()), "statuses": by_status,
               "reportedZones": len(zrep), "pacing": dict(pacing) if config == cfg else None,
               "concurrency": args.concurrency, "engine": "warm" if warm else "cold",
               "rrsetsDifferingAfter": diff, "verifyMs": verify_ms, "run": run_meta}
        if st["errors"]:
            row["route53Errors"], row["route53ErrorCount"] = st["errors"][:5], len(st["errors"])
        if measured:
            row.update(measured)
        calls_by_kind = {}
        for z in zrep:
            calls_by_kind.setdefault(z.get("transfer") or "none", []).append((z.get("apiCalls") or {}).get("total", 0))
        row["callsByTransfer"] = {k: {"zones": len(v), "calls": sum(v), "mean": round(sum(v) / len(v), 2)}
                                  for k, v in sorted(calls_by_kind.items())}
        row["callsPerZone"] = round(st["total"] / n, 3)
        row["wallSecondsPerZone"] = round(wall / 1000 / n, 4)
        row["capacityZonesPer5Min"], row["capacityByCalls"], row["capacityByWall"] = capacity(
            row["callsPerZone"], row["wallSecondsPerZone"])
        if rc != 0 or len(zrep) != n:
            row["error"] = f"exit code {rc}, {len(zrep)} of {n} zones reported"
        log(f"  -> calls {row['route53Calls']} wall {wall} ms ({row['wallSecondsPerZone']} s/zone) "
            f"calls/zone {row['callsPerZone']} capacity {row['capacityZonesPer5Min']} statuses {by_status} "
            f"diff {diff} (verified in {verify_ms} ms)" + (f" ERROR {row['error']}" if "error" in row else "")
            + (f" log {measured['logBytesPerZoneCycle']} B/zone, {measured['distinctMetrics']} metrics"
               if measured else ""))
        return row

    setup = sync("setup", setup_cfg)
    results.append(dict(setup, name="many-zones-setup"))
    cycles = []

    def change_some(c):
        picked = rnd.sample([o for o, _ in zones], max(1, round(n * args.many_changed)))
        changed_rrsets = 0
        for o in picked:
            k = rnd.randint(1, max(1, min(10, len(models[o]) // 10)))
            changed_rrsets += change_zone(models[o], o, rnd, port, secret, k, f"c{c}")
        return len(picked), changed_rrsets

    if "many-zones" in scenarios:
        # the deployed function keeps its engine between scheduled runs (a warm container): one
        # process, one run per cycle, as the schedule invokes it
        proxy_stats(proxy)
        warm = WarmFunction(args, cfg, env, mwork, [o for o, _ in zones])
        for c in range(1, args.many_cycles + 1):
            changed_zones, changed_rrsets = change_some(c)
            row = sync(f"cycle-{c}", cfg, warm=warm)
            row.update(name=f"many-zones-cycle-{c}", cycle=c, changedZones=changed_zones, changedRRsets=changed_rrsets)
            results.append(row)
            cycles.append(row)
        warm.close()
        # and once as a cold container (a new process): the marker of every changed zone is read
        changed_zones, changed_rrsets = change_some(args.many_cycles + 1)
        row = sync("cold-cycle", cfg)
        row.update(name="many-zones-cold-cycle", changedZones=changed_zones, changedRRsets=changed_rrsets)
        results.append(row)
        calls = {}
        for r in cycles:
            for k, v in r["route53Calls"].items():
                calls[k] = calls.get(k, 0) + v
        per_zone = sum(r["callsPerZone"] for r in cycles) / len(cycles)
        wall_per_zone = sum(r["wallSecondsPerZone"] for r in cycles) / len(cycles)
        cap, by_calls, by_wall = capacity(per_zone, wall_per_zone)
        kinds = {}
        for r in cycles:
            for k, v in r["callsByTransfer"].items():
                a = kinds.setdefault(k, {"zones": 0, "calls": 0})
                a["zones"] += v["zones"]
                a["calls"] += v["calls"]
        for v in kinds.values():
            v["mean"] = round(v["calls"] / v["zones"], 2)
        mean = lambda key: round(sum(r[key] for r in cycles) / len(cycles), 1)  # noqa: E731
        logged = {"distinctMetrics": len(metric_names), "metrics": sorted(metric_names),
                  "logBytesPerZoneCycle": mean("logBytesPerZoneCycle"),
                  "eventsPerZoneCycle": round(sum(r["eventsPerZoneCycle"] for r in cycles) / len(cycles), 3),
                  "logBytesPerCycle": mean("logBytes"), "emfBytesPerCycle": mean("emfBytes"),
                  "logEventsPerCycle": mean("logEvents"), "emfDocumentsPerCycle": mean("emfDocuments"),
                  "zoneLogBytesPerZoneCycle": mean("zoneLogBytesPerZoneCycle"),
                  "invocationLogBytes": mean("invocationLogBytes"),
                  "functionName": FUNCTION_NAME}
        results.append({"name": "many-zones", "tool": "zonesync", "zones": n, "zoneRRsetsTotal": total_rrsets,
                        "cycles": len(cycles), "changedShare": args.many_changed,
                        "route53Calls": {k: round(v / len(cycles), 1) for k, v in sorted(calls.items())},
                        "route53CallsPerCycle": [r["route53Calls"] for r in cycles],
                        "callsByTransfer": kinds, "callsPerZone": round(per_zone, 3),
                        "wallSecondsPerZone": round(wall_per_zone, 4), "capacityZonesPer5Min": cap,
                        "capacityByCalls": by_calls, "capacityByWall": by_wall, "pacing": pacing,
                        "concurrency": args.concurrency,
                        "rrsetsDifferingAfter": sum(r["rrsetsDifferingAfter"] or 0 for r in cycles)
                        if args.verify else None,
                        "errors": [r["error"] for r in cycles if r.get("error")], "run": run_meta, **logged})
    if "full-reconcile-all" in scenarios:
        row = sync("full-reconcile-all", cfg, full=True)
        row.update(name="full-reconcile-all")
        results.append(row)
    for p in mprocs + [named]:
        procs.stop(p)

