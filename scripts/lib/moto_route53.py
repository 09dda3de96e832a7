"""moto's server (the pinned moto 5.2.5) answering Route 53 the way AWS does, optionally with speed-only patches.

    .venv/bin/python scripts/lib/moto_route53.py [--indexed] -H 127.0.0.1 -p PORT

The one way this project starts moto: the Java test harness (MotoServer), scripts/bench, bench/*.py and
scripts/demo all run this file. All other moto services (SSM, Secrets Manager, ...) are moto's own.

Fidelity fixes (always on; each is a moto 5.2.5 behaviour that would let a wrong client pass or fail a
correct one):
  - ChangeResourceRecordSets is validated as AWS documents it ("To delete a resource record set, you must
    specify all the same values that you specified when you created it"; "Route 53 validates the changes
    in the request and then either makes all or none of the changes"). moto checked a DELETE only against
    its change journal (any earlier CREATE/UPSERT with those values, not the current ones), then deleted
    every RRset of that name and type whatever the TTL and values (and, with a SetIdentifier, every RRset
    with that identifier in the zone); it let a CREATE of an existing name and type add a duplicate; and
    it applied changes one by one, so a failing change left the earlier ones applied. Now the whole batch
    is first simulated in order against the zone's current RRsets, keyed by (name, type, SetIdentifier),
    names compared case-insensitively with octal escapes decoded (`\\052` is `*`):
      CREATE of an RRset that exists  -> "Tried to create resource record set [name='n.', type='T'] but it already exists"
      DELETE of an RRset that does not -> "Tried to delete resource record set [name='n.', type='T'] but it was not found"
      DELETE whose TTL, set of values (exact strings, any order), AliasTarget or routing fields differ
        -> "Tried to delete resource record set [name='n.', type='T'] but the values provided do not match the current values"
      (with a SetIdentifier the bracket also holds ", set-identifier='id'"). A DELETE then CREATE of the
    same RRset in one batch (the replace idiom) passes; UPSERT creates or replaces. A failed change does
    not alter the simulated zone. If any change fails, nothing is applied and the answer is what AWS sends:
    HTTP 400, the standard ErrorResponse with Code InvalidChangeBatch and ONE Message holding every
    failing change's text, bracketed and joined by ", ", e.g. "[Tried to delete ... but it was not found,
    Tried to create ... but it already exists]". (AWS's API model also has a Messages list; Route 53 does
    not fill it, so SDKs' InvalidChangeBatchException.messages() is empty and the text is the error
    message — aws-sdk-kotlin#1433/#1435.) A change with neither AliasTarget nor TTL and ResourceRecords is
    refused as AWS does (InvalidInput "Invalid request: Expected exactly one of [AliasTarget, all of [TTL,
    and ResourceRecords], or TrafficPolicyInstanceId], but found none in Change with [...]"). Batches are
    validated and applied under one lock, so concurrent writers see each other's batches whole.
  - ListHealthChecks lacks the `IsTruncated` and `MaxItems` elements AWS always sends; octodns-route53
    reads `IsTruncated` before creating any record (KeyError: 'IsTruncated'). Added: false, 100.
  - ChangeResourceRecordSets enforces the 1000-ResourceRecord limit but not the other per-request limit
    AWS enforces: at most 32 000 characters summed over all Value elements, UPSERT counted twice.
    Added, with AWS's answer (InvalidChangeBatch "RDATA character limit of 32000 exceeded.").
  - GetHostedZoneLimit is missing (moto answers 404 with an S3 error body). AWS always answers it;
    added for MAX_RRSETS_BY_ZONE with the zone's RRset count and a quota of RRSET_QUOTA, i.e. an
    account whose quota was raised: the default 10 000 holds neither bench zone (the 10k zone plus
    apex SOA, NS and zonesync's marker is 10 003 RRsets).
Not fixed (still moto): names are stored and listed as sent (case kept, `*` not shown as `\\052`), no
validation of record values, apex SOA/NS can be deleted, GetChange is always INSYNC.

Cost: the change-batch check looks each change up in a per-zone dict of the RRsets ((name, type,
SetIdentifier) -> RRset, built once, kept up to date by every batch): O(1) per change, no scan of the
zone or of moto's change journal (which moto scanned linearly for every CREATE and DELETE: O(N^2) to
load N RRsets). Applying a batch appends created RRsets and rewrites the zone's RRset list once per
batch only when it deletes or replaces some.

`--indexed` adds a speed-only patch with the same answers: ListResourceRecordSets uses the zone's sorted
order cached until the next change, start found by bisect (moto sorts the whole zone for every page,
O(N^2 log N / 300) to read a zone). Requests and responses are unchanged; scripts/bench checks each
tool's result in the emulator and `scripts/bench --stock-moto` turns this off.
"""

import bisect
import copy
import re
import sys
import threading

RRSET_QUOTA = 200_000

_OCTAL = re.compile(r"\\(\d{3})")
_LOCK = threading.Lock()


def _canonical_name(name):
    """What Route 53 compares: case-insensitive, octal escapes decoded, absolute."""
    name = _OCTAL.sub(lambda m: chr(int(m.group(1), 8)), name).lower()
    return name if name.endswith(".") else name + "."


def _key(name, rtype, set_identifier):
    return _canonical_name(name), rtype, set_identifier or None


def _text(value):
    return None if value is None else str(value).lower()


def _signature(ttl, values, alias, weight, region, failover, health_check, multi_value, geo):
    """Everything a DELETE must repeat, normalised: values as a sorted list of exact strings."""
    if alias:
        alias = (
            alias.get("HostedZoneId"),
            _canonical_name(alias.get("DNSName") or ""),
            _text(alias.get("EvaluateTargetHealth")),
        )
    return (
        None if ttl is None else int(ttl),
        sorted(str(v) for v in values or ()),
        alias or None,
        _text(weight),
        region,
        failover,
        health_check,
        _text(multi_value),
        tuple(sorted(geo.items())) if isinstance(geo, dict) else geo,
    )


def _stored_signature(rs):
    return _signature(rs.ttl, rs.records, rs.alias_target, rs.weight, rs.region, rs.failover,
                      rs.health_check_id, rs.multi_value_answer, rs.geo_location)


def _requested_signature(rr):
    return _signature(rr.get("TTL"), [x.get("Value") for x in rr.get("ResourceRecords") or []],
                      rr.get("AliasTarget"), rr.get("Weight"), rr.get("Region"), rr.get("Failover"),
                      rr.get("HealthCheckId"), rr.get("MultiValueAnswer"), rr.get("GeoLocation"))


def _describe(rr):
    """The bracket AWS puts in its messages: [name='a.example.com.', type='A'(, set-identifier='x')]."""
    name = rr["Name"].lower()
    name = name if name.endswith(".") else name + "."
    text = f"[name='{name}', type='{rr['Type']}'"
    if rr.get("SetIdentifier"):
        text += f", set-identifier='{rr['SetIdentifier']}'"
    return text + "]"


def _zone_index(zone, m):
    index = zone.__dict__.get("_rrset_index")
    if index is None:
        index = zone.__dict__["_rrset_index"] = {}
        for rs in zone.rrsets:
            index[_key(rs.name, rs.type, rs.set_identifier)] = rs
    return index


def _record_set(rr, m):
    """The RRset moto stores for a CREATE/UPSERT (as moto built it: name absolute, values as strings)."""
    d = dict(rr)
    if not d["Name"].endswith("."):
        d["Name"] += "."
    if "ResourceRecords" in d:
        d["ResourceRecords"] = [x["Value"] for x in d["ResourceRecords"]]
    return m.RecordSet(d)


def _apply(zone, index, final):
    """Puts each touched key's end state into the zone: one pass over the RRset list if any went away or was replaced."""
    replaced = {}
    for k, new in final.items():
        old = index.get(k)
        if old is not None:
            replaced[id(old)] = new
        if new is None:
            index.pop(k, None)
        else:
            index[k] = new
            if old is None:
                zone.rrsets.append(new)
    if replaced:
        zone.rrsets = [r for r in (replaced.get(id(rs), rs) for rs in zone.rrsets) if r is not None]
    zone.__dict__.pop("_sorted", None)  # --indexed's listing cache


def change_batch_fix():
    from moto.route53 import models as m
    from moto.route53.exceptions import (DnsNameInvalidForZone, InvalidActionValue, InvalidInput,
                                         Route53ClientError)
    from moto.route53.utils import validate_domain_name

    absent = object()

    def change_resource_record_sets(self, zoneid, change_list):
        zone = self.get_hosted_zone(zoneid)
        # request-shape errors first: they say nothing about the zone's content
        for value in change_list:
            rr = value["ResourceRecordSet"]
            validate_domain_name(rr["Name"], code="InvalidChangeBatch")
            if value["Action"] not in ("CREATE", "UPSERT", "DELETE"):
                raise InvalidActionValue(value["Action"])
            if not rr["Name"].strip(".").endswith(zone.name.strip(".")):
                raise DnsNameInvalidForZone(name=rr["Name"], zone_name=zone.name)
            if not rr.get("AliasTarget") and not rr.get("TrafficPolicyInstanceId") and not (
                rr.get("TTL") is not None and rr.get("ResourceRecords")
            ):
                raise InvalidInput(
                    "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords],"
                    f" or TrafficPolicyInstanceId], but found none in Change with [Action={value['Action']},"
                    f" Name={rr['Name']}, Type={rr['Type']}, SetIdentifier={rr.get('SetIdentifier', 'null')}]"
                )
        with _LOCK:
            index = _zone_index(zone, m)
            final, messages = {}, []  # key -> RRset after this batch (None: deleted)
            for value in change_list:
                rr, action = value["ResourceRecordSet"], value["Action"]
                k = _key(rr["Name"], rr["Type"], rr.get("SetIdentifier"))
                current = final.get(k, absent)
                if current is absent:
                    current = index.get(k)
                if action == "CREATE":
                    if current is not None:
                        messages.append(f"Tried to create resource record set {_describe(rr)} but it already exists")
                        continue
                    final[k] = _record_set(rr, m)
                elif action == "DELETE":
                    if current is None:
                        messages.append(f"Tried to delete resource record set {_describe(rr)} but it was not found")
                        continue
                    if _stored_signature(current) != _requested_signature(rr):
                        messages.append(f"Tried to delete resource record set {_describe(rr)}"
                                        " but the values provided do not match the current values")
                        continue
                    final[k] = None
                else:
                    final[k] = _record_set(rr, m)
            if messages:
                raise Route53ClientError("InvalidChangeBatch", "[" + ", ".join(messages) + "]")
            _apply(zone, index, final)
            for value in change_list:
                zone.rr_changes.append(copy.deepcopy(value))

    m.Route53Backend.change_resource_record_sets = change_resource_record_sets

    # the zone's own RRset methods (used by create_hosted_zone and CloudFormation) bypass the index
    def forgets_index(fn):
        def wrapper(self, *a, **kw):
            self.__dict__.pop("_rrset_index", None)
            self.__dict__.pop("_sorted", None)
            return fn(self, *a, **kw)

        return wrapper

    for name in ("add_rrset", "upsert_rrset", "delete_rrset", "delete_rrset_by_id"):
        setattr(m.FakeZone, name, forgets_index(getattr(m.FakeZone, name)))


def fidelity():
    from moto.route53 import responses as r

    original = r.Route53.list_health_checks

    def list_health_checks(self):
        result = original(self)
        result.result.setdefault("IsTruncated", False)
        result.result.setdefault("MaxItems", "100")
        return result

    r.Route53.list_health_checks = list_health_checks

    from moto.route53 import urls

    urls.url_paths[r"{0}/(?P<api_version>[\d_-]+)/hostedzonelimit/(?P<zone_id>[^/]+)/(?P<limit_type>[^/]+)$"] = (
        r.Route53.dispatch
    )

    def get_hosted_zone_limit(self):
        zone = self.backend.get_hosted_zone(self._get_param("HostedZoneId"))
        limit_type = self._get_param("Type")
        if limit_type == "MAX_RRSETS_BY_ZONE":
            value, count = RRSET_QUOTA, len(zone.rrsets)
        else:  # MAX_VPCS_ASSOCIATED_BY_ZONE
            value, count = 300, len(zone.vpcs)
        return r.ActionResult({"Limit": {"Type": limit_type, "Value": value}, "Count": count})

    r.Route53.get_hosted_zone_limit = get_hosted_zone_limit

    from moto.route53.exceptions import Route53ClientError

    change_rrsets = r.Route53.change_resource_record_sets

    def change_resource_record_sets(self):
        chars = 0
        for value in self._get_param("ChangeBatch.Changes") or []:
            weight = 2 if value.get("Action") == "UPSERT" else 1
            for rr in value.get("ResourceRecordSet", {}).get("ResourceRecords") or []:
                chars += weight * len(rr.get("Value") or "")
        if chars > 32_000:
            raise Route53ClientError("InvalidChangeBatch", "RDATA character limit of 32000 exceeded.")
        return change_rrsets(self)

    r.Route53.change_resource_record_sets = change_resource_record_sets

    change_batch_fix()


def indexed():
    from moto.route53 import models as m

    FakeZone = m.FakeZone

    # every mutation of a zone's record list goes through these or through _apply, which drop the cache
    def invalidate(fn):
        def wrapper(self, *a, **kw):
            self.__dict__.pop("_sorted", None)
            return fn(self, *a, **kw)

        return wrapper

    for name in ("add_rrset", "upsert_rrset", "delete_rrset", "delete_rrset_by_id"):
        setattr(FakeZone, name, invalidate(getattr(FakeZone, name)))

    def get_record_sets(self, start_type, start_name):
        cached = self.__dict__.get("_sorted")
        if cached is None or cached[0] is not self.rrsets or cached[1] != len(self.rrsets):
            ordered = sorted(self.rrsets, key=lambda r: (m.reverse_domain_name(r.name), r.type))
            keys = [(m.reverse_domain_name(r.name), r.type) for r in ordered]
            cached = self.__dict__["_sorted"] = (self.rrsets, len(self.rrsets), ordered, keys)
        ordered, keys = cached[2], cached[3]
        if not start_name:
            return list(ordered)
        i = bisect.bisect_left(keys, (m.reverse_domain_name(start_name), start_type or ""))
        return ordered[i:]

    FakeZone.get_record_sets = get_record_sets


MOTO_VERSION = "5.2.5"  # scripts/lib/env.sh pins the same; the fixes above are written against it


def main():
    import moto

    if moto.__version__ != MOTO_VERSION:
        sys.exit(f"{__file__}: written for moto {MOTO_VERSION}, found {moto.__version__}: revisit its fixes"
                 f" (or .venv/bin/pip install 'moto[server]=={MOTO_VERSION}')")
    argv = sys.argv[1:]
    fidelity()
    if "--indexed" in argv:
        argv.remove("--indexed")
        indexed()
    from moto.server import main as moto_main

    moto_main(argv)


if __name__ == "__main__":
    main()
