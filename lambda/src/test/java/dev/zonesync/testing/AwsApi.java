package dev.zonesync.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * SigV4-signed calls to AWS APIs the project has no SDK module for on its Maven mirror
 * (CloudFormation, EC2, CloudWatch, EventBridge Scheduler, STS; S3's module would pull more into
 * the test class path than two PUTs need), for tests against an emulator: the Query protocol (form
 * POST, XML answer), REST GETs (JSON answer) and PUTs. Signed with the SDK's SigV4 signer
 * (emulators do not check signatures; the requests are still what a client would send). One call,
 * no retries; an error answer throws with its body.
 */
public final class AwsApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
  private static final Set<String> UNSIGNABLE = Set.of("host", "content-length");

  private final URI endpoint;
  private final String region;
  private final AwsCredentialsIdentity credentials;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  public AwsApi(URI endpoint, String region, String accessKey, String secretKey) {
    this.endpoint = endpoint;
    this.region = region;
    this.credentials = AwsCredentialsIdentity.create(accessKey, secretKey);
  }

  public String region() {
    return region;
  }

  /**
   * A Query-protocol call ({@code Action}, {@code Version} and the parameters, form-encoded).
   *
   * @return the XML answer, namespaces ignored (for {@link #texts})
   */
  public Document query(String service, String version, String action, Map<String, String> params) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("Action", action);
    form.put("Version", version);
    form.putAll(params);
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, v) ->
            body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    String xml =
        send(
            service,
            SdkHttpMethod.POST,
            "/",
            Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
            body.toString().getBytes(StandardCharsets.UTF_8),
            action);
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(false);
      return f.newDocumentBuilder()
          .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(service + " " + action + " answered no XML: " + xml, e);
    }
  }

  /** A REST GET of {@code pathAndQuery} (already encoded) answered with JSON. */
  public JsonNode restGet(String service, String pathAndQuery) {
    try {
      return JSON.readTree(
          send(service, SdkHttpMethod.GET, pathAndQuery, Map.of(), null, "GET " + pathAndQuery));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A REST PUT of {@code body} to {@code path} (already encoded); returns the answer's text. */
  public String restPut(String service, String path, String contentType, byte[] body) {
    return send(
        service, SdkHttpMethod.PUT, path, Map.of("Content-Type", contentType), body, "PUT " + path);
  }

  /**
   * Each node {@code xpath} selects, as its child elements' names and texts (a Query answer's
   * {@code member} or {@code item} entries).
   */
  public static List<Map<String, String>> members(Document doc, String xpath) {
    try {
      NodeList nodes =
          (NodeList)
              XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
      List<Map<String, String>> out = new ArrayList<>();
      for (int i = 0; i < nodes.getLength(); i++) {
        Map<String, String> m = new LinkedHashMap<>();
        NodeList children = nodes.item(i).getChildNodes();
        for (int c = 0; c < children.getLength(); c++) {
          if (children.item(c) instanceof org.w3c.dom.Element e) {
            m.put(e.getTagName(), e.getTextContent());
          }
        }
        out.add(m);
      }
      return out;
    } catch (Exception e) {
      throw new IllegalStateException("xpath " + xpath, e);
    }
  }

  /** The text of every node {@code xpath} selects (element names without namespace). */
  public static List<String> texts(Document doc, String xpath) {
    try {
      NodeList nodes =
          (NodeList)
              XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
      List<String> out = new ArrayList<>();
      for (int i = 0; i < nodes.getLength(); i++) {
        out.add(nodes.item(i).getTextContent());
      }
      return out;
    } catch (Exception e) {
      throw new IllegalStateException("xpath " + xpath, e);
    }
  }

  private String send(
      String service,
      SdkHttpMethod method,
      String pathAndQuery,
      Map<String, String> headers,
      byte[] body,
      String what) {
    URI uri = endpoint.resolve(pathAndQuery);
    byte[] bytes = body == null ? new byte[0] : body;
    SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder().method(method).uri(uri);
    headers.forEach(unsigned::putHeader);
    if (body != null) {
      unsigned.contentStreamProvider(ContentStreamProvider.fromByteArray(bytes));
    }
    SignedRequest signed =
        SIGNER.sign(
            r ->
                r.identity(credentials)
                    .request(unsigned.build())
                    .payload(body == null ? null : ContentStreamProvider.fromByteArray(bytes))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region));
    HttpRequest.Builder req =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .method(
                method.name(),
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(bytes));
    signed
        .request()
        .headers()
        .forEach(
            (name, values) -> {
              if (!UNSIGNABLE.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> req.header(name, v));
              }
            });
    try {
      HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 300) {
        throw new IllegalStateException(
            service + " " + what + " at " + endpoint + ": HTTP " + r.statusCode() + " " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new IllegalStateException(service + " " + what + " at " + endpoint + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
