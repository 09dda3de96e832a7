package dev.zonesync.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zonesync.testing.WireCall;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The IAM statements the synthesized template gives the function's role — its inline policies, the
 * {@code AWS::IAM::Policy} resources attached to it and the customer managed policies it names —
 * and a small evaluator of them for the Route 53 requests the function made on the wire: is each
 * one allowed, by action, hosted zone ARN and the condition keys Route 53 sets for it ({@code
 * route53:VPCs}, {@code route53:ChangeResourceRecordSetsNormalizedRecordNames})?
 *
 * <p>Written from IAM's documented semantics, not from the CDK app's code: an explicit Deny wins;
 * otherwise some Allow must match the action, every resource and all its conditions. {@code
 * ForAllValues:} is true when the key is absent (which is why the app adds {@code Null}). Only the
 * condition operators the template uses are understood; any other fails the test, naming it. Values
 * the rehearsal cannot know (another resource's ARN) stay unresolved and match no Route 53
 * resource.
 */
final class FunctionPolicies {

  private static final String PARTITION = "aws";

  /** One statement, resolved. */
  record Statement(
      String effect,
      List<String> actions,
      List<String> resources,
      Map<String, Map<String, List<String>>> conditions) {}

  /** One request as IAM authorizes it. */
  record Request(String action, String resource, Map<String, List<String>> context) {}

  private final List<Statement> statements;

  private FunctionPolicies(List<Statement> statements) {
    this.statements = List.copyOf(statements);
  }

  List<Statement> statements() {
    return statements;
  }

  /**
   * The function role's statements in {@code deployment}'s template, the created hosted zones' IDs
   * ({@code logicalId → id}) filled in.
   */
  static FunctionPolicies of(SynthesizedDeployment deployment, Map<String, String> createdIds) {
    JsonNode resources = deployment.template().path("Resources");
    String role = null;
    for (JsonNode r : resources) {
      if (r.path("Type").asText().equals("AWS::Lambda::Function")) {
        role = r.path("Properties").path("Role").path("Fn::GetAtt").path(0).asText(null);
      }
    }
    if (role == null || !resources.has(role)) {
      throw new IllegalStateException("the function's role is not a resource of the template");
    }
    List<Statement> out = new ArrayList<>();
    JsonNode roleProps = resources.path(role).path("Properties");
    for (JsonNode p : roleProps.path("Policies")) {
      addDocument(out, p.path("PolicyDocument"), createdIds);
    }
    for (JsonNode arn : roleProps.path("ManagedPolicyArns")) {
      String ref = arn.path("Ref").asText(null);
      if (ref == null) {
        throw new IllegalStateException("a managed policy not of this template: " + arn);
      }
      addDocument(out, resources.path(ref).path("Properties").path("PolicyDocument"), createdIds);
    }
    final String theRole = role;
    resources.forEach(
        r -> {
          if (r.path("Type").asText().equals("AWS::IAM::Policy")) {
            for (JsonNode attached : r.path("Properties").path("Roles")) {
              if (attached.path("Ref").asText().equals(theRole)) {
                addDocument(out, r.path("Properties").path("PolicyDocument"), createdIds);
              }
            }
          }
        });
    return new FunctionPolicies(out);
  }

  private static void addDocument(
      List<Statement> out, JsonNode document, Map<String, String> createdIds) {
    for (JsonNode s : document.path("Statement")) {
      if (s.has("NotAction") || s.has("NotResource") || s.has("Principal")) {
        throw new IllegalStateException("statement form not understood here: " + s);
      }
      Map<String, Map<String, List<String>>> conditions = new LinkedHashMap<>();
      s.path("Condition")
          .fields()
          .forEachRemaining(
              op -> {
                Map<String, List<String>> keys = new LinkedHashMap<>();
                op.getValue()
                    .fields()
                    .forEachRemaining(k -> keys.put(k.getKey(), strings(k.getValue(), createdIds)));
                conditions.put(op.getKey(), keys);
              });
      out.add(
          new Statement(
              s.path("Effect").asText(),
              strings(s.path("Action"), createdIds),
              strings(s.path("Resource"), createdIds),
              conditions));
    }
  }

  private static List<String> strings(JsonNode node, Map<String, String> createdIds) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> out.add(value(n, createdIds)));
    } else if (!node.isMissingNode()) {
      out.add(value(node, createdIds));
    }
    return out;
  }

  /** A value with what the rehearsal knows resolved; anything else as an unmatched placeholder. */
  private static String value(JsonNode n, Map<String, String> createdIds) {
    if (n.isValueNode()) {
      return n.asText();
    }
    if (n.has("Fn::Join")) {
      StringBuilder sb = new StringBuilder();
      String sep = n.get("Fn::Join").get(0).asText();
      JsonNode parts = n.get("Fn::Join").get(1);
      for (int i = 0; i < parts.size(); i++) {
        sb.append(i == 0 ? "" : sep).append(value(parts.get(i), createdIds));
      }
      return sb.toString();
    }
    if (n.has("Ref")) {
      String ref = n.get("Ref").asText();
      if (ref.equals("AWS::Partition")) {
        return PARTITION;
      }
      return createdIds.getOrDefault(ref, "${" + ref + "}");
    }
    if (n.has("Fn::GetAtt")) {
      String logical = n.get("Fn::GetAtt").get(0).asText();
      String attribute = n.get("Fn::GetAtt").get(1).asText();
      if (attribute.equals("Id") && createdIds.containsKey(logical)) {
        return createdIds.get(logical);
      }
      return "${" + logical + "." + attribute + "}";
    }
    return "${" + n + "}";
  }

  /** Whether the statements allow {@code request} (no Deny matches it and some Allow does). */
  boolean allows(Request request) {
    boolean allowed = false;
    for (Statement s : statements) {
      if (matches(s, request)) {
        if (s.effect().equals("Deny")) {
          return false;
        }
        allowed = true;
      }
    }
    return allowed;
  }

  private static boolean matches(Statement s, Request r) {
    boolean action =
        s.actions().stream()
            .anyMatch(a -> like(a.toLowerCase(Locale.ROOT), r.action().toLowerCase(Locale.ROOT)));
    boolean resource = s.resources().stream().anyMatch(p -> like(p, r.resource()));
    if (!action || !resource) {
      return false;
    }
    for (Map.Entry<String, Map<String, List<String>>> op : s.conditions().entrySet()) {
      for (Map.Entry<String, List<String>> key : op.getValue().entrySet()) {
        if (!condition(op.getKey(), key.getValue(), r.context().get(key.getKey()))) {
          return false;
        }
      }
    }
    return true;
  }

  /** One condition operator on one key; {@code actual} is null when the request lacks the key. */
  private static boolean condition(String operator, List<String> expected, List<String> actual) {
    return switch (operator) {
      case "Null" -> (actual == null) == expected.get(0).equals("true");
      case "StringEquals" -> actual != null && actual.stream().anyMatch(a -> expected.contains(a));
      case "StringLike" ->
          actual != null
              && actual.stream().anyMatch(a -> expected.stream().anyMatch(e -> like(e, a)));
      case "ForAllValues:StringEquals" ->
          actual == null || actual.stream().allMatch(expected::contains);
      case "ForAllValues:StringLike" ->
          actual == null
              || actual.stream().allMatch(a -> expected.stream().anyMatch(e -> like(e, a)));
      default ->
          throw new IllegalStateException(
              "condition operator " + operator + " is not understood by this evaluator");
    };
  }

  /** IAM's wildcard match: {@code *} any characters, {@code ?} one, the rest literally. */
  static boolean like(String pattern, String value) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL).matcher(value).matches();
  }

  // ---------------------------------------------------------------------------------------------
  // Route 53 requests as IAM sees them

  /**
   * The IAM request of a Route 53 call on the wire: {@code route53:<operation>} on the hosted zone
   * ARN (or {@code *} for the account-wide operations), with the condition keys Route 53 documents
   * for it.
   */
  static Request request(WireCall call) {
    String resource =
        call.hostedZoneId()
            .map(id -> "arn:" + PARTITION + ":route53:::hostedzone/" + id)
            .orElse("*");
    Map<String, List<String>> context = new LinkedHashMap<>();
    switch (call.operation()) {
      case "CreateHostedZone", "AssociateVPCWithHostedZone" -> {
        Document doc = xml(call.requestBody());
        NodeList vpcs = doc.getElementsByTagNameNS("*", "VPC");
        List<String> values = new ArrayList<>();
        for (int i = 0; i < vpcs.getLength(); i++) {
          Element v = (Element) vpcs.item(i);
          values.add(
              "VPCId="
                  + text(v, "VPCId")
                  + ",VPCRegion="
                  + text(v, "VPCRegion").toLowerCase(Locale.ROOT));
        }
        if (!values.isEmpty()) {
          context.put("route53:VPCs", values);
        }
      }
      case "ChangeResourceRecordSets" ->
          context.put(
              "route53:ChangeResourceRecordSetsNormalizedRecordNames",
              call.changeBatch().orElseThrow().changes().stream()
                  .map(c -> normalizedName(c.name()))
                  .distinct()
                  .toList());
      default -> {}
    }
    return new Request("route53:" + call.operation(), resource, context);
  }

  /**
   * A record name as Route 53 normalizes it for {@code
   * route53:ChangeResourceRecordSetsNormalizedRecordNames} (its documentation): lower case, no
   * trailing dot, every byte other than {@code a-z 0-9 - _ .} as a backslash and three octal
   * digits. The request's own {@code \ooo} escapes are read first (Route 53's octal syntax).
   */
  static String normalizedName(String wire) {
    String name = wire.endsWith(".") ? wire.substring(0, wire.length() - 1) : wire;
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    byte[] raw = name.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '\\'
          && i + 3 < raw.length
          && octal(raw[i + 1])
          && octal(raw[i + 2])
          && octal(raw[i + 3])) {
        bytes.write((raw[i + 1] - '0') * 64 + (raw[i + 2] - '0') * 8 + (raw[i + 3] - '0'));
        i += 3;
      } else {
        bytes.write(raw[i]);
      }
    }
    StringBuilder out = new StringBuilder();
    for (byte b : bytes.toByteArray()) {
      int c = b & 0xff;
      if (c >= 'A' && c <= 'Z') {
        c = c - 'A' + 'a';
      }
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.') {
        out.append((char) c);
      } else {
        out.append(String.format("\\%03o", c));
      }
    }
    return out.toString();
  }

  private static boolean octal(byte b) {
    return b >= '0' && b <= '7';
  }

  private static Document xml(String body) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      return f.newDocumentBuilder()
          .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException("not XML: " + body, e);
    }
  }

  private static String text(Element parent, String tag) {
    NodeList l = parent.getElementsByTagNameNS("*", tag);
    return l.getLength() == 0 ? "" : l.item(0).getTextContent().trim();
  }
}
