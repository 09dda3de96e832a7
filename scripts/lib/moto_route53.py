"""moto's server (the pinned moto 5.2.5) answering Route 53 the way AWS does, optionally with speed-only patches.

    .venv/bin/python scripts/lib/moto_route53.py [--indexed] [--delete-match text|data]
        [--cname-check per-change|end-of-batch] [--throttle-requests RATE[:BURST]]
        [--throttle-changes RATE[:BURST]] [--hosted-zone-quota N] -H 127.0.0.1 -p PORT

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
      DELETE whose TTL, set of values (any order, compared as --delete-match says), AliasTarget or
        routing fields differ
        -> "Tried to delete resource record set [name='n.', type='T'] but the values provided do not match the current values"
      CNAME next to another type at one name (checked as --cname-check says; any SetIdentifier)
        -> "RRSet of type CNAME with DNS name n. is not permitted as it conflicts with other records with
            the same DNS name in zone z." when the CNAME is the change, else "RRSet of type T with DNS
            name n. is not permitted because a conflicting RRSet of type  CNAME with the same DNS name
            already exists in zone z." (two spaces, as most public copies of the text have them)
      CNAME at the zone apex -> "RRSet of type CNAME with DNS name z. is not permitted at apex in zone z."
      (with a SetIdentifier the bracket also holds ", set-identifier='id'"). A DELETE then CREATE of the
    same RRset in one batch (the replace idiom) passes; UPSERT creates or replaces. A failed change does
    not alter the simulated zone, so a failed DELETE makes a later CREATE of that RRset fail too. If any
    change fails, nothing is applied and the answer is what AWS sends:
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
  - Record names are stored and listed as Route 53 lists them, whatever was sent (moto kept them as
    sent): lower case, every byte other than a-z 0-9 - _ as a three-digit octal escape (`*` is
    `\\052`, `@` is `\\100`, a sent `\\101` is `a`), the dots between labels kept, absolute; a
    StartRecordName in another spelling finds the same name, and the zone-membership check compares
    these names label by label (moto's was a case-sensitive string suffix test). Values are listed as
    sent, as Route 53 lists them (AAAA not compressed, no trailing dot added, TXT escapes and hex case
    kept).
  - Hosted-zone lifecycle (what catalog members need; moto 5.2.5 did each of these otherwise):
      CreateHostedZone accepted a CallerReference it had seen (a second zone, also after the first was
        deleted); AWS never accepts one twice: HTTP 409 HostedZoneAlreadyExists "A hosted zone has already
        been created with the specified caller reference." (the text of public reports), also after a
        delete. Kept per account, forgotten by /moto-api/reset.
      A private zone named like one already associated with the VPC, and an AssociateVPCWithHostedZone of
        a VPC that such a zone (this one included: "already associated") already has, were accepted (moto
        listed the VPC twice); AWS: ConflictingDomainExists "The VPC that you chose, vpc-… in region …, is
        already associated with another private hosted zone that has an overlapping name space, n.." (the
        text of public reports; despite its words, only the same name conflicts: overlapping namespaces
        such as example.com and a.example.com may share a VPC).
      GetAccountLimit is missing (404); added, MAX_HOSTED_ZONES_BY_OWNER answering the zones held and
        HOSTED_ZONE_QUOTA, the other types AWS's default quotas. CreateHostedZone had no quota: at
        HOSTED_ZONE_QUOTA zones it answers TooManyHostedZones "Limits Exceeded" (after the caller-reference
        check, so a retry of a lost create is still recognised). HOSTED_ZONE_QUOTA is 10 000, an account
        whose quota was raised (AWS's default is 500), so a whole test run's zones fit;
        --hosted-zone-quota N (ZONESYNC_STANDIN_HOSTED_ZONE_QUOTA) sets another.
      ListHostedZonesByName ignored MaxItems and HostedZoneId and returned only zones of exactly DNSName,
        without IsTruncated; now AWS's listing: every zone from DNSName on, ordered by the label-reversed
        name (then zone ID), at most MaxItems (≤ 100) a page, IsTruncated, NextDNSName and NextHostedZoneId
        (HostedZoneId without DNSName is InvalidInput).
      CreateHostedZone stored the new zone's SOA value as a Python dict, so it was read back as its repr
        ({'Value': 'ns-2048.awsdns-64.com. hostmaster.example.com. 1 …'}); now the value AWS writes,
        "<first name server>. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400" (TTL 900).
      ChangeTagsForResource took any number of tags; AWS takes at most 10 AddTags and 10 RemoveTagKeys per
        request (API model): InvalidInput in the form of AWS's validation errors (its exact text for this
        case was not found in public sources).
Two switches for what public sources do not settle (zonesync must be right under either; both defaults
are the strict readings). Each also reads an environment variable, which the command line overrides:
  --delete-match text|data (ZONESYNC_STANDIN_DELETE_MATCH; default text): how a DELETE's values are
    compared with the stored ones. `text`: as exact strings. `data`: as parsed RDATA of the type (wire
    form, dnspython DNSPYTHON_VERSION), after reading Route 53's presentation: its `\\ooo` escapes are
    octal (RFC 1035's `\\ddd` are decimal; a backslash before digits that are not three octal ones is
    not Route 53's syntax, so the value does not parse: `"caf\\195\\169"` is not `"caf\\303\\251"`),
    a name without its trailing dot is absolute, names in rdata compare case-insensitively, hex case
    and AAAA compression do not matter. TXT/SPF data is the sequence of character-strings: "ab" "c" is
    not "abc". A value that does not parse compares as text. Stored values stay the text that was sent
    either way (Route 53 lists values as sent).
  --cname-check per-change|end-of-batch (ZONESYNC_STANDIN_CNAME_CHECK; default per-change): whether a
    CNAME next to other data is refused after each change in batch order (CREATE A then DELETE CNAME of
    that name fails) or only in the zone the whole batch leaves (then the last write at the name is the
    one named). DELETE CNAME then CREATE A passes under both; a CNAME at the apex is refused under both.
Throttling like Route 53, off unless asked for (other tests keep their speed):
  --throttle-requests RATE[:BURST] (ZONESYNC_STANDIN_THROTTLE_REQUESTS; Route 53's documented account
    bucket is 10:50; the burst defaults to the rate) and --throttle-changes RATE[:BURST]
    (ZONESYNC_STANDIN_THROTTLE_CHANGES; one token per Change element; the size of Route 53's change
    bucket was not found, so the burst defaults to the rate but to no less than 1000: one request may
    carry 1000 changes, and a bucket that cannot hold one such request could never let it through):
    token buckets checked before anything else; an empty one answers HTTP 400, ErrorResponse Type
    Sender, Code Throttling, Message "Rate exceeded" (see _TokenBucket and throttling()).
The server prints the readings it runs with on stderr at start.
Not fixed (still moto): no validation of record values (bad addresses, 255-character TXT strings;
--delete-match data only reads them); an UPSERT stores the values as sent even when they equal the
stored ones as data (Route 53 keeps the stored text then); apex SOA/NS can be deleted; GetChange is
always INSYNC; the listing's order is moto's (the text of the label-reversed name, escapes included).
Hosted zones, not fixed: a VPC is never checked against EC2 (AWS answers InvalidVPCId for one that does
not exist or is not the account's); ListTagsForResource of a zone that does not exist answers no tags.

Cost: the change-batch check looks each change up in a per-zone dict of the RRsets ((name, type,
SetIdentifier) -> RRset, and name -> its keys for the CNAME check; built once, kept up to date by every
batch): O(1) per change (--delete-match data parses the DELETE's and the stored values), no scan of the
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
import os
import re
import sys
import threading
import time

RRSET_QUOTA = 200_000
HOSTED_ZONE_QUOTA = 10_000  # see the docstring; --hosted-zone-quota sets another

# The two readings of Route 53 that public sources do not settle, chosen per server (see the docstring).
DELETE_MATCH_MODES = ("text", "data")
CNAME_CHECK_MODES = ("per-change", "end-of-batch")
DELETE_MATCH = "text"
CNAME_CHECK = "per-change"
# Throttling like Route 53's per-account buckets, off unless asked for: (rate per second, burst) or None.
THROTTLE_REQUESTS = None
THROTTLE_CHANGES = None

_LOCK = threading.Lock()


# bytes Route 53 lists as themselves in a record name; every other byte is a three-digit octal escape
_PLAIN = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789-_")


def _labels(name):
    """A presentation-format name's labels as bytes: `\\ooo` (three octal digits, Route 53's escape) and
    `\\X` decoded, an unescaped `.` between labels, other characters as their UTF-8 bytes."""
    labels, label, i = [], bytearray(), 0
    while i < len(name):
        c = name[i]
        if c == "\\" and i + 1 < len(name):
            digits = name[i + 1:i + 4]
            if len(digits) == 3 and all(d in "01234567" for d in digits):
                label.append(int(digits, 8))
                i += 4
            else:
                label.extend(name[i + 1].encode("utf-8"))
                i += 2
        elif c == ".":
            if label:
                labels.append(bytes(label))
            label = bytearray()
            i += 1
        else:
            label.extend(c.encode("utf-8"))
            i += 1
    if label:
        labels.append(bytes(label))
    return labels


def route53_name(name):
    """A record name as Route 53 lists it, whatever was sent: lower case, every byte other than
    a-z 0-9 - _ as a three-digit octal escape (`*` is `\\052`, `A` sent as `\\101` is `a`), the dots
    between labels kept, absolute. One spelling per name, so it is also what changes compare."""
    return "".join("".join(chr(b) if b in _PLAIN else "\\%03o" % b for b in label.lower()) + "."
                   for label in _labels(name)) or "."


def _canonical_name(name):
    """What Route 53 compares: the name as it lists it (case-insensitive, escapes decoded)."""
    return route53_name(name)


def _key(name, rtype, set_identifier):
    return _canonical_name(name), rtype, set_identifier or None


def _text(value):
    return None if value is None else str(value).lower()


def _master_file_escapes(value):
    """Route 53's presentation in master-file syntax: its `\\ooo` escapes are octal, RFC 1035's `\\ddd`
    decimal. None when a backslash starts digits that are not three octal ones (not Route 53's syntax)."""
    out, i = [], 0
    while i < len(value):
        c = value[i]
        if c == "\\" and i + 1 < len(value):
            if value[i + 1].isdigit():
                digits = value[i + 1:i + 4]
                if len(digits) != 3 or any(d not in "01234567" for d in digits):
                    return None
                out.append("\\%03d" % int(digits, 8))
                i += 4
            else:  # \" \\ \. and the like mean the same in both syntaxes
                out.append(value[i:i + 2])
                i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _rdata_wire(rtype, value):
    """The value as DNS data (wire form, names lower-cased), or None when it does not parse as `rtype`."""
    import dns.exception
    import dns.name
    import dns.rdata
    import dns.rdataclass
    import dns.rdatatype

    text = _master_file_escapes(value)
    if text is None:
        return None
    try:
        # a name without its trailing dot is relative to the root: Route 53 names are absolute
        rd = dns.rdata.from_text(dns.rdataclass.IN, dns.rdatatype.from_text(rtype), text,
                                 origin=dns.name.root, relativize=False)
        # names in rdata compare case-insensitively (also where DNSSEC's canonical form keeps case, e.g. SVCB)
        names = {slot: getattr(rd, slot) for slot in set(rd._get_all_slots())
                 if isinstance(getattr(rd, slot, None), dns.name.Name)}
        if names:
            rd = rd.replace(**{slot: n.canonicalize() for slot, n in names.items()})
        return rd.to_wire()
    except (dns.exception.DNSException, ValueError, UnicodeError):
        return None


def _value_key(rtype, value):
    """What --delete-match compares: the exact string (text), or the parsed data, the string if it does
    not parse (data). TXT's character-strings are data: "ab" "c" is not "abc"."""
    value = str(value)
    if DELETE_MATCH == "data":
        wire = _rdata_wire(rtype, value)
        return (0, wire) if wire is not None else (1, value)
    return (1, value)


def _signature(ttl, rtype, values, alias, weight, region, failover, health_check, multi_value, geo):
    """Everything a DELETE must repeat, normalised: values as a sorted list of --delete-match keys."""
    if alias:
        alias = (
            alias.get("HostedZoneId"),
            _canonical_name(alias.get("DNSName") or ""),
            _text(alias.get("EvaluateTargetHealth")),
        )
    return (
        None if ttl is None else int(ttl),
        sorted(_value_key(rtype, v) for v in values or ()),
        alias or None,
        _text(weight),
        region,
        failover,
        health_check,
        _text(multi_value),
        tuple(sorted(geo.items())) if isinstance(geo, dict) else geo,
    )


def _stored_signature(rs):
    return _signature(rs.ttl, rs.type, rs.records, rs.alias_target, rs.weight, rs.region, rs.failover,
                      rs.health_check_id, rs.multi_value_answer, rs.geo_location)


def _requested_signature(rr):
    return _signature(rr.get("TTL"), rr["Type"], [x.get("Value") for x in rr.get("ResourceRecords") or []],
                      rr.get("AliasTarget"), rr.get("Weight"), rr.get("Region"), rr.get("Failover"),
                      rr.get("HealthCheckId"), rr.get("MultiValueAnswer"), rr.get("GeoLocation"))


def _dns_name(name):
    """A name as Route 53 writes it in its messages: as it lists it (lower case, octal escapes, absolute)."""
    return route53_name(name)


def _describe(rr):
    """The bracket AWS puts in its messages: [name='a.example.com.', type='A'(, set-identifier='x')]."""
    text = f"[name='{_dns_name(rr['Name'])}', type='{rr['Type']}'"
    if rr.get("SetIdentifier"):
        text += f", set-identifier='{rr['SetIdentifier']}'"
    return text + "]"


def _cname_at_apex(rr, k, zone_name):
    """Route 53's refusal of a CNAME at the zone apex, or None. Text as a Route 53 console error quoted in a
    serverworks.co.jp blog post: "RRSet of type CNAME with DNS name jp.domain-test.ga. is not permitted at
    apex in zone jp.domain-test.ga."."""
    if rr["Type"] == "CNAME" and k[0] == _canonical_name(zone_name):
        return f"RRSet of type CNAME with DNS name {_dns_name(rr['Name'])} is not permitted at apex in zone {_dns_name(zone_name)}"
    return None


def _cname_conflict(rr, k, present, zone_name):
    """Route 53's refusal of a CNAME next to other data at one name, or None.

    `present`: the keys at the name with this change made. Texts as Route 53 answered in public reports:
    adding a CNAME, "RRSet of type CNAME with DNS name aws.ansible.com. is not permitted as it conflicts
    with other records with the same DNS name in zone ansible.com." (ansible-collections/amazon.aws#2694,
    also aws/aws-sdk-java#1996); adding another type, "RRSet of type TXT with DNS name www.usability.gov.
    is not permitted because a conflicting RRSet of type  CNAME with the same DNS name already exists in
    zone usability.gov." (GSA-TTS/dns#443; the two spaces before CNAME are in boto/boto3#1475 and
    presslabs/zinc#178 too, one in RJPearson94/terraform-aws-open-next#24)."""
    rtype, name, zone = rr["Type"], _dns_name(rr["Name"]), _dns_name(zone_name)
    others = {key[1] for key in present if key != k}
    if rtype == "CNAME" and others - {"CNAME"}:
        return (f"RRSet of type CNAME with DNS name {name} is not permitted as it conflicts with other records"
                f" with the same DNS name in zone {zone}")
    if rtype != "CNAME" and "CNAME" in others:
        return (f"RRSet of type {rtype} with DNS name {name} is not permitted because a conflicting RRSet of"
                f" type  CNAME with the same DNS name already exists in zone {zone}")
    return None


def _zone_index(zone, m):
    """(key -> RRset, name -> keys at that name) for the zone, built once and kept up to date by _apply."""
    index = zone.__dict__.get("_rrset_index")
    if index is None:
        index = zone.__dict__["_rrset_index"] = ({}, {})
        for rs in zone.rrsets:
            k = _key(rs.name, rs.type, rs.set_identifier)
            index[0][k] = rs
            index[1].setdefault(k[0], set()).add(k)
    return index


def _record_set(rr, m):
    """The RRset moto stores for a CREATE/UPSERT (as moto built it: name absolute, values as strings)."""
    d = dict(rr)
    d["Name"] = route53_name(d["Name"])  # stored as Route 53 keeps it: the listing and its order follow
    if "ResourceRecords" in d:
        d["ResourceRecords"] = [x["Value"] for x in d["ResourceRecords"]]
    return m.RecordSet(d)


def _apply(zone, index, final):
    """Puts each touched key's end state into the zone: one pass over the RRset list if any went away or was replaced."""
    by_key, by_name = index
    replaced = {}
    for k, new in final.items():
        old = by_key.get(k)
        if old is not None:
            replaced[id(old)] = new
        if new is None:
            by_key.pop(k, None)
            keys = by_name.get(k[0])
            if keys is not None:
                keys.discard(k)
                if not keys:
                    del by_name[k[0]]
        else:
            by_key[k] = new
            by_name.setdefault(k[0], set()).add(k)
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
            name, apex = route53_name(rr["Name"]), route53_name(zone.name)
            if name != apex and not name.endswith("." + apex):
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
            by_key, by_name = index
            final, touched = {}, {}  # key -> RRset after this batch (None: deleted); name -> keys in final
            messages, written = [], []  # (position, text); (position, key, change) of each write that passed

            def present_at(name):
                keys = by_name.get(name, set()) | touched.get(name, set())
                return {k for k in keys if (final[k] if k in final else by_key.get(k)) is not None}

            def put(k, rs):
                final[k] = rs
                touched.setdefault(k[0], set()).add(k)

            for position, value in enumerate(change_list):
                rr, action = value["ResourceRecordSet"], value["Action"]
                k = _key(rr["Name"], rr["Type"], rr.get("SetIdentifier"))
                current = final.get(k, absent)
                if current is absent:
                    current = by_key.get(k)
                if action == "DELETE":
                    if current is None:
                        messages.append((position, f"Tried to delete resource record set {_describe(rr)}"
                                                   " but it was not found"))
                        continue
                    if _stored_signature(current) != _requested_signature(rr):
                        messages.append((position, f"Tried to delete resource record set {_describe(rr)}"
                                                   " but the values provided do not match the current values"))
                        continue
                    put(k, None)
                    continue
                if action == "CREATE" and current is not None:
                    messages.append((position, f"Tried to create resource record set {_describe(rr)}"
                                               " but it already exists"))
                    continue
                conflict = _cname_at_apex(rr, k, zone.name)  # does not depend on the order: always per change
                if conflict is None and CNAME_CHECK == "per-change":
                    conflict = _cname_conflict(rr, k, present_at(k[0]) | {k}, zone.name)
                if conflict:
                    messages.append((position, conflict))
                    continue
                put(k, _record_set(rr, m))
                written.append((position, k, rr))
            if CNAME_CHECK == "end-of-batch":
                # the zone as the batch leaves it; at each name, the last write that is still there answers
                looked_at = set()
                for position, k, rr in reversed(written):
                    if k[0] in looked_at or final.get(k) is None:
                        continue
                    looked_at.add(k[0])
                    conflict = _cname_conflict(rr, k, present_at(k[0]), zone.name)
                    if conflict:
                        messages.append((position, conflict))
            if messages:
                messages.sort(key=lambda message: message[0])
                raise Route53ClientError("InvalidChangeBatch", "[" + ", ".join(t for _, t in messages) + "]")
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
    names_as_route53_lists_them()
    hosted_zones_fix()


def names_as_route53_lists_them():
    """ListResourceRecordSets names as Route 53 lists them (route53_name), whatever was sent: changes
    store them so already; this covers the RRsets moto makes itself (a new zone's SOA and NS under the
    zone name as sent), NextRecordName, and a StartRecordName sent in another spelling (`*` for
    `\\052`, upper case), which Route 53 reads as the same name."""
    from moto.route53 import models as m

    original = m.Route53Backend.list_resource_record_sets

    def listed(rs):
        name = route53_name(rs.name)
        if name == rs.name:
            return rs
        shown = copy.copy(rs)
        shown.name = name
        return shown

    def list_resource_record_sets(self, zone_id, start_type, start_name, max_items):
        records, next_name, next_type, truncated = original(
            self, zone_id, start_type, route53_name(start_name) if start_name else start_name, max_items)
        return [listed(rs) for rs in records], route53_name(next_name) if next_name else next_name, \
            next_type, truncated

    m.Route53Backend.list_resource_record_sets = list_resource_record_sets


class _TokenBucket:
    """Route 53's token bucket as its throttling page describes it: at most `burst` tokens, refilled
    at `rate` per second, each request (or record change) taking its tokens. A request that needs
    more tokens than the bucket can hold is let through from a full bucket and leaves it in debt:
    what Route 53 does then is not documented, and a bucket that refused it forever would make a
    batch larger than the burst impossible. The sustained rate is `rate` either way."""

    def __init__(self, rate, burst):
        self.rate, self.burst = float(rate), float(burst)
        self.tokens, self.at = self.burst, time.monotonic()

    def take(self, n, now):
        now = max(now, self.at)  # requests parsed concurrently may be checked out of order
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens < min(n, self.burst):
            return False
        self.tokens -= n
        return True


def throttling():
    """--throttle-requests / --throttle-changes: answers like Route 53 when its per-account buckets
    are empty, before the request does anything: HTTP 400, ErrorResponse Code Throttling, Message
    "Rate exceeded". The request bucket takes one token per request of any operation (Route 53's
    per-operation buckets have the account bucket's size for every operation zonesync calls, so they
    never bind first and are left out); the change bucket takes one token per Change element of a
    ChangeResourceRecordSets, asked only once the request bucket let the request through (a request
    the change bucket throttles has used its request token)."""
    from moto.core.responses import ActionResult
    from moto.route53 import responses as r
    from moto.route53.exceptions import Route53ClientError

    requests = _TokenBucket(*THROTTLE_REQUESTS) if THROTTLE_REQUESTS else None
    changes = _TokenBucket(*THROTTLE_CHANGES) if THROTTLE_CHANGES else None
    lock = threading.Lock()
    original = r.Route53.call_action
    original_dispatch = r.Route53._dispatch

    def _dispatch(self, request, full_url=None, headers=None):
        # the buckets are asked at the time the request arrived, not after moto parsed its body
        # (a thousand changes take moto a while, and longer on a busy machine): Route 53 throttles
        # at its front door
        self.zonesync_arrived = time.monotonic()
        return original_dispatch(self, request, full_url, headers)

    def call_action(self):
        cost = 0
        if changes is not None and self._get_action() == "ChangeResourceRecordSets":
            cost = len(self._get_param("ChangeBatch.Changes") or [])
        now = getattr(self, "zonesync_arrived", None) or time.monotonic()
        with lock:
            passed = (requests is None or requests.take(1, now)) and (cost == 0 or changes.take(cost, now))
        if passed:
            return original(self)
        status, headers, body = self.serialized(ActionResult(Route53ClientError("Throttling", "Rate exceeded")))
        headers, body = self._enrich_response(headers, body)
        return status, headers, body

    r.Route53.call_action = call_action
    r.Route53._dispatch = _dispatch



# What AWS answers (texts from public reports; the codes and HTTP statuses are in the API model).
_CALLER_REFERENCE_USED = "A hosted zone has already been created with the specified caller reference."
_VPC_TAKEN = ("The VPC that you chose, {vpc} in region {region}, is already associated with another private"
              " hosted zone that has an overlapping name space, {name}.")
_TAG_LIMIT = ("1 validation error detected: Value '{value}' at '{field}' failed to satisfy constraint: Member"
              " must have length less than or equal to 10")
# The account-level quotas GetAccountLimit reports: AWS's defaults, but for hosted zones (see HOSTED_ZONE_QUOTA).
_ACCOUNT_LIMITS = {
    "MAX_HEALTH_CHECKS_BY_OWNER": 200,
    "MAX_REUSABLE_DELEGATION_SETS_BY_OWNER": 100,
    "MAX_TRAFFIC_POLICIES_BY_OWNER": 50,
    "MAX_TRAFFIC_POLICY_INSTANCES_BY_OWNER": 5,
}


def _zone_order(zone_name):
    """ListHostedZonesByName's order: the name with its labels reversed (www.example.com. sorts as
    com.example.www.), lower case, escapes as written."""
    return ".".join(reversed(_canonical_name(zone_name).rstrip(".").split("."))) + "."


def _vpc_taken(backend, name, vpc_id):
    """A private zone of this name already associated with the VPC, or None."""
    for zone in backend.zones.values():
        if (zone.private_zone and _canonical_name(zone.name) == _canonical_name(name)
                and any(v.get("vpc_id") == vpc_id for v in zone.vpcs)):
            return zone
    return None


def _aws_soa(records):
    """A new zone's SOA value as Route 53 writes it: moto 5.2.5 stores {'Value': '…'} where the value
    belongs (read back as its Python repr) and names hostmaster.example.com.; Route 53's is
    "<first name server>. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"."""
    value = records[0]["Value"] if isinstance(records[0], dict) else records[0]
    fields = value.split()
    return " ".join([fields[0], "awsdns-hostmaster.amazon.com."] + fields[2:])


def hosted_zones_fix():
    """Hosted-zone lifecycle as Route 53 has it (see the module docstring)."""
    from moto.route53 import models as m
    from moto.route53 import responses as r
    from moto.route53 import urls
    from moto.route53.exceptions import InvalidInput, Route53ClientError

    create = m.Route53Backend.create_hosted_zone

    def create_hosted_zone(self, name, private_zone, caller_reference=None, vpcid=None, vpcregion=None,
                           comment=None, delegation_set_id=None):
        with _LOCK:
            # kept on the backend, so /moto-api/reset forgets them with the zones
            used = self.__dict__.setdefault("_caller_references", set())
            if caller_reference in used:
                raise Route53ClientError("HostedZoneAlreadyExists", _CALLER_REFERENCE_USED)
            if private_zone and vpcid and _vpc_taken(self, name, vpcid):
                raise Route53ClientError(
                    "ConflictingDomainExists",
                    _VPC_TAKEN.format(vpc=vpcid, region=vpcregion, name=_dns_name(name)))
            if len(self.zones) >= HOSTED_ZONE_QUOTA:
                raise Route53ClientError("TooManyHostedZones", "Limits Exceeded")
            zone = create(self, name, private_zone, caller_reference=caller_reference, vpcid=vpcid,
                          vpcregion=vpcregion, comment=comment, delegation_set_id=delegation_set_id)
            used.add(zone.caller_reference)
            for rs in zone.rrsets:
                if rs.type == "SOA":
                    rs.records = [_aws_soa(rs.records)]
            return zone

    m.Route53Backend.create_hosted_zone = create_hosted_zone

    associate = m.Route53Backend.associate_vpc_with_hosted_zone

    def associate_vpc_with_hosted_zone(self, zone_id, vpcid, vpcregion):
        with _LOCK:
            zone = self.get_hosted_zone(zone_id)
            if zone.private_zone and _vpc_taken(self, zone.name, vpcid):
                raise Route53ClientError(
                    "ConflictingDomainExists",
                    _VPC_TAKEN.format(vpc=vpcid, region=vpcregion, name=_dns_name(zone.name)))
            return associate(self, zone_id, vpcid, vpcregion)

    m.Route53Backend.associate_vpc_with_hosted_zone = associate_vpc_with_hosted_zone

    def list_hosted_zones_by_name(self):
        dns_name = self._get_param("DNSName")
        zone_id = self._get_param("HostedZoneId")
        if zone_id and not dns_name:
            raise InvalidInput("The input is not valid")
        max_items = min(int(self._get_param("MaxItems") or 100), 100)
        ordered = sorted(self.backend.zones.values(), key=lambda z: (_zone_order(z.name), z.resource_id))
        if dns_name:
            start = (_zone_order(dns_name), zone_id or "")
            ordered = [z for z in ordered if (_zone_order(z.name), z.resource_id) >= start]
        page, rest = ordered[:max_items], ordered[max_items:]
        return r.ActionResult({
            "HostedZones": page,
            "DNSName": dns_name,
            "HostedZoneId": zone_id,
            "IsTruncated": bool(rest),
            "NextDNSName": rest[0].name if rest else None,
            "NextHostedZoneId": rest[0].resource_id if rest else None,
            "MaxItems": str(max_items),
        })

    r.Route53.list_hosted_zones_by_name = list_hosted_zones_by_name

    change_tags = r.Route53.change_tags_for_resource

    def change_tags_for_resource(self):
        for field, param in (("addTags", "AddTags"), ("removeTagKeys", "RemoveTagKeys")):
            values = self._get_param(param) or []
            if len(values) > 10:
                raise InvalidInput(_TAG_LIMIT.format(value=values, field=field))
        return change_tags(self)

    r.Route53.change_tags_for_resource = change_tags_for_resource

    urls.url_paths[r"{0}/(?P<api_version>[\d_-]+)/accountlimit/(?P<limit_type>[^/]+)$"] = r.Route53.dispatch

    def get_account_limit(self):
        limit_type = self._get_param("Type")
        backend = self.backend
        counts = {
            "MAX_HOSTED_ZONES_BY_OWNER": len(backend.zones),
            "MAX_HEALTH_CHECKS_BY_OWNER": len(backend.health_checks),
            "MAX_REUSABLE_DELEGATION_SETS_BY_OWNER": len(backend.delegation_sets),
        }
        value = HOSTED_ZONE_QUOTA if limit_type == "MAX_HOSTED_ZONES_BY_OWNER" else _ACCOUNT_LIMITS.get(limit_type)
        if value is None:
            raise InvalidInput("The input is not valid")
        return r.ActionResult({"Limit": {"Type": limit_type, "Value": value}, "Count": counts.get(limit_type, 0)})

    r.Route53.get_account_limit = get_account_limit


def _hosted_zone_quota(argv):
    """Takes --hosted-zone-quota N (default: ZONESYNC_STANDIN_HOSTED_ZONE_QUOTA, else HOSTED_ZONE_QUOTA) out
    of argv."""
    global HOSTED_ZONE_QUOTA
    value, rest, i = os.environ.get("ZONESYNC_STANDIN_HOSTED_ZONE_QUOTA"), [], 0
    while i < len(argv):
        flag, _, inline = argv[i].partition("=")
        if flag != "--hosted-zone-quota":
            rest.append(argv[i])
            i += 1
            continue
        if not inline and i + 1 >= len(argv):
            sys.exit(f"{__file__}: --hosted-zone-quota needs a value")
        value = inline or argv[i + 1]
        i += 1 if inline else 2
    if value:
        if not value.isdigit() or int(value) < 1:
            sys.exit(f"{__file__}: --hosted-zone-quota {value!r}: expected a number of hosted zones >= 1")
        HOSTED_ZONE_QUOTA = int(value)
        print(f"Route 53 stand-in: --hosted-zone-quota {HOSTED_ZONE_QUOTA}", file=sys.stderr, flush=True)
    return rest


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
DNSPYTHON_VERSION = "2.9.2"  # likewise; --delete-match data parses values with it


def _options(argv):
    """Takes the stand-in's own switches out of argv (the rest is moto's). The environment variables
    ZONESYNC_STANDIN_DELETE_MATCH and ZONESYNC_STANDIN_CNAME_CHECK give the defaults."""
    global DELETE_MATCH, CNAME_CHECK
    chosen = {
        "--delete-match": os.environ.get("ZONESYNC_STANDIN_DELETE_MATCH") or DELETE_MATCH,
        "--cname-check": os.environ.get("ZONESYNC_STANDIN_CNAME_CHECK") or CNAME_CHECK,
        "--throttle-requests": os.environ.get("ZONESYNC_STANDIN_THROTTLE_REQUESTS") or "off",
        "--throttle-changes": os.environ.get("ZONESYNC_STANDIN_THROTTLE_CHANGES") or "off",
    }
    rest, i = [], 0
    while i < len(argv):
        flag, _, inline = argv[i].partition("=")
        if flag not in chosen:
            rest.append(argv[i])
            i += 1
        elif inline:
            chosen[flag] = inline
            i += 1
        elif i + 1 < len(argv):
            chosen[flag] = argv[i + 1]
            i += 2
        else:
            sys.exit(f"{__file__}: {flag} needs a value")
    for flag, allowed in (("--delete-match", DELETE_MATCH_MODES), ("--cname-check", CNAME_CHECK_MODES)):
        if chosen[flag] not in allowed:
            sys.exit(f"{__file__}: {flag} {chosen[flag]!r}: expected one of {', '.join(allowed)}")
    DELETE_MATCH, CNAME_CHECK = chosen["--delete-match"], chosen["--cname-check"]
    global THROTTLE_REQUESTS, THROTTLE_CHANGES
    THROTTLE_REQUESTS = _bucket("--throttle-requests", chosen["--throttle-requests"], 1)
    THROTTLE_CHANGES = _bucket("--throttle-changes", chosen["--throttle-changes"], MAX_CHANGES_PER_REQUEST)
    return rest


# Change elements one ChangeResourceRecordSets may carry (1000 ResourceRecords, each change one or more)
MAX_CHANGES_PER_REQUEST = 1000


def _bucket(flag, text, least_burst):
    """RATE[:BURST] (the burst defaults to the rate, but to no less than least_burst), `off` or
    empty: None."""
    if not text or text == "off":
        return None
    rate, _, burst = text.partition(":")
    try:
        rate = float(rate)
        burst = float(burst) if burst else max(rate, least_burst)
    except ValueError:
        sys.exit(f"{__file__}: {flag} {text!r}: expected RATE[:BURST] (numbers) or off")
    if rate <= 0 or burst < 1:
        sys.exit(f"{__file__}: {flag} {text!r}: the rate must be > 0 and the burst >= 1")
    return rate, burst


def main():
    import moto

    if moto.__version__ != MOTO_VERSION:
        sys.exit(f"{__file__}: written for moto {MOTO_VERSION}, found {moto.__version__}: revisit its fixes"
                 f" (or .venv/bin/pip install 'moto[server]=={MOTO_VERSION}')")
    argv = _hosted_zone_quota(_options(sys.argv[1:]))
    if DELETE_MATCH == "data":
        try:
            import dns.version

            found = dns.version.version
        except ImportError:
            found = "none"
        if found != DNSPYTHON_VERSION:
            sys.exit(f"{__file__}: --delete-match data parses values with dnspython {DNSPYTHON_VERSION}, found"
                     f" {found} (.venv/bin/pip install 'dnspython=={DNSPYTHON_VERSION}')")
    def shown(bucket):
        return "off" if bucket is None else "%g:%g" % bucket

    print(f"Route 53 stand-in: --delete-match {DELETE_MATCH} --cname-check {CNAME_CHECK}"
          f" --throttle-requests {shown(THROTTLE_REQUESTS)} --throttle-changes {shown(THROTTLE_CHANGES)}",
          file=sys.stderr, flush=True)
    fidelity()
    if THROTTLE_REQUESTS or THROTTLE_CHANGES:
        throttling()
    if "--indexed" in argv:
        argv.remove("--indexed")
        indexed()
    from moto.server import main as moto_main

    moto_main(argv)


if __name__ == "__main__":
    main()
