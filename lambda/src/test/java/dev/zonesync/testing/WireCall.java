package dev.zonesync.testing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * One HTTP exchange recorded by {@link Route53Proxy}, as it crossed the wire.
 *
 * @param seq 1-based order in which the proxy received the request
 * @param operation Route 53 operation name derived from method and path (see {@link #operationOf});
 *     the path itself when unknown
 * @param method HTTP method
 * @param path request path as sent (still percent-encoded)
 * @param query raw query string, or empty
 * @param requestBody request body (UTF-8)
 * @param status HTTP status the client received; {@code -1} if it received none (reset)
 * @param responseBody body the client received (UTF-8), empty if none
 * @param upstreamStatus status the upstream (moto) answered; {@code -1} if not forwarded
 * @param duration from having read the request to having the response ready (injected latency and
 *     the upstream call included)
 * @param fault description of the injected fault, or {@code null}
 * @param startedAt when the request had been read
 */
public record WireCall(
    int seq,
    String operation,
    String method,
    String path,
    String query,
    String requestBody,
    int status,
    String responseBody,
    int upstreamStatus,
    Duration duration,
    String fault,
    Instant startedAt) {

  public static final String API_VERSION = "2013-04-01";

  /** Whether a fault was injected into this call. */
  public boolean faulted() {
    return fault != null;
  }

  /** Whether the request reached the upstream (moto) — true also for "forward then fault". */
  public boolean forwarded() {
    return upstreamStatus >= 0;
  }

  /** The hosted zone ID in the path (bare, without {@code /hostedzone/}), if any. */
  public Optional<String> hostedZoneId() {
    List<String> s = segments(path);
    if (s.size() >= 2 && (s.get(0).equals("hostedzone") || s.get(0).equals("hostedzonelimit"))) {
      return Optional.of(s.get(1));
    }
    if (s.size() >= 3 && s.get(0).equals("tags") && s.get(1).equals("hostedzone")) {
      return Optional.of(s.get(2));
    }
    return Optional.empty();
  }

  /** The parsed change batch of a ChangeResourceRecordSets request, else empty. */
  public Optional<ChangeBatch> changeBatch() {
    if (!"ChangeResourceRecordSets".equals(operation) || requestBody.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(ChangeBatch.parse(requestBody));
  }

  /**
   * Route 53 operation for a REST-XML request of API version 2013-04-01, e.g. {@code GET
   * /2013-04-01/hostedzone/Z1/rrset} → {@code ListResourceRecordSets}. Unknown: the path.
   */
  public static String operationOf(String method, String path) {
    String m = method.toUpperCase(java.util.Locale.ROOT);
    List<String> s = segments(path);
    if (s.isEmpty()) {
      return path;
    }
    String op =
        switch (s.get(0)) {
          case "hostedzone" ->
              switch (s.size()) {
                case 1 -> pick(m, "POST", "CreateHostedZone", "GET", "ListHostedZones");
                case 2 ->
                    switch (m) {
                      case "GET" -> "GetHostedZone";
                      case "DELETE" -> "DeleteHostedZone";
                      case "POST" -> "UpdateHostedZoneComment";
                      default -> null;
                    };
                case 3 ->
                    switch (s.get(2)) {
                      case "rrset" ->
                          pick(
                              m,
                              "GET",
                              "ListResourceRecordSets",
                              "POST",
                              "ChangeResourceRecordSets");
                      case "associatevpc" -> pick(m, "POST", "AssociateVPCWithHostedZone");
                      case "disassociatevpc" -> pick(m, "POST", "DisassociateVPCFromHostedZone");
                      case "dnssec" -> pick(m, "GET", "GetDNSSEC");
                      default -> null;
                    };
                default -> null;
              };
          case "hostedzonesbyname" -> pick(m, "GET", "ListHostedZonesByName");
          case "hostedzonesbyvpc" -> pick(m, "GET", "ListHostedZonesByVPC");
          case "hostedzonecount" -> pick(m, "GET", "GetHostedZoneCount");
          case "hostedzonelimit" -> s.size() == 3 ? pick(m, "GET", "GetHostedZoneLimit") : null;
          case "accountlimit" -> s.size() == 2 ? pick(m, "GET", "GetAccountLimit") : null;
          case "change" -> s.size() == 2 ? pick(m, "GET", "GetChange") : null;
          case "tags" ->
              s.size() == 3
                  ? pick(m, "GET", "ListTagsForResource", "POST", "ChangeTagsForResource")
                  : s.size() == 2 ? pick(m, "POST", "ListTagsForResources") : null;
          case "healthcheck" ->
              s.size() == 1
                  ? pick(m, "POST", "CreateHealthCheck", "GET", "ListHealthChecks")
                  : s.size() == 2
                      ? switch (m) {
                        case "GET" -> "GetHealthCheck";
                        case "DELETE" -> "DeleteHealthCheck";
                        case "POST" -> "UpdateHealthCheck";
                        default -> null;
                      }
                      : null;
          case "delegationset" ->
              s.size() == 1
                  ? pick(
                      m, "POST", "CreateReusableDelegationSet", "GET", "ListReusableDelegationSets")
                  : s.size() == 2
                      ? pick(
                          m,
                          "GET",
                          "GetReusableDelegationSet",
                          "DELETE",
                          "DeleteReusableDelegationSet")
                      : null;
          default -> null;
        };
    return op == null ? path : op;
  }

  private static String pick(String method, String... pairs) {
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      if (pairs[i].equals(method)) {
        return pairs[i + 1];
      }
    }
    return null;
  }

  /** Path segments after {@code /2013-04-01/}, without empty ones; empty for other paths. */
  static List<String> segments(String path) {
    String p = path;
    int q = p.indexOf('?');
    if (q >= 0) {
      p = p.substring(0, q);
    }
    String prefix = "/" + API_VERSION + "/";
    if (!p.startsWith(prefix)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String seg : p.substring(prefix.length()).split("/")) {
      if (!seg.isEmpty()) {
        out.add(seg);
      }
    }
    return out;
  }

  /** A ChangeResourceRecordSets change batch parsed from the request XML (values XML-unescaped). */
  public record ChangeBatch(String comment, List<Change> changes) {
    /** Number of Change elements. */
    public int changeCount() {
      return changes.size();
    }

    /** ResourceRecord values in the request, UPSERT counted twice (Route 53 limit: 1000). */
    public int valueCount() {
      return changes.stream().mapToInt(Change::weightedValueCount).sum();
    }

    /** Characters of all Value texts, UPSERT counted twice (Route 53 limit: 32 000). */
    public long valueChars() {
      return changes.stream().mapToLong(Change::weightedValueChars).sum();
    }

    /** Parses a {@code ChangeResourceRecordSetsRequest} document. */
    public static ChangeBatch parse(String xml) {
      Document doc = parseXml(xml);
      Element root = doc.getDocumentElement();
      Element batch = child(root, "ChangeBatch");
      if (batch == null) {
        throw new IllegalArgumentException("no ChangeBatch element in " + root.getLocalName());
      }
      String comment = text(child(batch, "Comment"));
      List<Change> changes = new ArrayList<>();
      Element changesEl = child(batch, "Changes");
      for (Element change : children(changesEl, "Change")) {
        Element rrs = child(change, "ResourceRecordSet");
        List<String> values = new ArrayList<>();
        for (Element rr : children(child(rrs, "ResourceRecords"), "ResourceRecord")) {
          values.add(text(child(rr, "Value")));
        }
        Element aliasEl = child(rrs, "AliasTarget");
        AliasTarget alias =
            aliasEl == null
                ? null
                : new AliasTarget(
                    text(child(aliasEl, "HostedZoneId")),
                    text(child(aliasEl, "DNSName")),
                    Boolean.parseBoolean(text(child(aliasEl, "EvaluateTargetHealth"))));
        String ttl = text(child(rrs, "TTL"));
        changes.add(
            new Change(
                text(child(change, "Action")),
                text(child(rrs, "Name")),
                text(child(rrs, "Type")),
                ttl == null ? null : Long.valueOf(ttl.strip()),
                List.copyOf(values),
                text(child(rrs, "SetIdentifier")),
                alias));
      }
      return new ChangeBatch(comment, List.copyOf(changes));
    }
  }

  /**
   * One Change of a batch.
   *
   * @param action CREATE, DELETE or UPSERT
   * @param name the Name element as sent (Route 53 escapes such as {@code \052} kept)
   * @param ttl TTL or {@code null} (alias records)
   * @param values the Value texts, XML-unescaped
   * @param setIdentifier routing-policy identifier or {@code null}
   * @param alias alias target or {@code null}
   */
  public record Change(
      String action,
      String name,
      String type,
      Long ttl,
      List<String> values,
      String setIdentifier,
      AliasTarget alias) {
    private int weight() {
      return "UPSERT".equals(action) ? 2 : 1;
    }

    /** Values of this change, counted twice for UPSERT. */
    public int weightedValueCount() {
      return values.size() * weight();
    }

    /** Characters (Unicode code points) of all values, counted twice for UPSERT. */
    public long weightedValueChars() {
      long n = 0;
      for (String v : values) {
        n += v.codePointCount(0, v.length());
      }
      return n * weight();
    }
  }

  /** AliasTarget of a change. */
  public record AliasTarget(String hostedZoneId, String dnsName, boolean evaluateTargetHealth) {}

  // ------------------------------------------------------------------------------------------
  // DOM helpers (namespace-agnostic: match on local names)

  static Document parseXml(String xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      return b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
    }
  }

  static Element child(Element parent, String localName) {
    if (parent == null) {
      return null;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName.equals(localName(e))) {
        return e;
      }
    }
    return null;
  }

  static List<Element> children(Element parent, String localName) {
    List<Element> out = new ArrayList<>();
    if (parent == null) {
      return out;
    }
    NodeList nl = parent.getChildNodes();
    for (int i = 0; i < nl.getLength(); i++) {
      if (nl.item(i) instanceof Element e && localName.equals(localName(e))) {
        out.add(e);
      }
    }
    return out;
  }

  private static String localName(Element e) {
    return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
  }

  static String text(Element e) {
    return e == null ? null : e.getTextContent();
  }
}
