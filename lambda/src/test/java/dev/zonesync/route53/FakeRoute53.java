package dev.zonesync.route53;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.Escaping;
import dev.zonesync.model.RrType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
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
 *
 * <p>Switches for tests that need Route 53's validation more exactly (the defaults keep the
 * original behaviour): how a DELETE's values are compared ({@link DeleteMatch}), whether CNAME
 * conflicts are checked change by change as Route 53 does ({@link CnameCheck}), responses lost
 * after a request applied ({@link #loseResponseOfChange}), and drift made by hand ({@link
 * #removeRRset}, {@link #addValue}, {@link #removeValue}, {@link #setTtl}, {@link #put}), which
 * bypasses every validation.
 */
public final class FakeRoute53 implements Route53Client {

  /** How a DELETE's values are compared with the stored ones (the TTL must always be equal). */
  public enum DeleteMatch {
    /** The values must equal the stored strings exactly, as an unordered set. */
    TEXT,
    /**
     * The values are compared as record data: Route 53's {@code \ooo} octal escapes read as
     * master-file {@code \ddd} decimal, parsed by dnsjava, compared in wire form; a value that does
     * not parse is compared as text.
     */
    DATA
  }

  /** When a CNAME next to another type at one name is refused. */
  public enum CnameCheck {
    /** Once, on the state the whole batch leads to. */
    END_OF_BATCH,
    /**
     * At the change that creates the conflict, on the state the earlier changes of the batch led to
     * (Route 53 validates a batch change by change).
     */
    PER_CHANGE
  }

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
  private final Map<Integer, Supplier<RuntimeException>> lostResponses = new HashMap<>();
  private int zoneCounter;
  private int changeCallsEver;
  private DeleteMatch deleteMatch = DeleteMatch.TEXT;
  private CnameCheck cnameCheck = CnameCheck.END_OF_BATCH;

  /** Called on every request, e.g. to advance a test clock. */
  public Runnable onCall = () -> {};

  /** An operator deletes a hosted zone: later calls on it answer NoSuchHostedZone. */
  public void deleteZone(String zoneId) {
    zones.remove(zoneId);
    apex.remove(zoneId);
  }

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

  /** How DELETEs are matched from now on. */
  public FakeRoute53 deleteMatch(DeleteMatch m) {
    this.deleteMatch = java.util.Objects.requireNonNull(m);
    return this;
  }

  /** How CNAME conflicts are checked from now on. */
  public FakeRoute53 cnameCheck(CnameCheck c) {
    this.cnameCheck = java.util.Objects.requireNonNull(c);
    return this;
  }

  /**
   * The {@code nth} ChangeResourceRecordSets call from now (1 = the next) is processed as usual —
   * applied, or refused — and then {@code failure} is thrown instead of its response, as when the
   * response is lost on the way back: the caller cannot tell what happened.
   */
  public void loseResponseOfChange(int nth, Supplier<RuntimeException> failure) {
    if (nth < 1) {
      throw new IllegalArgumentException("nth starts at 1");
    }
    lostResponses.put(changeCallsEver + nth, failure);
  }

  /** Forgets the responses {@link #loseResponseOfChange} would still lose. */
  public void clearLostResponses() {
    lostResponses.clear();
  }

  /** What a client sees when the response never arrives. */
  public static SdkClientException readTimedOut() {
    return SdkClientException.builder()
        .message("Unable to execute HTTP request: Read timed out")
        .cause(new java.net.SocketTimeoutException("Read timed out"))
        .build();
  }

  /** The record set stored at a name and type (Route 53's name form), or null. */
  public ResourceRecordSet get(String zoneId, String name, String type) {
    DnsName n = DnsName.parse(name, Escaping.OCTAL);
    ResourceRecordSet s = zones.get(zoneId).get(new Key(n, type, null));
    return s == null ? null : s.toBuilder().name(route53Name(n)).build();
  }

  /** Removes a record set by hand (bypasses validation); returns what was there, or null. */
  public ResourceRecordSet removeRRset(String zoneId, String name, String type) {
    DnsName n = DnsName.parse(name, Escaping.OCTAL);
    return zones.get(zoneId).remove(new Key(n, type, null));
  }

  /** Adds one value to a stored record set by hand (bypasses validation). */
  public void addValue(String zoneId, String name, String type, String value) {
    edit(
        zoneId,
        name,
        type,
        s -> {
          List<ResourceRecord> rr = new ArrayList<>(s.resourceRecords());
          rr.add(ResourceRecord.builder().value(value).build());
          return s.toBuilder().resourceRecords(rr).build();
        });
  }

  /** Removes one value (by its exact text) from a stored record set by hand. */
  public void removeValue(String zoneId, String name, String type, String value) {
    edit(
        zoneId,
        name,
        type,
        s -> {
          List<ResourceRecord> rr = new ArrayList<>(s.resourceRecords());
          if (!rr.removeIf(r -> r.value().equals(value))) {
            throw new IllegalArgumentException(name + " " + type + " holds no value " + value);
          }
          return s.toBuilder().resourceRecords(rr).build();
        });
  }

  /** Changes a stored record set's TTL by hand (bypasses validation). */
  public void setTtl(String zoneId, String name, String type, long ttl) {
    edit(zoneId, name, type, s -> s.toBuilder().ttl(ttl).build());
  }

  private void edit(
      String zoneId,
      String name,
      String type,
      java.util.function.UnaryOperator<ResourceRecordSet> f) {
    DnsName n = DnsName.parse(name, Escaping.OCTAL);
    Key k = new Key(n, type, null);
    ResourceRecordSet s = zones.get(zoneId).get(k);
    if (s == null) {
      throw new IllegalArgumentException("no " + name + " " + type + " in " + zoneId);
    }
    zones.get(zoneId).put(k, f.apply(s));
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
    int ordinal = ++changeCallsEver;
    Supplier<RuntimeException> lost = lostResponses.remove(ordinal);
    ChangeResourceRecordSetsResponse response;
    try {
      call("ChangeResourceRecordSets");
      changeRequests.add(r);
      response = process(r);
    } catch (RuntimeException e) {
      if (lost != null) {
        throw lost.get(); // refused (or failed), and the caller does not learn which
      }
      throw e;
    }
    if (lost != null) {
      throw lost.get(); // applied, and the caller does not learn it
    }
    return response;
  }

  private ChangeResourceRecordSetsResponse process(ChangeResourceRecordSetsRequest r) {
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
          } else if (!cnameConflict(z, name, s.typeAsString(), zoneApex, problems)) {
            z.put(k, stored);
          }
        }
        case "UPSERT" -> {
          if (!cnameConflict(z, name, s.typeAsString(), zoneApex, problems)) {
            z.put(k, stored);
          }
        }
        case "DELETE" -> {
          ResourceRecordSet have = z.get(k);
          if (have == null) {
            problems.add(
                "Tried to delete resource record set [name='"
                    + s.name()
                    + "', type='"
                    + s.typeAsString()
                    + "'] but it was not found");
          } else if (!sameData(have, s, deleteMatch)) {
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
    if (cnameCheck == CnameCheck.END_OF_BATCH) {
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
    }
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

  /**
   * In {@link CnameCheck#PER_CHANGE} mode: whether writing {@code type} at {@code name} conflicts
   * with what the batch's earlier changes left there (a CNAME next to any other type), adding Route
   * 53's message.
   */
  private boolean cnameConflict(
      TreeMap<Key, ResourceRecordSet> z,
      DnsName name,
      String type,
      DnsName zoneApex,
      List<String> problems) {
    if (cnameCheck != CnameCheck.PER_CHANGE) {
      return false;
    }
    for (Key k : z.keySet()) {
      if (!k.name().equals(name) || k.type().equals(type)) {
        continue;
      }
      if (type.equals("CNAME") || k.type().equals("CNAME")) {
        problems.add(
            "RRSet of type "
                + type
                + " with DNS name "
                + route53Name(name)
                + " is not permitted because a conflicting RRSet of type "
                + k.type()
                + " with the same DNS name already exists in zone "
                + route53Name(zoneApex));
        return true;
      }
    }
    return false;
  }

  private static boolean sameData(ResourceRecordSet a, ResourceRecordSet b, DeleteMatch match) {
    if (!java.util.Objects.equals(a.ttl(), b.ttl())) {
      return false;
    }
    return values(a, match).equals(values(b, match));
  }

  private static Set<String> values(ResourceRecordSet s, DeleteMatch match) {
    Set<String> out = new HashSet<>();
    for (ResourceRecord rr : s.resourceRecords()) {
      out.add(match == DeleteMatch.TEXT ? rr.value() : dataOf(s.typeAsString(), rr.value()));
    }
    return out;
  }

  /**
   * A value as record data: hex of its canonical wire form, or (when it does not parse) {@code
   * text:} and the value as written.
   */
  static String dataOf(String type, String value) {
    String text = octalToDecimal(value);
    if (text != null) {
      try {
        org.xbill.DNS.Record rec =
            org.xbill.DNS.Record.fromString(
                org.xbill.DNS.Name.root,
                org.xbill.DNS.Type.value(type),
                org.xbill.DNS.DClass.IN,
                0,
                text,
                org.xbill.DNS.Name.root);
        return "wire:" + java.util.HexFormat.of().formatHex(rec.rdataToWireCanonical());
      } catch (java.io.IOException | RuntimeException e) {
        // not record data: compared as text
      }
    }
    return "text:" + value;
  }

  /**
   * Route 53's {@code \ooo} escapes as master-file {@code \ddd}; other escapes kept. Null when a
   * three-digit escape is not octal (Route 53 would not read it as a byte).
   */
  static String octalToDecimal(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        sb.append(c);
        continue;
      }
      if (i + 3 < s.length()
          && Character.isDigit(s.charAt(i + 1))
          && Character.isDigit(s.charAt(i + 2))
          && Character.isDigit(s.charAt(i + 3))) {
        String digits = s.substring(i + 1, i + 4);
        if (!digits.chars().allMatch(d -> d <= '7')) {
          return null;
        }
        sb.append(String.format(java.util.Locale.ROOT, "\\%03d", Integer.parseInt(digits, 8)));
        i += 3;
      } else {
        sb.append(c).append(s.charAt(i + 1));
        i++;
      }
    }
    return sb.toString();
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
