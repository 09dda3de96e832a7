package dev.zonesync.route53;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.Escaping;
import dev.zonesync.model.RrType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Route53Exception;

/**
 * A stateful in-process Route 53 for fast unit tests of the read/plan/apply loop. It models the
 * real-AWS behaviours the emulator lacks: atomic change batches, CREATE of an existing set and
 * DELETE with different values rejected, CNAME conflicts, request limits (UPSERT counted twice),
 * 300-item pages in reversed-label order, names returned lower-case with octal escapes ({@code
 * \052} for {@code *}).
 */
public final class FakeRoute53 implements Route53Client {

  private record Key(DnsName name, String type, String setId) {}

  private static final Comparator<Key> ORDER =
      Comparator.comparing(Key::name)
          .thenComparing(Key::type)
          .thenComparing(k -> k.setId() == null ? "" : k.setId());

  private final Map<String, DnsName> apex = new LinkedHashMap<>();
  private final Map<String, TreeMap<Key, ResourceRecordSet>> zones = new LinkedHashMap<>();
  private final Map<String, Integer> calls = new TreeMap<>();
  private final List<ChangeResourceRecordSetsRequest> changeRequests = new ArrayList<>();
  private final List<Supplier<RuntimeException>> failures = new ArrayList<>();
  private int zoneCounter;

  /** Called on every request, e.g. to advance a test clock. */
  public Runnable onCall = () -> {};

  public String createZone(String name) {
    String id = String.format("ZFAKE%015d", ++zoneCounter);
    DnsName n = DnsName.of(name);
    apex.put(id, n);
    TreeMap<Key, ResourceRecordSet> z = new TreeMap<>(ORDER);
    z.put(
        new Key(n, "SOA", null),
        set(
            n,
            "SOA",
            900,
            "ns-2048.awsdns-64.net. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"));
    z.put(
        new Key(n, "NS", null),
        set(n, "NS", 172800, "ns-2048.awsdns-64.net.", "ns-1024.awsdns-00.org."));
    zones.put(id, z);
    return id;
  }

  /** Puts a record set directly, as a console user would (bypasses validation). */
  public void put(String zoneId, ResourceRecordSet rrs) {
    DnsName n = DnsName.parse(rrs.name(), Escaping.OCTAL);
    zones.get(zoneId).put(new Key(n, rrs.typeAsString(), rrs.setIdentifier()), rrs);
  }

  /** The next call(s) fail with these exceptions, in order. */
  public void failNext(Supplier<RuntimeException> failure) {
    failures.add(failure);
  }

  public Map<String, Integer> calls() {
    return calls;
  }

  public int calls(String operation) {
    return calls.getOrDefault(operation, 0);
  }

  public void resetCalls() {
    calls.clear();
    changeRequests.clear();
  }

  public List<ChangeResourceRecordSetsRequest> changeRequests() {
    return changeRequests;
  }

  /** Everything in the zone, names as Route 53 returns them. */
  public List<ResourceRecordSet> all(String zoneId) {
    List<ResourceRecordSet> out = new ArrayList<>();
    zones.get(zoneId).forEach((k, v) -> out.add(v.toBuilder().name(route53Name(k.name())).build()));
    return out;
  }

  private static ResourceRecordSet set(DnsName n, String type, long ttl, String... values) {
    return ResourceRecordSet.builder()
        .name(n.text())
        .type(type)
        .ttl(ttl)
        .resourceRecords(
            java.util.Arrays.stream(values)
                .map(v -> ResourceRecord.builder().value(v).build())
                .toList())
        .build();
  }

  private void call(String op) {
    calls.merge(op, 1, Integer::sum);
    onCall.run();
    if (!failures.isEmpty()) {
      throw failures.remove(0).get();
    }
  }

  private TreeMap<Key, ResourceRecordSet> zone(String id) {
    TreeMap<Key, ResourceRecordSet> z = zones.get(id);
    if (z == null) {
      throw NoSuchHostedZoneException.builder()
          .statusCode(404)
          .awsErrorDetails(
              AwsErrorDetails.builder()
                  .errorCode("NoSuchHostedZone")
                  .errorMessage("No hosted zone found with ID: " + id)
                  .build())
          .build();
    }
    return z;
  }

  /** Route 53's own rendering of a stored name: lower case, octal escapes, {@code *} as \052. */
  static String route53Name(DnsName n) {
    String t = n.format(Escaping.OCTAL);
    return t.replace("*", "\\052");
  }

  @Override
  public ListResourceRecordSetsResponse listResourceRecordSets(ListResourceRecordSetsRequest r) {
    call("ListResourceRecordSets");
    TreeMap<Key, ResourceRecordSet> z = zone(r.hostedZoneId());
    int max = r.maxItems() == null ? 300 : Math.min(300, Integer.parseInt(r.maxItems()));
    List<Map.Entry<Key, ResourceRecordSet>> all = new ArrayList<>(z.entrySet());
    int from = 0;
    if (r.startRecordName() != null) {
      Key start =
          new Key(
              DnsName.parse(r.startRecordName(), Escaping.OCTAL),
              r.startRecordType() == null ? "" : r.startRecordTypeAsString(),
              r.startRecordIdentifier());
      while (from < all.size() && ORDER.compare(all.get(from).getKey(), start) < 0) {
        from++;
      }
    }
    List<ResourceRecordSet> page = new ArrayList<>();
    for (int i = from; i < all.size() && page.size() < max; i++) {
      ResourceRecordSet s = all.get(i).getValue();
      page.add(s.toBuilder().name(route53Name(all.get(i).getKey().name())).build());
    }
    int next = from + page.size();
    ListResourceRecordSetsResponse.Builder b =
        ListResourceRecordSetsResponse.builder()
            .resourceRecordSets(page)
            .isTruncated(next < all.size())
            .maxItems(Integer.toString(max));
    if (next < all.size()) {
      Key k = all.get(next).getKey();
      b.nextRecordName(route53Name(k.name())).nextRecordType(k.type());
      if (k.setId() != null) {
        b.nextRecordIdentifier(k.setId());
      }
    }
    return b.build();
  }

  @Override
  public ChangeResourceRecordSetsResponse changeResourceRecordSets(
      ChangeResourceRecordSetsRequest r) {
    call("ChangeResourceRecordSets");
    changeRequests.add(r);
    TreeMap<Key, ResourceRecordSet> live = zone(r.hostedZoneId());
    DnsName zoneApex = apex.get(r.hostedZoneId());
    int values = 0;
    int chars = 0;
    for (Change c : r.changeBatch().changes()) {
      int mult = c.actionAsString().equals("UPSERT") ? 2 : 1;
      for (ResourceRecord rr : c.resourceRecordSet().resourceRecords()) {
        values += mult;
        chars += mult * rr.value().length();
      }
    }
    if (values > 1000 || chars > 32000) {
      throw invalid(
          "Number of records/characters in the request exceeds the limit ("
              + values
              + " values, "
              + chars
              + " characters)");
    }
    TreeMap<Key, ResourceRecordSet> z = new TreeMap<>(live); // atomic: work on a copy
    List<String> problems = new ArrayList<>();
    for (Change c : r.changeBatch().changes()) {
      ResourceRecordSet s = c.resourceRecordSet();
      DnsName name = DnsName.parse(s.name(), Escaping.OCTAL);
      if (!name.isSubdomainOf(zoneApex)) {
        problems.add("RRSet with DNS name " + s.name() + " is not permitted in zone " + zoneApex);
        continue;
      }
      RrType.fromName(s.typeAsString());
      Key k = new Key(name, s.typeAsString(), s.setIdentifier());
      ResourceRecordSet stored = s.toBuilder().name(name.text()).build();
      switch (c.actionAsString()) {
        case "CREATE" -> {
          if (z.containsKey(k)) {
            problems.add(
                "Tried to create resource record set [name='"
                    + s.name()
                    + "', type='"
                    + s.typeAsString()
                    + "'] but it already exists");
          } else {
            z.put(k, stored);
          }
        }
        case "UPSERT" -> z.put(k, stored);
        case "DELETE" -> {
          ResourceRecordSet have = z.get(k);
          if (have == null) {
            problems.add(
                "Tried to delete resource record set [name='"
                    + s.name()
                    + "', type='"
                    + s.typeAsString()
                    + "'] but it was not found");
          } else if (!sameData(have, s)) {
            problems.add(
                "Tried to delete resource record set [name='"
                    + s.name()
                    + "', type='"
                    + s.typeAsString()
                    + "'] but the values provided do not match the current values");
          } else {
            z.remove(k);
          }
        }
        default -> problems.add("bad action " + c.actionAsString());
      }
    }
    Map<DnsName, Set<String>> types = new LinkedHashMap<>();
    for (Key k : z.keySet()) {
      types.computeIfAbsent(k.name(), x -> new HashSet<>()).add(k.type());
    }
    types.forEach(
        (n, t) -> {
          if (t.contains("CNAME") && t.size() > 1) {
            problems.add(
                "RRSet of type CNAME with DNS name "
                    + n
                    + " is not permitted because a conflicting RRSet of type "
                    + t
                    + " with the same DNS name already exists in zone");
          }
        });
    if (!problems.isEmpty()) {
      throw invalid(problems.toArray(String[]::new));
    }
    live.clear();
    live.putAll(z);
    return ChangeResourceRecordSetsResponse.builder()
        .changeInfo(
            ChangeInfo.builder()
                .id("/change/C" + changeRequests.size())
                .status(ChangeStatus.PENDING)
                .build())
        .build();
  }

  private static boolean sameData(ResourceRecordSet a, ResourceRecordSet b) {
    Set<String> va = new HashSet<>();
    a.resourceRecords().forEach(rr -> va.add(rr.value()));
    Set<String> vb = new HashSet<>();
    b.resourceRecords().forEach(rr -> vb.add(rr.value()));
    return java.util.Objects.equals(a.ttl(), b.ttl()) && va.equals(vb);
  }

  public static InvalidChangeBatchException invalid(String... messages) {
    return InvalidChangeBatchException.builder()
        .statusCode(400)
        .messages(messages)
        .awsErrorDetails(
            AwsErrorDetails.builder()
                .errorCode("InvalidChangeBatch")
                .errorMessage(String.join("; ", messages))
                .build())
        .build();
  }

  public static Route53Exception serviceError(int status, String code) {
    return (Route53Exception)
        Route53Exception.builder()
            .statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build())
            .build();
  }

  /** MAX_RRSETS_BY_ZONE as GetHostedZoneLimit reports it. */
  public long rrsetQuota = 10_000;

  @Override
  public software.amazon.awssdk.services.route53.model.GetHostedZoneLimitResponse
      getHostedZoneLimit(
          software.amazon.awssdk.services.route53.model.GetHostedZoneLimitRequest r) {
    call("GetHostedZoneLimit");
    return software.amazon.awssdk.services.route53.model.GetHostedZoneLimitResponse.builder()
        .limit(l -> l.type(r.type()).value(rrsetQuota))
        .count((long) zone(r.hostedZoneId()).size())
        .build();
  }

  @Override
  public String serviceName() {
    return "route53";
  }

  @Override
  public void close() {}
}
