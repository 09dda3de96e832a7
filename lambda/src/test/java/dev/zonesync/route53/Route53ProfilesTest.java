package dev.zonesync.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.zonesync.aws.AwsJsonClient;
import dev.zonesync.config.Route53Settings;
import dev.zonesync.contract.AwsActions;
import dev.zonesync.sync.port.ApiCallMeter;
import dev.zonesync.sync.port.ApiCalls;
import dev.zonesync.sync.port.HostedZoneLifecycle;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The Route 53 Profiles call, which no emulator here serves (moto 5.2.5 has no route53profiles, and
 * no real endpoint is reachable): the exact request it sends — method, path, headers, signing
 * scope, JSON body — recorded by a local HTTP server, and what it makes of the answers the API
 * model lists. The SigV4 signature itself is recomputed independently in {@code AwsJsonClientTest}.
 */
class Route53ProfilesTest {

  private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
  private static final String SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLEsessionTOKEN";
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(
          AwsSessionCredentials.create(ACCESS_KEY, "secret", SESSION_TOKEN));

  /** Retries as production has them, without the waiting. */
  private static final AwsJsonClient.Retry NO_WAIT =
      new AwsJsonClient.Retry(
          3, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1), d -> {});

  record Received(String method, String path, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final List<Received> received = new ArrayList<>();
  private final Deque<String[]> answers = new ArrayDeque<>();
  private final HttpServer server = start();
  private final AtomicInteger regionAsked = new AtomicInteger();
  private final Route53Client route53 =
      Route53Clients.create(
          Route53Settings.DEFAULT.withEndpoint(URI.create("http://127.0.0.1:9")), CREDENTIALS);

  @AfterEach
  void stop() {
    server.stop(0);
    route53.close();
  }

  private HttpServer start() {
    try {
      HttpServer s =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      s.createContext(
          "/",
          ex -> {
            try (ex) {
              Map<String, String> headers = new TreeMap<>();
              ex.getRequestHeaders()
                  .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
              String[] answer;
              synchronized (this) {
                received.add(
                    new Received(
                        ex.getRequestMethod(),
                        ex.getRequestURI().getRawPath(),
                        headers,
                        new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                answer = answers.poll();
              }
              if (answer == null) {
                answer = new String[] {"500", "", "{}"};
              }
              if (!answer[1].isEmpty()) {
                ex.getResponseHeaders().add("x-amzn-ErrorType", answer[1]);
              }
              ex.getResponseHeaders().add("Content-Type", "application/json");
              byte[] out = answer[2].getBytes(StandardCharsets.UTF_8);
              ex.sendResponseHeaders(Integer.parseInt(answer[0]), out.length);
              try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
              }
            }
          });
      s.start();
      return s;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private synchronized void answer(int status, String errorType, String body) {
    answers.add(new String[] {Integer.toString(status), errorType, body});
  }

  private URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The lifecycle as the composition root builds it, Profiles in {@code region}. */
  private HostedZoneLifecycle lifecycle(String region) {
    return new Route53HostedZones(
        route53,
        new Route53Profiles(
            () -> {
              regionAsked.incrementAndGet();
              return region;
            },
            Map.of("AWS_ENDPOINT_URL_ROUTE53PROFILES", endpoint().toString()),
            CREDENTIALS,
            AwsJsonClient.defaultHttpClient(),
            NO_WAIT));
  }

  private static final String CREATED =
      "{\"ProfileResourceAssociation\":{\"Id\":\"rpr-001\",\"Name\":\"corp-example\","
          + "\"ProfileId\":\"rp-4e1c2b3a\",\"ResourceArn\":\"arn:aws:route53:::hostedzone/Z0123\","
          + "\"ResourceType\":\"HOSTED_ZONE\",\"Status\":\"CREATING\"}}";

  private static ApiCalls metered(Runnable r) {
    ApiCallMeter.Session session = new MeteredCalls().start();
    try {
      r.run();
      return session.stop();
    } catch (RuntimeException e) {
      session.stop();
      throw e;
    }
  }

  @Test
  void associate_sendsTheSignedRestJsonRequest_andCountsTheCall() {
    answer(200, "", CREATED);
    HostedZoneLifecycle lifecycle = lifecycle("eu-west-1");

    ApiCalls calls =
        metered(() -> lifecycle.associateWithProfile("rp-4e1c2b3a", "Z0123", "corp-example"));

    assertThat(received).hasSize(1);
    Received r = received.get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/profileresourceassociation");
    assertThat(r.body())
        .isEqualTo(
            "{\"Name\":\"corp-example\",\"ProfileId\":\"rp-4e1c2b3a\","
                + "\"ResourceArn\":\"arn:aws:route53:::hostedzone/Z0123\"}");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.header("X-Amz-Target")).isNull();
    assertThat(r.header("X-Amz-Security-Token")).isEqualTo(SESSION_TOKEN);
    assertThat(r.header("X-Amz-Date")).matches("\\d{8}T\\d{6}Z");
    assertThat(r.header("Host")).isEqualTo("127.0.0.1:" + server.getAddress().getPort());
    String day = r.header("X-Amz-Date").substring(0, 8);
    assertThat(day)
        .isIn(
            ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd")),
            ZonedDateTime.now(ZoneOffset.UTC)
                .minusMinutes(1)
                .format(DateTimeFormatter.ofPattern("yyyyMMdd")));
    assertThat(r.header("Authorization"))
        .startsWith(
            "AWS4-HMAC-SHA256 Credential="
                + ACCESS_KEY
                + "/"
                + day
                + "/eu-west-1/route53profiles/aws4_request, SignedHeaders=")
        .contains("host")
        .contains("x-amz-content-sha256")
        .contains("x-amz-date")
        .contains("x-amz-security-token")
        .containsPattern("Signature=[0-9a-f]{64}$");
    assertThat(calls.byOperation()).containsEntry("AssociateResourceToProfile", 1);
    assertThat(calls.byOperation()).containsEntry("total", 1);
    assertThat(AwsActions.CATALOG).contains("route53profiles:" + Route53Profiles.OPERATION);
  }

  @Test
  void anAssociationAlreadyThere_isFine() {
    answer(
        409,
        "ConflictException",
        "{\"Message\":\"The resource association already exists for the profile.\"}");

    lifecycle("eu-west-1").associateWithProfile("rp-4e1c2b3a", "Z0123", "corp-example");

    assertThat(received).hasSize(1);
  }

  @Test
  void aThrottledAnswer_isRetried_andEveryAttemptCounted() {
    answer(400, "ThrottlingException", "{\"Message\":\"Rate exceeded\"}");
    answer(200, "", CREATED);

    ApiCalls calls =
        metered(
            () ->
                lifecycle("eu-west-1")
                    .associateWithProfile("rp-4e1c2b3a", "Z0123", "corp-example"));

    assertThat(received).hasSize(2);
    assertThat(calls.byOperation()).containsEntry("AssociateResourceToProfile", 2);
    assertThat(calls.throttled()).isEqualTo(1);
    assertThat(calls.retries()).isEqualTo(1);
  }

  @Test
  void accessDenied_namesTheProfile_theZone_theCode_andThePermission() {
    answer(
        403,
        "AccessDeniedException",
        "{\"Message\":\"User: arn:aws:sts::123456789012:assumed-role/zonesync/fn is not"
            + " authorized to perform: route53profiles:AssociateResourceToProfile\"}");

    HostedZoneException e =
        catchThrowableOfType(
            HostedZoneException.class,
            () ->
                lifecycle("eu-west-1")
                    .associateWithProfile("rp-4e1c2b3a", "Z0123", "corp-example"));

    assertThat(received).hasSize(1);
    assertThat(e.getMessage())
        .contains(
            "AssociateResourceToProfile of hosted zone Z0123 with Route 53 Profile rp-4e1c2b3a")
        .contains("HTTP 403 AccessDeniedException")
        .contains("not authorized to perform")
        .contains("the function's role lacks route53profiles:AssociateResourceToProfile");
  }

  @Test
  void aMissingProfile_saysWhereItLooked() {
    answer(404, "ResourceNotFoundException", "{\"Message\":\"Profile not found\"}");

    assertThatThrownBy(
            () ->
                lifecycle("eu-west-1").associateWithProfile("rp-missing", "Z0123", "corp-example"))
        .isInstanceOf(HostedZoneException.class)
        .hasMessageContaining("ResourceNotFoundException")
        .hasMessageContaining("no Profile rp-missing")
        .hasMessageContaining("in region eu-west-1");
  }

  @Test
  void theArnIsInThePartitionOfTheRegion() {
    answer(200, "", CREATED);

    lifecycle("cn-north-1").associateWithProfile("rp-4e1c2b3a", "Z0123", "corp-example");

    assertThat(received.get(0).body())
        .contains("\"ResourceArn\":\"arn:aws-cn:route53:::hostedzone/Z0123\"");
    assertThat(received.get(0).header("Authorization")).contains("/cn-north-1/route53profiles/");
  }

  @Test
  void anInvalidAssociationName_isRefusedBeforeAnyRequest() {
    HostedZoneLifecycle lifecycle = lifecycle("eu-west-1");

    assertThatThrownBy(
            () -> lifecycle.associateWithProfile("rp-4e1c2b3a", "Z0123", "corp.example."))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a Route 53 Profiles resource association name");
    assertThatThrownBy(() -> lifecycle.associateWithProfile("rp-4e1c2b3a", "Z0123", "12345"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(received).isEmpty();
  }

  @Test
  void theRegionIsAskedForAtTheFirstCall_notBefore() {
    HostedZoneLifecycle lifecycle = lifecycle("eu-west-1");
    assertThat(regionAsked).hasValue(0);

    answer(200, "", CREATED);
    answer(200, "", CREATED);
    lifecycle.associateWithProfile("rp-4e1c2b3a", "Z0123", "corp-example");
    lifecycle.associateWithProfile("rp-4e1c2b3a", "Z0456", "other-example");

    assertThat(regionAsked).hasValue(1);
  }
}
