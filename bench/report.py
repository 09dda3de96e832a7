"""Turns bench/results/latest.json into the table in bench/README.md and the chart (also: python bench/report.py)."""

import json
import os
import platform
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
SCENARIOS = ("initial-load", "no-change", "small-change", "full-reconcile")
OPS = {"ChangeResourceRecordSets": "Change", "ListResourceRecordSets": "List", "ListHostedZonesByVPC": "ZonesByVPC",
       "ListHostedZones": "Zones", "GetHostedZone": "GetZone", "ListHostedZonesByName": "ZonesByName"}


def environment(java, indexed_moto):
    def version(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True).stdout.strip() or None
        except OSError:
            return None

    from importlib.metadata import PackageNotFoundError, version as _pv

    def pv(name):  # bench/run.py run directly may lack octoDNS (scripts/bench installs it)
        try:
            return _pv(name)
        except PackageNotFoundError:
            return None
    java_v = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return {"cpus": os.cpu_count(), "memGiB": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
            "python": platform.python_version(), "java": java_v,
            "named": version(["/usr/sbin/named", "-v"]),
            "moto": pv("moto") + (" + scripts/lib/moto_route53.py --indexed" if indexed_moto else " + scripts/lib/moto_route53.py"),
            "octodns": pv("octodns"), "octodns-bind": pv("octodns-bind"), "octodns-route53": pv("octodns-route53"),
            "boto3": pv("boto3")}


def _rows(doc):
    return [s for s in doc["scenarios"] if s.get("name") in SCENARIOS]


def _calls(row):
    ops = [f"{OPS.get(k, k)} {v:g}" for k, v in row["route53Calls"].items() if k != "total" and v]
    return " · ".join(ops) or "—"


def _size(n):
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def _secs(ms):
    return f"{ms / 1000:.1f} s" if ms < 100_000 else f"{ms / 1000:.0f} s"


def table(doc):
    env = doc["environment"]
    lines = [
        f"Run of {doc['generated']}{' (`--quick`)' if doc['quick'] else ''}, engine {env.get('engine') or '?'}: "
        f"{env['cpus']} cores, "
        f"{env['memGiB']} GiB; {env['named']}; moto {env['moto']}; octoDNS {env['octodns']} "
        f"(octodns-bind {env['octodns-bind']}, octodns-route53 {env['octodns-route53']}); "
        f"whole run {doc['runSeconds']} s; 1-minute load average {env['loadAverage1m']['start']} at the start, "
        f"{env['loadAverage1m']['end']} at the end. Calls counted by the proxy; wall time and peak RSS of "
        f"the tool's process.",
        "",
        "| Scenario | RRsets | Tool | Route 53 calls by operation | Total | Change calls / lower bound | Wall (of it: waiting for moto) | Peak RSS |",
        "|---|---:|---|---|---:|---:|---:|---:|",
    ]
    rows = _rows(doc)
    for size in doc["sizes"]:
        for sc in SCENARIOS:
            for r in (r for r in rows if r["zoneRRsets"] == size and r["name"] == sc):
                note = ""
                if r.get("error"):
                    note = f" ⚠ failed: {r['error'].split('operation: ')[-1][:90]}"
                elif r.get("rrsetsDifferingAfter"):
                    note = f" ⚠ {r['rrsetsDifferingAfter']} RRsets differ afterwards"
                tool = {"octodns": f"octoDNS (max_changes {r.get('octodnsMaxChanges')})",
                        "octodns-default": "octoDNS as shipped (max_changes 1000)"}.get(r["tool"], r["tool"])
                if r["tool"] == "zonesync" and r.get("transfer"):
                    tool += f" ({r['transfer']})"
                lines.append(
                    f"| {sc} | {_size(size)} | {tool}{note} | {_calls(r)} | {r['route53Calls']['total']} | "
                    f"{r['changeCalls']} / {r['lowerBoundChangeCalls']} | {_secs(r['wallMs'])} ({_secs(r.get('emulatorMs', 0))}) | "
                    f"{r['peakRssMb']:.0f} MB |")
    lines += ["", "octoDNS (the configuration that works) ÷ zonesync (higher = zonesync better):", "",
              "| Scenario | RRsets | Route 53 calls | Wall time |", "|---|---:|---:|---:|"]
    for size in doc["sizes"]:
        for sc in SCENARIOS:
            pair = {r["tool"]: r for r in rows if r["zoneRRsets"] == size and r["name"] == sc}
            if "zonesync" in pair and "octodns" in pair:
                z, o = pair["zonesync"], pair["octodns"]
                calls = (f"{o['route53Calls']['total'] / z['route53Calls']['total']:.1f}×"
                         if z["route53Calls"]["total"] else "—")
                lines.append(f"| {sc} | {_size(size)} | {calls} | {o['wallMs'] / z['wallMs']:.1f}× |")
    jmh = [s for s in doc["scenarios"] if s.get("name", "").startswith("transfer-plan-batch")]
    for j in jmh:
        lines.append("")
        if j.get("error"):
            lines.append(f"JMH `{j['name']}`: failed: {j['error'][:200]}")
        else:
            lines.append(
                f"JMH `{j['name']}` ({j['records']:,} records, {j['rrsets']:,} RRsets, AXFR from named with TSIG → "
                f"snapshot → plan against an empty hosted zone → batches, `-Xmx1g`): **{j['ms']:,} ms** "
                f"(mean of {j['iterations']}, {j['msMin']:,}–{j['msMax']:,} ms), peak heap **{j.get('peakHeapMb', '?')} MB** "
                f"(live after the plan: {j.get('liveHeapMb', '?')} MB), {j.get('batches', '?')} batches.")
    lines += ["", "![Route 53 calls per scenario](results/route53-calls.png)"]
    lines += many_zones_table(doc)
    lines += pacing_table(doc)
    return "\n".join(lines)


def _kind(row, kind):
    k = row.get("callsByTransfer", {}).get(kind)
    return f"{k['mean']:g} ({k['zones']})" if k else "—"


def many_zones_table(doc):
    rows = {r["name"]: r for r in doc["scenarios"]
            if r.get("name", "").startswith("many-zones") or r.get("name") == "full-reconcile-all"}
    if not rows:
        return []
    first = next(iter(rows.values()))
    run = first.get("run", {})
    pacing = next((r["pacing"] for r in rows.values() if r.get("pacing")), {})
    lines = ["", "### Many zones", "",
             f"Run of {run.get('generated', '?')}{' (`--quick`)' if run.get('quick') else ''}, engine "
             f"{run.get('engine') or '?'}, whole run {run.get('runSeconds', '?')} s, 1-minute load average "
             f"{run.get('loadAverage1mStart', '?')} → {run.get('loadAverage1mEnd', '?')}: {first['zones']} zones "
             f"({first['zoneRRsetsTotal']:,} RRsets) in one named and one zonesync configuration; each run syncs "
             f"every zone, {first.get('concurrency', '?')} at a time, paced at {pacing.get('requestsPerSecond', '?'):g} "
             f"requests/s (the set-up load faster); the cycles in one process that keeps its engine as a warm "
             f"Lambda container does (the handler under `LocalInvoke --again-on-stdin`), the cold cycle in a fresh one (the CLI). Calls per zone by the transfer zonesync chose (NONE: "
             f"unchanged, IXFR: changed), from its report. Capacity = min(300 s × 5 req/s ÷ calls per zone, "
             f"300 s ÷ wall per zone).",
             "",
             "| Run | Zones changed (RRsets) | Route 53 calls by operation | Total | Calls / zone | "
             "Unchanged zone (zones) | Changed zone (zones) | Wall (per zone) | Capacity / 5 min (by calls · by wall) | "
             "RRsets differing after |",
             "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    order = ["many-zones-setup"] + sorted((n for n in rows if n.startswith("many-zones-cycle-")),
                                          key=lambda n: int(n.rsplit("-", 1)[1])) + [
        "many-zones", "many-zones-cold-cycle", "full-reconcile-all"]
    for name in order:
        r = rows.get(name)
        if r is None:
            continue
        label = {"many-zones-setup": "set-up (initial load, not paced like the cycles)",
                 "many-zones": f"**mean of {r.get('cycles')} cycles**",
                 "many-zones-cold-cycle": "one more cycle, cold (a new process)",
                 "full-reconcile-all": "full-reconcile-all (`--full`)"}.get(name, name.replace("many-zones-", ""))
        changed = f"{r['changedZones']} ({r['changedRRsets']})" if "changedZones" in r else "—"
        if name == "many-zones":
            changed = f"{r['changedShare']:.0%} per cycle"
            wall = f"{r['wallSecondsPerZone'] * 1000:.0f} ms"
        else:
            wall = f"{_secs(r['wallMs'])} ({r['wallSecondsPerZone'] * 1000:.0f} ms)"
        total = r["route53Calls"]["total"]
        note = f" ⚠ {r['error']}" if r.get("error") else ""
        diff = r.get("rrsetsDifferingAfter")
        cap = "—" if name == "many-zones-setup" else \
            f"{r['capacityZonesPer5Min']:,} ({r['capacityByCalls']:,} · {r['capacityByWall']:,})"
        lines.append(
            f"| {label}{note} | {changed} | {_calls(r)} | {total:g} | {r['callsPerZone']:.2f} | "
            f"{_kind(r, 'NONE')} | {_kind(r, 'IXFR')} | {wall} | {cap} | "
            f"{'—' if diff is None else diff} |")
    summary = rows.get("many-zones")
    if summary and "logBytesPerZoneCycle" in summary:
        zones = summary["zones"]
        lines += ["", f"What the function wrote to its log per warm cycle ({zones} zones, the handler's own "
                  "stdout as CloudWatch Logs stores it, one event per line): "
                  f"**{summary['logBytesPerZoneCycle']:g} bytes per zone and cycle** "
                  f"({summary['logEventsPerCycle']:g} log lines of {summary['logBytesPerCycle']:,.0f} bytes and "
                  f"{summary['emfDocumentsPerCycle']:g} EMF document(s) of {summary['emfBytesPerCycle']:,.0f} bytes "
                  f"per cycle, {summary['eventsPerZoneCycle']:g} events per zone; of it "
                  f"{summary.get('zoneLogBytesPerZoneCycle', 0):g} bytes the zone's own lines and "
                  f"{summary.get('invocationLogBytes', 0):,.0f} bytes per invocation: the request line "
                  "listing its zones and the EMF document); "
                  f"**{summary['distinctMetrics']} distinct CloudWatch metrics** (namespace, name, dimension "
                  f"values) over {summary['cycles']} cycles: "
                  + ", ".join(f"`{m.split(' ')[1]}`" for m in summary.get("metrics", [])) + "."]
    return lines


def pacing_table(doc):
    rows = [r for r in doc["scenarios"] if r.get("name", "").startswith("pacing-")]
    if not rows:
        return []
    run = rows[0].get("run", {})
    size = rows[0]["zoneRRsets"]
    lines = ["", "### Pacing", "",
             f"Run of {run.get('generated', '?')}{' (`--quick`)' if run.get('quick') else ''}, engine "
             f"{run.get('engine') or '?'}, whole run {run.get('runSeconds', '?')} s, 1-minute load average "
             f"{run.get('loadAverage1mStart', '?')} → {run.get('loadAverage1mEnd', '?')}: an initial load of "
             f"{size:,} RRsets into a stand-in that throttles as Route 53 does (request bucket 10/s, burst 50; "
             f"change bucket B changes/s, burst B but at least 1000), zonesync with `changesPerSecond: "
             f"{rows[0].get('changeCeiling', 10000):,}` (the ceiling it learns below) and `requestsPerSecond: 8`. "
             f"Achieved: accepted changes ÷ the time from the first change request to the last accepted one "
             f"answered (at the proxy); throttled: `Throttling` answers; failed batches: batches never applied.",
             "",
             "Reachable: the bucket, or what the same tool achieved without throttling in this run when that "
             "is less (one hosted zone's change batches go one after the other, so the round trip bounds an "
             "unthrottled load: the stand-in's answer and the client's gap before its next request are shown).",
             "",
             "| Scenario | Tool | Change bucket | Achieved changes/s (of the bucket) | Reachable (achieved share) | "
             "Throttled | Failed batches | Load / wall time | Round trip: answer + gap | Learned rates at the end "
             "| RRsets differing after |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|"]
    for r in rows:
        bucket = r.get("bucketChangesPerSecond")
        share = f" ({r['shareOfBucket']:.0%})" if r.get("shareOfBucket") is not None else ""
        tool = r["tool"] if r["tool"] == "zonesync" else f"octoDNS (max_changes {r.get('octodnsMaxChanges')})"
        learned = r.get("learnedRates")
        learned = (f"{learned['changesPerSecond']:,.0f} changes/s, {learned['requestsPerSecond']:g} requests/s"
                   if learned else "—")
        note = f" ⚠ {r['error'][:90]}" if r.get("error") else ""
        load = "—" if r.get("loadSeconds") is None else f"{r['loadSeconds']:.0f} s"
        diff = r.get("rrsetsDifferingAfter")
        reach = (f"{r['reachableChangesPerSecond']:,} ({r['shareOfReachable']:.0%})"
                 if r.get("reachableChangesPerSecond") else "—")
        trip = (f"{r['meanAnswerMs']:.0f} + {r['meanGapMs']:.0f} ms"
                if r.get("meanAnswerMs") is not None and r.get("meanGapMs") is not None else "—")
        lines.append(
            f"| {r['name']}{note} | {tool} | {'none' if bucket is None else f'{bucket:,}/s'} | "
            f"{r['achievedChangesPerSecond']:,}{share} | {reach} | {r['throttled']} | "
            f"{r.get('failedBatches', '—')} | {load} / {_secs(r['wallMs'])} | {trip} | {learned} | "
            f"{'—' if diff is None else diff} |")
    return lines


def update_readme(doc, readme):
    text = readme.read_text()
    if BEGIN not in text or END not in text:
        print(f"bench/README.md has no {BEGIN} … {END} markers; table not written", file=sys.stderr)
        return
    new = re.sub(re.escape(BEGIN) + r".*?" + re.escape(END), lambda _: f"{BEGIN}\n{table(doc)}\n{END}", text,
                 flags=re.S)
    readme.write_text(new)


def chart(doc, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = _rows(doc)
    groups = [(size, sc) for size in doc["sizes"] for sc in SCENARIOS]
    find = lambda size, sc, tool: next(  # noqa: E731
        (r for r in rows if r["zoneRRsets"] == size and r["name"] == sc and r["tool"] == tool), None)
    panels = [
        ("All Route 53 calls", [("zonesync", "zonesync", "#2b7bba", lambda r: r["route53Calls"]["total"]),
                                ("octodns", "octoDNS (max_changes that fits)", "#e07b39", lambda r: r["route53Calls"]["total"])]),
        ("ChangeResourceRecordSets calls", [
            ("zonesync", "zonesync", "#2b7bba", lambda r: r["changeCalls"]),
            ("octodns", "octoDNS (max_changes that fits)", "#e07b39", lambda r: r["changeCalls"]),
            ("zonesync", "lower bound", "#8a8a8a", lambda r: r["lowerBoundChangeCalls"])]),
    ]
    fig, axes = plt.subplots(2, 1, figsize=(max(8, 1.25 * len(groups)), 7.5), dpi=110, sharex=True)
    for ax, (title, series) in zip(axes, panels):
        width = 0.8 / len(series)
        for k, (tool, label, color, value) in enumerate(series):
            xs, ys = [], []
            for i, (size, sc) in enumerate(groups):
                r = find(size, sc, tool)
                if r is None:
                    continue
                v = value(r)
                x = i + (k - (len(series) - 1) / 2) * width
                if v > 0:
                    xs.append(x)
                    ys.append(v)
                failed = r.get("error") and label != "lower bound"
                ax.annotate("✗" if failed else str(v), (x, max(v, 0.8)), ha="center", va="bottom", fontsize=7)
            ax.bar(xs, ys, width, label=label, color=color)
        ax.set_yscale("log")
        ax.set_ylim(0.7, None)
        ax.set_ylabel("calls (log scale)")
        ax.set_title(title, fontsize=10)
        ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        ax.grid(axis="y", which="major", alpha=0.3)
    axes[-1].set_xticks(range(len(groups)), [f"{sc}\n{_size(size)} RRsets" for size, sc in groups], fontsize=8)
    fig.suptitle("Route 53 calls per scenario — counted at the proxy, moto emulator", fontsize=11)
    fig.tight_layout()
    fig.savefig(path)


if __name__ == "__main__":
    d = json.loads((ROOT / "bench" / "results" / "latest.json").read_text())
    chart(d, ROOT / "bench" / "results" / "route53-calls.png")
    update_readme(d, ROOT / "bench" / "README.md")
