"""A counting HTTP proxy in front of the Route 53 emulator: every tool measured talks through it.

    python bench/proxy.py --listen-port P --upstream http://127.0.0.1:M

Each request is forwarded unchanged (HTTP/1.1, keep-alive) and counted by Route 53 operation, derived
from the REST method and path (https://docs.aws.amazon.com/Route53/latest/APIReference/). For every
ChangeResourceRecordSets request it also records what was sent: Change elements by action, and the
ResourceRecord values and Value characters as Route 53 counts them against its limits (UPSERT twice),
the HTTP status and when the request arrived and was answered, plus the error code of a rejected
request, and the time spent waiting for the emulator.

Control (not forwarded, not counted):
    GET /__bench/stats          the counters since the last reset, as JSON
    GET /__bench/stats?reset=1  the same, then zero them
"""

import argparse
import http.client
import json
import re
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

NS = "{https://route53.amazonaws.com/doc/2013-04-01/}"
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding",
              "upgrade", "content-length", "host", "expect"}
ROUTES = [  # (method, path regex after /2013-04-01, operation)
    ("POST", r"/hostedzone/[^/]+/rrset/?", "ChangeResourceRecordSets"),
    ("GET", r"/hostedzone/[^/]+/rrset/?", "ListResourceRecordSets"),
    ("POST", r"/hostedzone/[^/]+/associatevpc/?", "AssociateVPCWithHostedZone"),
    ("GET", r"/hostedzone/[^/]+", "GetHostedZone"),
    ("DELETE", r"/hostedzone/[^/]+", "DeleteHostedZone"),
    ("POST", r"/hostedzone/?", "CreateHostedZone"),
    ("GET", r"/hostedzone/?", "ListHostedZones"),
    ("GET", r"/hostedzonesbyname/?", "ListHostedZonesByName"),
    ("GET", r"/hostedzonesbyvpc/?", "ListHostedZonesByVPC"),
    ("GET", r"/hostedzonecount/?", "GetHostedZoneCount"),
    ("GET", r"/hostedzonelimit/.*", "GetHostedZoneLimit"),
    ("GET", r"/change/[^/]+", "GetChange"),
    ("GET", r"/healthcheck/?", "ListHealthChecks"),
    ("GET", r"/cidrcollection/?", "ListCidrCollections"),
    ("GET", r"/tags/.*", "ListTagsForResource"),
]


def operation(method, path):
    p = urllib.parse.urlsplit(path).path
    if p.startswith("/2013-04-01"):
        rest = p[len("/2013-04-01"):]
        for m, rx, op in ROUTES:
            if m == method and re.fullmatch(rx, rest):
                return op
    return f"{method} {p}"


def change_batch_stats(body):
    """What one ChangeResourceRecordSets request asks for, counted as Route 53 counts its limits."""
    root = ET.fromstring(body)
    actions, values, chars = {}, 0, 0
    for change in root.iter(NS + "Change"):
        action = change.findtext(NS + "Action")
        actions[action] = actions.get(action, 0) + 1
        weight = 2 if action == "UPSERT" else 1
        for v in change.iter(NS + "Value"):
            values += weight
            chars += weight * len(v.text or "")
    return {"changes": sum(actions.values()), "actions": actions, "values": values, "chars": chars}


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.calls, self.changes, self.errors, self.started = {}, [], [], time.time()
        self.upstream_s = {}  # seconds spent waiting for the emulator, by operation

    def snapshot(self, reset=False):
        with self.lock:
            out = {"calls": dict(self.calls), "total": sum(self.calls.values()),
                   "changeBatches": list(self.changes), "errors": list(self.errors),
                   "upstreamMs": {k: round(v * 1000) for k, v in self.upstream_s.items()},
                   "seconds": round(time.time() - self.started, 3)}
            if reset:
                self.reset()
            return out


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    stats: Stats
    upstream: urllib.parse.SplitResult

    def log_message(self, *args):
        pass

    def _body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def _send(self, status, headers, body):
        self.send_response_only(status)
        for k, v in headers:
            if k.lower() not in HOP_BY_HOP:
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _upstream(self):
        conn = getattr(self, "_conn", None)
        if conn is None:
            conn = self._conn = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port,
                                                           timeout=600)
        return conn

    def _handle(self):
        body = self._body()
        if self.path.startswith("/__bench/stats"):
            reset = "reset=1" in self.path
            out = json.dumps(self.stats.snapshot(reset)).encode()
            return self._send(200, [("Content-Type", "application/json")], out)
        op = operation(self.command, self.path)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        headers["Host"] = self.upstream.netloc
        t0 = time.monotonic()
        received = time.time()
        for attempt in (1, 2):  # a kept-alive upstream connection may have been closed meanwhile
            try:
                conn = self._upstream()
                conn.request(self.command, self.path, body=body, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
                break
            except (http.client.HTTPException, ConnectionError, OSError):
                self._conn = None
                if attempt == 2:
                    raise
        spent = time.monotonic() - t0
        entry = None
        if op == "ChangeResourceRecordSets":
            try:
                entry = change_batch_stats(body)
            except ET.ParseError:
                entry = {"changes": 0, "actions": {}, "values": 0, "chars": 0}
            entry["status"] = resp.status
            # when the request arrived and its answer was ready (epoch seconds): the pacing
            # scenarios measure the rate of accepted changes over the load from these
            entry["at"] = round(received, 4)
            entry["done"] = round(received + spent, 4)
        with self.stats.lock:
            self.stats.calls[op] = self.stats.calls.get(op, 0) + 1
            self.stats.upstream_s[op] = self.stats.upstream_s.get(op, 0.0) + spent
            if entry is not None:
                self.stats.changes.append(entry)
            if resp.status >= 400:
                code = re.search(rb"<Code>([^<]+)</Code>", data)
                msg = re.search(rb"<Message>([^<]{0,300})", data)
                self.stats.errors.append({"operation": op, "status": resp.status,
                                          "code": code.group(1).decode() if code else None,
                                          "message": msg.group(1).decode() if msg else None})
        self._send(resp.status, resp.getheaders(), data)

    do_GET = do_POST = do_DELETE = do_PUT = _handle


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--listen-port", type=int, required=True)
    ap.add_argument("--upstream", required=True)
    a = ap.parse_args()
    Handler.stats = Stats()
    Handler.upstream = urllib.parse.urlsplit(a.upstream)
    server = ThreadingHTTPServer(("127.0.0.1", a.listen_port), Handler)
    server.daemon_threads = True
    print(f"proxy listening on 127.0.0.1:{a.listen_port} -> {a.upstream}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
