"""The benchmark driver behind scripts/bench (see README "Performance").

One named (TSIG key, generated zones), per zone size one moto (fresh) behind one counting proxy
(bench/proxy.py); zonesync and octoDNS each sync the same source zone into their own private hosted
zone of the same name (different VPCs), scenario by scenario. Writes bench/results/latest.json, the
chart and the table in bench/README.md.
"""

import argparse
import hashlib
import json
import math
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import boto3

import report
import zonegen

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
KEY_NAME = "zonesync-transfer."
LIMIT_VALUES, LIMIT_CHARS = 1000, 32_000
TOOLS = ("zonesync", "octodns")
# "single": the single-zone scenarios (initial-load, no-change, small-change, full-reconcile) per size;
# "pacing": an initial load against a stand-in that throttles like Route 53, per change bucket (long:
# run only when named)
DEFAULT_GROUPS = ("single", "many-zones", "full-reconcile-all", "jmh")
SCENARIO_GROUPS = DEFAULT_GROUPS + ("pacing",)


def log(msg):
    print(f"\033[1m[bench]\033[0m {msg}", file=sys.stderr, flush=True)


def free_port():
    return int(subprocess.check_output(["bash", "-c", "source scripts/lib/env.sh && free_port"], cwd=ROOT))


def wait_for(pred, what, timeout=120):
    end = time.time() + timeout
    while time.time() < end:
        if pred():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not come up within {timeout}s")


def http_ok(url):
    try:
        urllib.request.urlopen(url, timeout=2).read()
        return True
    except Exception:
        return False


# --------------------------------------------------------------------------- processes
class Procs:
    def __init__(self):
        self.procs = []

    def start(self, argv, logfile, **kw):
        p = subprocess.Popen(argv, stdout=open(logfile, "w"), stderr=subprocess.STDOUT, **kw)
        self.procs.append(p)
        return p

    def stop(self, p):
        if p.poll() is None:
            p.terminate()
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        if p in self.procs:
            self.procs.remove(p)

    def stop_all(self):
        for p in list(self.procs):
            self.stop(p)


def start_named(procs, work, zones, secret):
    """zones: [(origin, path)]; returns port."""
    port = free_port()
    conf = work / "named.conf"
    body = [f'key "{KEY_NAME}" {{ algorithm hmac-sha256; secret "{secret}"; }};',
            "options {",
            f'  directory "{work}"; pid-file "{work}/named.pid"; session-keyfile "{work}/session.key";',
            f'  managed-keys-directory "{work}";',
            f"  listen-on port {port} {{ 127.0.0.1; }}; listen-on-v6 {{ none; }};",
            "  recursion no; notify no; max-ixfr-ratio unlimited;",
            "};", "controls { };"]
    for origin, path in zones:
        body.append(f'zone "{origin}" {{ type primary; file "{path}"; '
                    f"allow-transfer {{ key {KEY_NAME}; }}; allow-update {{ key {KEY_NAME}; }}; }};")
    conf.write_text("\n".join(body) + "\n")
    logf = work / "named.log"
    p = procs.start(["/usr/sbin/named", "-g", "-c", str(conf)], logf)
    wait_for(lambda: "all zones loaded" in logf.read_text() or p.poll() is not None, "named", 300)
    if p.poll() is not None:
        raise RuntimeError("named failed:\n" + logf.read_text()[-3000:])
    return port, p


def start_moto(procs, work, tag, indexed, extra=()):
    """moto through the project's wrapper (extra: more of its switches, e.g. --throttle-changes),
    behind a counting proxy; returns (moto URL, proxy URL, [processes])."""
    mport, pport = free_port(), free_port()
    argv = [str(VENV / "python"), str(ROOT / "scripts" / "lib" / "moto_route53.py")]
    argv += ["--indexed"] if indexed else []
    argv += list(extra)
    moto = procs.start(argv + ["-H", "127.0.0.1", "-p", str(mport)], work / f"moto-{tag}.log")
    proxy = procs.start([str(VENV / "python"), str(ROOT / "bench" / "proxy.py"), "--listen-port", str(pport),
                         "--upstream", f"http://127.0.0.1:{mport}"], work / f"proxy-{tag}.log")
    wait_for(lambda: http_ok(f"http://127.0.0.1:{mport}/moto-api/data.json"), "moto")
    wait_for(lambda: http_ok(f"http://127.0.0.1:{pport}/__bench/stats"), "proxy")
    return f"http://127.0.0.1:{mport}", f"http://127.0.0.1:{pport}", [moto, proxy]


def proxy_stats(proxy, reset=True):
    with urllib.request.urlopen(f"{proxy}/__bench/stats{'?reset=1' if reset else ''}") as r:
        return json.load(r)


def r53(endpoint):
    return boto3.client("route53", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="bench", aws_secret_access_key="bench")


def create_private_zone(client, origin, vpc):
    """A private hosted zone, with the SOA value AWS would create (moto 5.2.5 stores a Python repr)."""
    z = client.create_hosted_zone(Name=origin, CallerReference=f"bench-{vpc}-{origin}",
                                  HostedZoneConfig={"PrivateZone": True, "Comment": "bench"},
                                  VPC={"VPCRegion": "us-east-1", "VPCId": vpc})["HostedZone"]
    zid = z["Id"].split("/")[-1]
    for s in client.list_resource_record_sets(HostedZoneId=zid)["ResourceRecordSets"]:
        v = s["ResourceRecords"][0]["Value"] if s["Type"] == "SOA" else None
        m = v and re.match(r"\{'Value': '(.*)'\}", v)
        if m:
            f = m.group(1).split()
            value = " ".join([f[0], "awsdns-hostmaster.amazon.com."] + f[2:])
            client.change_resource_record_sets(HostedZoneId=zid, ChangeBatch={"Changes": [{
                "Action": "UPSERT", "ResourceRecordSet": {"Name": s["Name"], "Type": "SOA", "TTL": s["TTL"],
                                                          "ResourceRecords": [{"Value": value}]}}]})
    return zid


# --------------------------------------------------------------------------- hosted zone content
def canonical(rtype, values):
    out = []
    for v in values:
        if rtype == "TXT":
            v = "".join(re.sub(r"\\(.)", r"\1", s) for s in re.findall(r'"((?:[^"\\]|\\.)*)"', v))
        elif rtype == "AAAA":
            import ipaddress
            v = str(ipaddress.IPv6Address(v))
        elif rtype in ("CNAME", "MX", "SRV"):
            v = v.lower() if v.endswith(".") else v.lower() + "."
        out.append(v)
    return sorted(out)


def hosted_content(client, zid, origin):
    """The hosted zone as {(name, type): (ttl, canonical values)}, apex SOA/NS and _zonesync left out."""
    out = {}
    for page in client.get_paginator("list_resource_record_sets").paginate(HostedZoneId=zid,
                                                                         PaginationConfig={"PageSize": 300}):
        for s in page["ResourceRecordSets"]:
            name = s["Name"].replace("\\052", "*").lower()
            if (name == origin and s["Type"] in ("SOA", "NS")) or name == f"_zonesync.{origin}":
                continue
            out[(name, s["Type"])] = (s.get("TTL"), canonical(s["Type"], [r["Value"] for r in s["ResourceRecords"]]))
    return out


def differences(client, zid, origin, model):
    have = hosted_content(client, zid, origin)
    want = {k: (ttl, canonical(k[1], vals)) for k, (ttl, vals) in model.items()}
    return sum(1 for k in set(have) | set(want) if have.get(k) != want.get(k))


# --------------------------------------------------------------------------- lower bound
def chars(values):
    return sum(len(v) for v in values)


def lower_bound(changes):
    """Fewest ChangeResourceRecordSets requests that can carry these RRset changes.

    changes: [(old values or None, new values or None)]. A create needs |new| values and chars(new)
    characters, a delete |old| and chars(old); an update either UPSERTs (2*|new|, 2*chars(new)) or
    DELETEs and CREATEs (|old|+|new|, chars(old)+chars(new)) - the cheaper of the two for each
    dimension. LB = max(ceil(sum values / 1000), ceil(sum chars / 32000)): packing can only do worse.
    """
    vals = cs = 0
    for old, new in changes:
        if old is None:
            vals, cs = vals + len(new), cs + chars(new)
        elif new is None:
            vals, cs = vals + len(old), cs + chars(old)
        else:
            vals += min(2 * len(new), len(old) + len(new))
            cs += min(2 * chars(new), chars(old) + chars(new))
    return max(math.ceil(vals / LIMIT_VALUES), math.ceil(cs / LIMIT_CHARS)), vals, cs


# --------------------------------------------------------------------------- scenario edits
def small_change(model, origin, rnd, port, secret):
    """10 RRsets changed on the master with nsupdate: 3 added, 3 deleted, 4 updated (values or TTL)."""
    keys = sorted(k for k in model if not k[0].startswith("ns1."))
    picks = rnd.sample(keys, 7)
    lines = [f"server 127.0.0.1 {port}", f"zone {origin}"]
    changes = []
    for k in picks[:3]:  # delete
        lines.append(f"update delete {k[0]} {k[1]}")
        changes.append((model.pop(k)[1], None))
    for j, k in enumerate(picks[3:]):  # update: A gets a new value set, others a new TTL
        ttl, vals = model[k]
        new_ttl, new_vals = (ttl, [f"192.0.2.{100 + j}"]) if k[1] == "A" else (ttl + 60, vals)
        lines.append(f"update delete {k[0]} {k[1]}")
        lines += [f"update add {k[0]} {new_ttl} {k[1]} {v}" for v in new_vals]
        model[k] = (new_ttl, new_vals)
        changes.append((vals, new_vals))
    for j in range(3):  # add
        name = f"bench-added-{j}.{origin}"
        vals = [f"192.0.2.{200 + j}"] if j < 2 else [zonegen.txt_value(f"added by bench {j}")]
        rtype = "A" if j < 2 else "TXT"
        lines += [f"update add {name} 600 {rtype} {v}" for v in vals]
        model[(name, rtype)] = (600, vals)
        changes.append((None, vals))
    lines.append("send")
    subprocess.run(["/usr/bin/nsupdate", "-y", f"hmac-sha256:{KEY_NAME}:{secret}"],
                   input="\n".join(lines) + "\n", text=True, check=True)
    return changes


def inject_drift(client, zid, origin, model, rnd):
    """10 RRsets changed behind the tools' backs, directly in the emulator (not through the proxy):
    4 deleted, 3 with other values, 3 extra RRsets that the source does not have."""
    keys = sorted(k for k in model if not k[0].startswith("ns1."))
    picks = rnd.sample(keys, 7)
    batch, changes = [], []
    for k in picks[:4]:
        ttl, vals = model[k]
        cur = current_rrset(client, zid, k)  # exactly as the tool wrote it: DELETE must match
        batch.append({"Action": "DELETE", "ResourceRecordSet": {"Name": k[0], "Type": k[1], "TTL": cur["TTL"],
                                                                "ResourceRecords": cur["ResourceRecords"]}})
        changes.append((None, vals))  # the tool must re-create it
    for k in picks[4:]:
        ttl, vals = model[k]
        batch.append({"Action": "UPSERT", "ResourceRecordSet": {"Name": k[0], "Type": k[1], "TTL": ttl + 1,
                                                                "ResourceRecords": [{"Value": v} for v in vals]}})
        changes.append((vals, vals))  # the tool must put the TTL back
    for j in range(3):
        vals = [f"198.51.100.{j + 1}"]
        batch.append({"Action": "CREATE", "ResourceRecordSet": {"Name": f"drift-{j}.{origin}", "Type": "A",
                                                                "TTL": 60, "ResourceRecords": [{"Value": v} for v in vals]}})
        changes.append((vals, None))  # the tool must delete it
    client.change_resource_record_sets(HostedZoneId=zid, ChangeBatch={"Changes": batch})
    return changes


def current_rrset(client, zid, key):
    r = client.list_resource_record_sets(HostedZoneId=zid, StartRecordName=key[0], StartRecordType=key[1],
                                         MaxItems="1")["ResourceRecordSets"][0]
    assert (r["Name"], r["Type"]) == key, (r["Name"], r["Type"], key)
    return r


# --------------------------------------------------------------------------- the tools
def timed(argv, env, out, err, cwd=ROOT):
    """Runs argv under /usr/bin/time -v; returns (exit code, wall ms, peak RSS MB)."""
    tfile = Path(str(out) + ".time")
    t0 = time.monotonic()
    with open(out, "w") as o, open(err, "w") as e:
        rc = subprocess.run(["/usr/bin/time", "-v", "-o", str(tfile)] + argv, env=env, stdout=o, stderr=e,
                            cwd=cwd).returncode
    wall = (time.monotonic() - t0) * 1000
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", tfile.read_text())
    return rc, round(wall), round(int(m.group(1)) / 1024, 1) if m else None


def write_configs(work, size, origin, port, secret, zids, octodns_max_changes):
    zs = work / f"zonesync-{size}.yaml"
    zs.write_text(f"""version: 1
tsigKeys:
  - name: {KEY_NAME}
    algorithm: hmac-sha256
    secret: {{env: BENCH_TSIG_SECRET}}
zones:
  - name: {origin}
    hostedZoneId: {zids['zonesync']}
    masters: ["127.0.0.1:{port}"]
    tsig: {KEY_NAME}
""")
    configs = {"zonesync": zs}
    for tool, max_changes in (("octodns", octodns_max_changes), ("octodns-default", None)):
        configs[tool] = work / f"{tool}-{size}.yaml"
        tuned = "" if max_changes is None else f"""
    # octoDNS packs requests by ResourceRecord count only; with its default of 1000 a request of long
    # TXT values exceeds Route 53's 32 000 characters. This keeps its fullest request under the limit.
    max_changes: {max_changes}"""
        configs[tool].write_text(f"""providers:
  master:
    class: octodns_bind.AxfrSource
    host: 127.0.0.1
    port: {port}
    timeout: 600
    key_name: {KEY_NAME}
    key_secret: {secret}
    key_algorithm: hmac-sha256
  route53:
    class: octodns_route53.Route53Provider
    # several private zones share the name (one per tool): octoDNS picks its own by VPC
    vpc_id: vpc-{tool}
    vpc_region: us-east-1{tuned}
processors:
  no-root-ns:
    # Route 53 owns the apex NS (zonesync never touches it either)
    class: octodns.processor.filter.IgnoreRootNsFilter
zones:
  {origin}:
    sources: [master]
    processors: [no-root-ns]
    targets: [route53]
""")
    return configs


def run_tool_argv(java, jar, cfg, work, tag, env, full):
    """zonesync sync over every zone of cfg; returns (exit code, wall ms, peak RSS MB, JSON report or None)."""
    out, err = work / f"{tag}.out", work / f"{tag}.err"
    argv = [java, "-jar", str(jar), "sync", "--config", str(cfg)] + (["--full"] if full else [])
    rc, wall, rss = timed(argv, env, out, err)
    try:
        report = json.loads(out.read_text())
    except ValueError:
        report = None
    return rc, wall, rss, report


def run_tool(tool, cfg, work, tag, env, java, jar, full):
    out, err = work / f"{tag}.out", work / f"{tag}.err"
    if tool == "zonesync":
        argv = [java, "-jar", str(jar), "sync", "--config", str(cfg)] + (["--full"] if full else [])
    else:
        # --force: octoDNS refuses plans touching > 30 % of existing records (update/delete_pcent_threshold);
        # the initial load must not be blocked. It changes nothing else.
        argv = [str(VENV / "octodns-sync"), "--config-file", str(cfg), "--doit", "--force"]
    rc, wall, rss = timed(argv, env, out, err)
    res = {"exitCode": rc, "wallMs": wall, "peakRssMb": rss}
    if tool == "zonesync":
        try:
            z = json.loads(out.read_text())["zones"][0]
            res.update({k: z.get(k) for k in ("status", "transfer", "batches", "batchesLowerBound", "durationMs",
                                              "transferMs", "records", "changes", "error") if z.get(k) is not None})
            res["reportedApiCalls"] = z.get("apiCalls")
        except Exception as e:  # noqa: BLE001 - a broken report is a result too
            res["error"] = f"no JSON report ({e}); stderr: {err.read_text()[-500:]}"
    elif rc != 0:
        lines = [ln for ln in err.read_text().splitlines() if ln.strip()]
        exc = [ln for ln in lines if re.search(r"(Error|Exception)\b", ln)]
        res["error"] = (exc[-1] if exc else (lines[-1] if lines else f"exit {rc}"))[:500]
    return res


# --------------------------------------------------------------------------- one size
def bench_size(size, args, procs, work, secret, port, origin, model, env_base, java, jar, results):
    log(f"=== {size} RRsets ({zonegen.record_count(model)} records) ===")
    endpoint, proxy, mprocs = start_moto(procs, work, str(size), not args.stock_moto)
    direct = r53(endpoint)
    zids = {tool: create_private_zone(direct, origin, f"vpc-{tool}") for tool in TOOLS + ("octodns-default",)}
    # octoDNS's request may hold max_changes - 1 values; the longest value as octoDNS sends it (it
    # escapes ';' in TXT as '\;') decides what fits
    longest = max(len(v) + (v.count(";") if key[1] == "TXT" else 0)
                  for key, (_, vals) in model.items() for v in vals)
    octodns_max_changes = LIMIT_CHARS // longest + 1
    cfgs = write_configs(work, size, origin, port, secret, zids, octodns_max_changes)
    env = dict(env_base, AWS_ENDPOINT_URL_ROUTE_53=proxy, BENCH_TSIG_SECRET=secret)
    rnd = random.Random(size)

    def measure(scenario, changes, full=False, tools=TOOLS):
        lb, lb_values, lb_chars = lower_bound(changes)
        for tool in tools:
            proxy_stats(proxy)  # reset
            tag = f"{size}-{scenario}-{tool}"
            log(f"{scenario} @ {size}: {tool}")
            res = run_tool(tool, cfgs[tool], work, tag, env, java, jar, full and tool == "zonesync")
            st = proxy_stats(proxy)
            sent = [b for b in st["changeBatches"]]
            row = {"name": scenario, "tool": tool, "zoneRRsets": size, "changedRRsets": len(changes),
                   "route53Calls": dict(sorted(st["calls"].items()), total=st["total"]),
                   "lowerBoundChangeCalls": lb,
                   "changeCalls": st["calls"].get("ChangeResourceRecordSets", 0),
                   "wallMs": res.pop("wallMs"), "peakRssMb": res.pop("peakRssMb")}
            row["sent"] = {"changes": sum(b["changes"] for b in sent), "values": sum(b["values"] for b in sent),
                           "chars": sum(b["chars"] for b in sent),
                           "maxValuesPerCall": max((b["values"] for b in sent), default=0),
                           "maxCharsPerCall": max((b["chars"] for b in sent), default=0)}
            row["lowerBoundInput"] = {"values": lb_values, "chars": lb_chars}
            row["emulatorMs"] = sum(st["upstreamMs"].values())  # time the tool waited for moto
            if st["errors"]:
                row["route53Errors"] = st["errors"][:5]
                row["route53ErrorCount"] = len(st["errors"])
            row.update(res)
            if tool == "octodns":
                row["octodnsMaxChanges"] = octodns_max_changes
            if res.get("exitCode") != 0 and "error" not in row:
                row["error"] = f"exit code {res.get('exitCode')}"
            if args.verify:
                row["rrsetsDifferingAfter"] = differences(direct, zids[tool], origin, model)
            log(f"  -> calls {row['route53Calls']} LB {lb} wall {row['wallMs']} ms (moto {row['emulatorMs']} ms)"
                f" rss {row['peakRssMb']} MB"
                + (f" diff {row.get('rrsetsDifferingAfter')}" if args.verify else "")
                + (f" ERROR {row['error']}" if "error" in row else ""))
            results.append(row)

    # octoDNS as shipped (max_changes 1000) once, into a zone of its own: what a first load does
    measure("initial-load", [(None, vals) for _, vals in model.values()], tools=TOOLS + ("octodns-default",))
    measure("no-change", [])
    changes = small_change(model, origin, rnd, port, secret)
    measure("small-change", changes)
    drift = {}
    for tool in TOOLS:
        try:
            drift[tool] = inject_drift(direct, zids[tool], origin, model, random.Random(size + 1))
        except Exception as e:  # noqa: BLE001 - e.g. the tool never loaded the zone
            log(f"drift injection into {tool}'s hosted zone failed: {e!r}")
    measure("full-reconcile", drift.get("zonesync") or next(iter(drift.values()), []), full=True)
    for p in mprocs:
        procs.stop(p)


# --------------------------------------------------------------------------- JMH
def cached_zone(origin, rrsets):
    """The generated zone file (bench/work/cache/, reused: generation is deterministic) and its record count."""
    cache = ROOT / "bench" / "work" / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    version = hashlib.sha1(Path(zonegen.__file__).read_bytes()).hexdigest()[:8]
    path = cache / f"{origin}{rrsets}.{version}.zone"
    meta = path.with_suffix(".records")
    if not (path.exists() and meta.exists()):
        text, model = zonegen.generate(origin, rrsets, 1)
        path.write_text(text)
        meta.write_text(str(zonegen.record_count(model)))
    return path, int(meta.read_text())


def run_jmh(args, procs, work, secret, results):
    records = args.jmh_records
    origin = "z1m.bench.example."
    # 1M records: a zone of rrsets such that the record count is >= `records`
    rrsets = int(records / 1.7)
    while True:
        path, n = cached_zone(origin, rrsets)
        if n >= records:
            break
        rrsets += int((records - n) / 1.7) + 100
    jwork = work / "jmh"
    jwork.mkdir(exist_ok=True)
    log(f"JMH: named with {n} records ({rrsets} RRsets)")
    port, named = start_named(procs, jwork, [(origin, path)], secret)
    out = jwork / "jmh.json"
    peak = jwork / "peak.json"
    argv = [args.java, "-cp", args.jmh_classpath, "org.openjdk.jmh.Main", "TransferPlanBatchBenchmark",
            "-f", "1", "-wi", str(args.jmh_warmup), "-i", str(args.jmh_iterations), "-rf", "json", "-rff", str(out),
            "-jvmArgs", f"-Xmx1g -Xms1g -XX:+UseG1GC -Dbench.master=127.0.0.1:{port} -Dbench.zone={origin} "
                        f"-Dbench.tsigName={KEY_NAME} -Dbench.tsigSecret={secret} -Dbench.peakFile={peak}"]
    t0 = time.monotonic()
    with open(jwork / "jmh.log", "w") as logf:
        rc = subprocess.run(argv, stdout=logf, stderr=subprocess.STDOUT).returncode
    procs.stop(named)
    row = {"name": "transfer-plan-batch-1M", "tool": "zonesync", "records": n, "rrsets": rrsets,
           "heapLimitMb": 1024, "wallS": round(time.monotonic() - t0)}
    results_json = json.loads(out.read_text()) if out.exists() else []
    if rc != 0 or not results_json:
        failure = re.findall(r"^\S*(?:Exception|Error)\b.*$", (jwork / "jmh.log").read_text(), re.M)
        row["error"] = f"JMH exit {rc}: " + (failure[0][:300] if failure else "see bench/work/latest/jmh/jmh.log")
    else:
        r = results_json[0]
        pm = r["primaryMetric"]
        raw = [x for fork in pm["rawData"] for x in fork]
        row.update({"ms": round(pm["score"]), "msMin": round(min(raw)), "msMax": round(max(raw)),
                    "iterations": len(raw), "mode": r["mode"]})
        if peak.exists():
            row.update(json.loads(peak.read_text()))
    log(f"JMH: {row}")
    results.append(row)


# --------------------------------------------------------------------------- results
def group_of(row):
    name = row.get("name", "")
    if name.startswith("transfer-plan-batch"):
        return "jmh"
    if name == "full-reconcile-all":
        return "full-reconcile-all"
    if name.startswith("pacing-"):
        return "pacing"
    if name.startswith("many-zones"):
        return "many-zones"
    return "single"


def merge_previous(doc, path, scenarios):
    """Keeps the previous results of the scenario groups this run did not run. The run's header fields
    (generated, sizes, environment, ...) describe the single-zone table; if "single" was not run they
    stay those of the previous run, and the rows of this run carry their own `run` field."""
    if not path.exists():
        return doc
    try:
        prev = json.loads(path.read_text())
    except ValueError:
        return doc
    kept = [r for r in prev.get("scenarios", []) if group_of(r) not in scenarios]
    merged = dict(prev) if "single" not in scenarios else doc
    merged["scenarios"] = [r for r in prev.get("scenarios", []) if r in kept and group_of(r) == "single"] \
        + [r for r in doc["scenarios"] if group_of(r) == "single"] \
        + [r for r in doc["scenarios"] + kept if group_of(r) in ("many-zones", "full-reconcile-all")] \
        + [r for r in doc["scenarios"] + kept if group_of(r) == "pacing"] \
        + [r for r in doc["scenarios"] + kept if group_of(r) == "jmh"]
    return merged


# --------------------------------------------------------------------------- main
def main():
    # stop named, moto and the proxy on SIGTERM too (a finally block does not run otherwise)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--sizes", default=None, help="comma-separated RRset counts (default 10000,100000)")
    ap.add_argument("--java", required=True)
    ap.add_argument("--jar", required=True)
    ap.add_argument("--engine", default=None, help="which engine source was built (commit)")
    ap.add_argument("--jmh-classpath", default=None, help="classpath with the JMH benchmark; none = skip")
    ap.add_argument("--jmh-records", type=int, default=1_000_000)
    ap.add_argument("--jmh-warmup", type=int, default=2)
    ap.add_argument("--jmh-iterations", type=int, default=5)
    ap.add_argument("--stock-moto", action="store_true", help="moto without scripts/lib/moto_route53.py's --indexed listing cache (fidelity fixes stay on)")
    ap.add_argument("--no-verify", dest="verify", action="store_false")
    ap.add_argument("--results", default=str(ROOT / "bench" / "results"))
    ap.add_argument("--no-readme", dest="readme", action="store_false")
    ap.add_argument("--scenarios", default=",".join(DEFAULT_GROUPS),
                    help=f"comma-separated, any of {', '.join(SCENARIO_GROUPS)} (default: all but pacing); "
                         "results of scenarios not run are kept from the previous bench/results/latest.json")
    ap.add_argument("--pacing-size", type=int, default=None,
                    help="RRsets of the pacing scenarios' zone (default 100000, 20000 with --quick)")
    ap.add_argument("--pacing-buckets", default="200,1000,5000,none",
                    help="change buckets (changes/s) of the throttling stand-in, one run each; none: no throttling")
    ap.add_argument("--pacing-octodns", default="1000",
                    help="buckets at which octoDNS loads the zone too (comma-separated; empty: none)")
    ap.add_argument("--many-zones", type=int, default=300, help="zones of the many-zones scenarios")
    ap.add_argument("--many-cycles", type=int, default=3)
    ap.add_argument("--many-changed", type=float, default=0.10, help="share of zones changed per cycle")
    ap.add_argument("--many-rps", type=float, default=50,
                    help="route53.requestsPerSecond of the measured many-zones runs (see bench/README.md)")
    ap.add_argument("--concurrency", type=int, default=4, choices=range(1, 33), metavar="1..32",
                    help="execution.concurrency of the many-zones runs: zones synced at once (default 4)")
    args = ap.parse_args()
    sizes = [int(s) for s in (args.sizes or ("10000" if args.quick else "10000,100000")).split(",")]
    scenarios = [x.strip() for x in args.scenarios.split(",") if x.strip()]
    unknown = [x for x in scenarios if x not in SCENARIO_GROUPS]
    if unknown:
        ap.error(f"--scenarios: unknown {unknown}; choose from {', '.join(SCENARIO_GROUPS)}")
    run_single = "single" in scenarios
    if args.pacing_size is None:
        args.pacing_size = 20_000 if args.quick else 100_000

    work = ROOT / "bench" / "work" / time.strftime("%Y%m%d-%H%M%S")
    work.mkdir(parents=True)
    latest = work.parent / "latest"
    if latest.is_symlink() or latest.exists():
        latest.unlink()
    latest.symlink_to(work.name)
    secret = re.search(r'secret "([^"]+)"', subprocess.check_output(
        ["/usr/sbin/tsig-keygen", "-a", "hmac-sha256", KEY_NAME], text=True)).group(1)
    env_base = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env_base.update(AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench", AWS_REGION="us-east-1",
                    AWS_DEFAULT_REGION="us-east-1", PATH=f"{VENV}:{os.environ['PATH']}")
    procs = Procs()
    results = []
    started = time.time()
    load_start = os.getloadavg()[0]
    run_meta = {"generated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "quick": args.quick,
                "engine": args.engine, "loadAverage1mStart": round(load_start, 1)}
    try:
        zones, models = [], {}
        for size in (sizes if run_single else []):
            origin = f"z{size // 1000}k.bench.example."
            text, model = zonegen.generate(origin, size, 1)
            path = work / f"{origin}zone"
            path.write_text(text)
            zones.append((origin, path))
            models[size] = (origin, model)
        if run_single:
            port, _ = start_named(procs, work, zones, secret)
            log(f"named on 127.0.0.1:{port}: {', '.join(o for o, _ in zones)}; work dir {work}")
            for size in sizes:
                origin, model = models[size]
                bench_size(size, args, procs, work, secret, port, origin, model, env_base, args.java, args.jar,
                           results)
            procs.stop_all()
        many = [x for x in scenarios if x in ("many-zones", "full-reconcile-all")]
        if many:
            import many_zones
            many_zones.bench_many(args, procs, work, secret, env_base, results, many, run_meta)
            procs.stop_all()
        if "pacing" in scenarios:
            import pacing
            pacing.bench_pacing(args, procs, work, secret, env_base, results, run_meta)
            procs.stop_all()
        if args.jmh_classpath and "jmh" in scenarios:
            run_jmh(args, procs, work, secret, results)
    finally:
        procs.stop_all()
    run_meta["runSeconds"] = round(time.time() - started)
    run_meta["loadAverage1mEnd"] = round(os.getloadavg()[0], 1)
    doc = {"generated": run_meta["generated"],
           "quick": args.quick, "sizes": sizes, "runSeconds": run_meta["runSeconds"],
           "environment": dict(report.environment(args.java, not args.stock_moto),
                               engine=args.engine, loadAverage1m={"start": round(load_start, 1), "end": round(os.getloadavg()[0], 1)}),
           "scenarios": results}
    out = Path(args.results)
    out.mkdir(parents=True, exist_ok=True)
    doc = merge_previous(doc, out / "latest.json", scenarios)
    (out / "latest.json").write_text(json.dumps(doc, indent=1) + "\n")
    report.chart(doc, out / "route53-calls.png")
    if args.readme:
        report.update_readme(doc, ROOT / "bench" / "README.md")
    shutil.copy(out / "latest.json", work / "latest.json")
    log(f"wrote {out / 'latest.json'} and {out / 'route53-calls.png'}; this run took {run_meta['runSeconds']} s")


if __name__ == "__main__":
    main()
