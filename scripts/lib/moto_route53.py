"""moto's server (the pinned moto 5.2.5) with one fidelity fix and, optionally, speed-only patches.

    python bench/moto_server.py [--indexed] -H 127.0.0.1 -p PORT

Fidelity fixes (always on; each is a moto 5.2.5 bug that would fail a correct client):
  - ListHealthChecks lacks the `IsTruncated` and `MaxItems` elements AWS always sends; octodns-route53
    reads `IsTruncated` before creating any record (KeyError: 'IsTruncated'). Added: false, 100.
  - a CREATE identical to an earlier change of the zone (an RRset deleted and created again, e.g. drift
    repaired) fails with "Tried to create resource record set ... but it already exists" whenever *any*
    RRset sorts after it: moto tests "records from this name on" instead of "this name and type".
    Fixed to test the name and type.
  - ChangeResourceRecordSets enforces the 1000-ResourceRecord limit but not the other per-request limit
    AWS enforces: at most 32 000 characters summed over all Value elements, UPSERT counted twice.
    Added, with AWS's answer (InvalidChangeBatch "RDATA character limit of 32000 exceeded.").
  - GetHostedZoneLimit is missing (moto answers 404 with an S3 error body). AWS always answers it;
    added for MAX_RRSETS_BY_ZONE with the zone's RRset count and a quota of RRSET_QUOTA, i.e. an
    account whose quota was raised: the default 10 000 holds neither bench zone (the 10k zone plus
    apex SOA, NS and zonesync's marker is 10 003 RRsets).

Why: moto keeps every change of a hosted zone in a journal list and scans it linearly for every
CREATE (`change in journal`) and every DELETE (`has_insert_or_update`), and sorts the whole zone for
every ListResourceRecordSets page. Loading N RRsets therefore costs O(N^2) and reading a zone costs
O(N^2 log N / 300): at 100k RRsets the emulator, not the tool measured, would take most of an hour.

`--indexed` replaces those three scans with indexes giving the same answers:
  - journal membership: a set of the changes' canonical JSON (the same equality as dict ==);
  - has_insert_or_update: the CREATE/UPSERT changes grouped by (name, type), scanned in order;
  - record listing: the zone's sorted order cached until the next change, start found by bisect
    (what `dropwhile` over the sorted list computed).
Requests and responses are unchanged; scripts/bench checks each tool's result in the emulator.
"""

import bisect
import inspect
import json
import sys
import textwrap


def patch():
    from moto.route53 import models as m

    ChangeList, FakeZone = m.ChangeList, m.FakeZone

    def key(item):
        return json.dumps(item, sort_keys=True, separators=(",", ":"))

    def index(self):
        if not hasattr(self, "_keys"):
            self._keys, self._by_name_type = set(), {}
            for item in list.__iter__(self):
                _index_one(self, item)
        return self

    def _index_one(self, item):
        self._keys.add(key(item))
        if item["Action"] in ("CREATE", "UPSERT"):
            rr = item["ResourceRecordSet"]
            self._by_name_type.setdefault((rr["Name"], rr["Type"]), []).append(item)

    def append(self, item):
        item["ResourceRecordSet"]["Name"] = item["ResourceRecordSet"]["Name"].strip(".")
        list.append(self, item)
        _index_one(index(self), item)

    def contains(self, item):
        item["ResourceRecordSet"]["Name"] = item["ResourceRecordSet"]["Name"].strip(".")
        return key(item) in index(self)._keys

    def has_insert_or_update(self, new_rr_set):
        for change in index(self)._by_name_type.get((new_rr_set["Name"].strip("."), new_rr_set["Type"]), ()):
            rr_set = change["ResourceRecordSet"]
            if "TTL" not in rr_set:
                return True
            if rr_set["TTL"] == new_rr_set.get("TTL") and rr_set["ResourceRecords"] == new_rr_set.get(
                "ResourceRecords"
            ):
                return True
        return False

    ChangeList.append = append
    ChangeList.__contains__ = contains
    ChangeList.has_insert_or_update = has_insert_or_update

    # --- listing: cache the sorted order; every mutation of the zone's record list goes through these
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


RRSET_QUOTA = 200_000


def fidelity():
    from moto.route53 import responses as r

    original = r.Route53.list_health_checks

    def list_health_checks(self):
        result = original(self)
        result.result.setdefault("IsTruncated", False)
        result.result.setdefault("MaxItems", "100")
        return result

    r.Route53.list_health_checks = list_health_checks

    from moto.route53 import models as m
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

    src = textwrap.dedent(inspect.getsource(m.Route53Backend.change_resource_record_sets))
    old = "if all_records:\n"
    assert src.count(old) == 1, "moto's change_resource_record_sets changed; revisit bench/moto_server.py"
    src = src.replace(old, "if all_records and (all_records[0].name, all_records[0].type) == (name, _type):\n")
    scope = {}
    exec(compile(src, m.__file__, "exec"), vars(m), scope)
    m.Route53Backend.change_resource_record_sets = scope["change_resource_record_sets"]


def main():
    argv = sys.argv[1:]
    fidelity()
    if "--indexed" in argv:
        argv.remove("--indexed")
        patch()
    from moto.server import main as moto_main

    moto_main(argv)


if __name__ == "__main__":
    main()
