package dev.zonesync.testing;

import static dev.zonesync.testing.MotoServerIT.apply;
import static dev.zonesync.testing.MotoServerIT.change;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HostedZoneLimitType;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.PriorRequestNotCompleteException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Route53Exception;
import software.amazon.awssdk.services.route53.model.ThrottlingException;

@Timeout(120)
class Route53ProxyIT {
  private static final String CHANGE = "ChangeResourceRecordSets";
  private MotoServer moto;
  private Route53Proxy proxy;
  private Route53Client raw; // through the proxy, SDK retries disabled
  private String zone;
  private String zoneName;
  private static int zoneCounter;

  @BeforeEach
  void setUp() {
    moto = MotoServer.shared();
    proxy = Route53Proxy.in(moto);
    raw = proxy.newClient(1);
    zoneName = "proxy" + (++zoneCounter) + "-" + System.nanoTime() + ".example.";
    zone = moto.createPrivateHostedZone(zoneName); // directly, not through the proxy
  }

  @AfterEach
  void tearDown() {
    raw.close();
    proxy.close();
  }

  private void upsertA(Route53Client c, String label, String ip) {
    apply(c, zone, change(ChangeAction.UPSERT, label + "." + zoneName, RRType.A, 60, ip));
  }

  private static Route53Exception r53(Throwable t) {
    assertThat(t).isInstanceOf(Route53Exception.class);
    return (Route53Exception) t;
  }

  @Test
  void recordsSdkCallsWithOperationNames() {
    raw.getHostedZone(b -> b.id(zone));
    upsertA(raw, "www", "192.0.2.1");
    raw.listResourceRecordSets(b -> b.hostedZoneId(zone));
    raw.getChange(b -> b.id("C2682N5HXP0BZ4"));
    raw.createHostedZone(
        b -> b.name("created-" + zoneName).callerReference("r" + System.nanoTime()));
    // answered by scripts/lib/moto_route53.py (stock moto 5.2.5 has no GetHostedZoneLimit)
    assertThat(
            raw.getHostedZoneLimit(
                    b -> b.hostedZoneId(zone).type(HostedZoneLimitType.MAX_RRSETS_BY_ZONE))
                .count())
        .isEqualTo(3L); // apex SOA and NS + www

    List<WireCall> calls = proxy.calls();
    assertThat(calls)
        .extracting(WireCall::operation)
        .containsExactly(
            "GetHostedZone",
            CHANGE,
            "ListResourceRecordSets",
            "GetChange",
            "CreateHostedZone",
            "GetHostedZoneLimit");
    assertThat(calls).extracting(WireCall::seq).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(calls.get(0).hostedZoneId()).contains(zone);
    assertThat(calls.get(1).method()).isEqualTo("POST");
    assertThat(calls.get(1).path()).startsWith("/2013-04-01/hostedzone/" + zone + "/rrset");
    assertThat(calls.get(1).status()).isEqualTo(200);
    assertThat(calls.get(1).responseBody()).contains("ChangeInfo");
    assertThat(calls.get(5).status()).isEqualTo(200);
    assertThat(calls).noneMatch(WireCall::faulted).allMatch(WireCall::forwarded);
    assertThat(calls).allMatch(c -> !c.duration().isNegative());
    assertThat(proxy.countsByOperation())
        .containsEntry(CHANGE, 1)
        .containsEntry("GetHostedZone", 1)
        .hasSize(6);

    raw.listResourceRecordSets(b -> b.hostedZoneId(zone).maxItems("1").startRecordName(zoneName));
    WireCall targeted = proxy.calls("ListResourceRecordSets").get(1);
    assertThat(targeted.query()).contains("maxitems=1").contains("name=" + zoneName);

    proxy.clear();
    assertThat(proxy.calls()).isEmpty();
    assertThat(proxy.countsByOperation()).isEmpty();
  }

  @Test
  void changeBatchIsParsedFromTheWire() {
    String tricky = "\"say \\\"hi\\\" & <b> \\\\ ;\" \"second\"";
    apply(
        raw,
        zone,
        change(ChangeAction.CREATE, "a." + zoneName, RRType.A, 300, "192.0.2.1", "192.0.2.2"),
        change(ChangeAction.UPSERT, "t." + zoneName, RRType.TXT, 60, tricky),
        change(ChangeAction.CREATE, "*.apps." + zoneName, RRType.A, 300, "192.0.2.9"));
    List<WireCall.ChangeBatch> batches = proxy.changeBatches();
    assertThat(batches).hasSize(1);
    WireCall.ChangeBatch b = batches.get(0);
    assertThat(b.changes())
        .extracting(WireCall.Change::action)
        .containsExactly("CREATE", "UPSERT", "CREATE");
    assertThat(b.changes().get(0).values()).containsExactly("192.0.2.1", "192.0.2.2");
    assertThat(b.changes().get(1).values()).containsExactly(tricky);
    assertThat(b.changes().get(1).ttl()).isEqualTo(60L);
    assertThat(b.changes().get(2).name()).isEqualTo("*.apps." + zoneName);
    assertThat(b.valueCount()).isEqualTo(2 + 2 + 1);
    assertThat(b.valueChars()).isEqualTo(9 + 9 + 2L * tricky.length() + 9);
    // and moto applied it
    assertThat(moto.listAll(zone)).extracting(ResourceRecordSet::name).contains("t." + zoneName);
  }

  @Test
  void throttlingArrivesAsRoute53ExceptionWithCodeThrottling() {
    proxy.addFault(FaultRule.nth(CHANGE, 2, HttpFault.throttling()));
    upsertA(raw, "one", "192.0.2.1");
    Throwable t =
        org.assertj.core.api.Assertions.catchThrowable(() -> upsertA(raw, "two", "192.0.2.2"));
    Route53Exception e = r53(t);
    // Route 53 says "Throttling"; the SDK's modelled ThrottlingException is for the code
    // "ThrottlingException", so this arrives as a plain Route53Exception: check the code.
    assertThat(e).isNotInstanceOf(ThrottlingException.class);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.isThrottlingException()).isTrue();
    assertThat(e.requestId()).isNotBlank();
    upsertA(raw, "three", "192.0.2.3");

    List<WireCall> changes = proxy.calls(CHANGE);
    assertThat(changes).extracting(WireCall::faulted).containsExactly(false, true, false);
    assertThat(changes.get(1).fault()).isEqualTo("Throttling(400)");
    assertThat(changes.get(1).forwarded()).isFalse();
    assertThat(changes.get(1).status()).isEqualTo(400);
    assertThat(moto.listAll(zone))
        .extracting(ResourceRecordSet::name)
        .doesNotContain("two." + zoneName);
  }

  @Test
  void priorRequestNotComplete() {
    proxy.addFault(FaultRule.first(CHANGE, 1, HttpFault.priorRequestNotComplete()));
    Throwable t =
        org.assertj.core.api.Assertions.catchThrowable(() -> upsertA(raw, "p", "192.0.2.1"));
    Route53Exception e = r53(t);
    assertThat(e).isInstanceOf(PriorRequestNotCompleteException.class);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PriorRequestNotComplete");
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.isThrottlingException()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 503})
  void serverErrors(int status) {
    proxy.addFault(FaultRule.always("GetHostedZone", HttpFault.serverError(status)));
    Throwable t =
        org.assertj.core.api.Assertions.catchThrowable(() -> raw.getHostedZone(b -> b.id(zone)));
    Route53Exception e = r53(t);
    assertThat(e.statusCode()).isEqualTo(status);
    assertThat(e.awsErrorDetails().errorCode())
        .isEqualTo(status == 503 ? "ServiceUnavailable" : "InternalFailure");
    assertThat(proxy.calls()).hasSize(1);
  }

  @Test
  void invalidChangeBatchInTodaysShape() {
    proxy.addFault(
        FaultRule.first(
            CHANGE,
            1,
            HttpFault.invalidChangeBatch(
                "Tried to create resource record set [name='x.example.', type='A'] but it"
                    + " already exists")));
    Throwable t =
        org.assertj.core.api.Assertions.catchThrowable(() -> upsertA(raw, "x", "192.0.2.1"));
    Route53Exception e = r53(t);
    assertThat(e).isInstanceOf(InvalidChangeBatchException.class);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidChangeBatch");
    assertThat(e.awsErrorDetails().errorMessage())
        .startsWith("[Tried to create resource record set")
        .endsWith("already exists]");
  }

  @Test
  void invalidChangeBatchInTheLegacyShapeIsNotRecognisedBySdkV2() {
    proxy.addFault(FaultRule.first(CHANGE, 1, HttpFault.invalidChangeBatchLegacyShape("m1", "m2")));
    Throwable t =
        org.assertj.core.api.Assertions.catchThrowable(() -> upsertA(raw, "x", "192.0.2.1"));
    Route53Exception e = r53(t);
    assertThat(e).isNotInstanceOf(InvalidChangeBatchException.class);
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.awsErrorDetails().errorCode()).isNull();
    assertThat(proxy.calls(CHANGE).get(0).responseBody()).contains("<Message>m1</Message>");
  }

  @Test
  void latencyDelaysButForwards() {
    proxy.addFault(FaultRule.first("GetHostedZone", 1, HttpFault.latency(Duration.ofMillis(400))));
    long t0 = System.nanoTime();
    raw.getHostedZone(b -> b.id(zone));
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
    WireCall c = proxy.calls().get(0);
    assertThat(c.status()).isEqualTo(200);
    assertThat(c.forwarded()).isTrue();
    assertThat(c.fault()).isEqualTo("latency(400ms)");
    assertThat(c.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void latencyBeyondTheAttemptTimeoutTimesOut() {
    proxy.addFault(FaultRule.first("GetHostedZone", 1, HttpFault.latency(Duration.ofSeconds(3))));
    try (Route53Client impatient =
        Route53Client.builder()
            .endpointOverride(proxy.endpoint())
            .region(software.amazon.awssdk.regions.Region.US_EAST_1)
            .credentialsProvider(
                software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                    MotoServer.DUMMY_CREDENTIALS))
            .httpClientBuilder(
                software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
            .overrideConfiguration(
                o ->
                    o.apiCallAttemptTimeout(Duration.ofMillis(500))
                        .retryStrategy(
                            software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
            .build()) {
      // the answer would come after 3 s; the attempt timeout, not an answer, ends the call
      assertThatThrownBy(() -> impatient.getHostedZone(b -> b.id(zone)))
          .isInstanceOf(software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException.class);
    }
  }

  @Test
  void connectionResetIsAClientExceptionAndNeverReachesMoto() {
    proxy.addFault(FaultRule.first(CHANGE, 1, HttpFault.connectionReset()));
    assertThatThrownBy(() -> upsertA(raw, "reset", "192.0.2.1"))
        .isInstanceOf(SdkClientException.class)
        .isNotInstanceOf(Route53Exception.class);
    List<WireCall> calls = proxy.calls(CHANGE);
    // exactly one attempt on the wire: neither the SDK nor HttpURLConnection retried the POST
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).status()).isEqualTo(-1);
    assertThat(calls.get(0).forwarded()).isFalse();
    assertThat(calls.get(0).fault()).isEqualTo("connectionReset");
    assertThat(moto.listAll(zone))
        .extracting(ResourceRecordSet::name)
        .doesNotContain("reset." + zoneName);
    // the next call on a new connection works
    upsertA(raw, "after", "192.0.2.2");
  }

  @Test
  void resetGetOnAReusedConnectionIsSilentlyRetriedByTheJdk() {
    raw.getHostedZone(b -> b.id(zone)); // leaves a kept-alive connection in the JDK's cache
    proxy.addFault(FaultRule.nth("GetHostedZone", 1, HttpFault.connectionReset()));
    raw.getHostedZone(b -> b.id(zone)); // succeeds although SDK retries are off …
    // … because HttpURLConnection re-sends an idempotent request once when a cached
    // connection fails: two calls on the wire for one SDK attempt.
    assertThat(proxy.calls("GetHostedZone"))
        .extracting(WireCall::status)
        .containsExactly(200, -1, 200);
    // to make a GET reset visible to the caller, reset two consecutive calls
    proxy.clearFaults();
    proxy.addFault(FaultRule.first("GetHostedZone", 2, HttpFault.connectionReset()));
    assertThatThrownBy(() -> raw.getHostedZone(b -> b.id(zone)))
        .isInstanceOf(SdkClientException.class);
  }

  @Test
  void appliedButResponseLost() {
    proxy.addFault(FaultRule.nth(CHANGE, 1, HttpFault.serverError(500).afterForwarding()));
    proxy.addFault(FaultRule.nth(CHANGE, 2, HttpFault.connectionReset().afterForwarding()));
    Throwable t =
        org.assertj.core.api.Assertions.catchThrowable(() -> upsertA(raw, "lost1", "192.0.2.1"));
    assertThat(r53(t).statusCode()).isEqualTo(500);
    assertThatThrownBy(() -> upsertA(raw, "lost2", "192.0.2.2"))
        .isInstanceOf(SdkClientException.class);
    List<WireCall> calls = proxy.calls(CHANGE);
    assertThat(calls).hasSize(2);
    assertThat(calls).allMatch(WireCall::forwarded).allMatch(WireCall::faulted);
    assertThat(calls.get(0).upstreamStatus()).isEqualTo(200);
    assertThat(calls.get(0).fault()).isEqualTo("InternalFailure(500)+afterForwarding");
    assertThat(calls.get(1).status()).isEqualTo(-1);
    // both changes were applied although the client saw errors
    assertThat(moto.listAll(zone))
        .extracting(ResourceRecordSet::name)
        .contains("lost1." + zoneName, "lost2." + zoneName);
  }

  @Test
  void sdkDefaultRetriesRecoverFromThrottlingAndPriorRequestNotComplete() {
    try (Route53Client retrying = proxy.newClient(0)) {
      proxy.addFault(FaultRule.first("GetHostedZone", 1, HttpFault.throttling()));
      proxy.addFault(FaultRule.first(CHANGE, 1, HttpFault.priorRequestNotComplete()));
      retrying.getHostedZone(b -> b.id(zone));
      upsertA(retrying, "retried", "192.0.2.1");
    }
    assertThat(proxy.calls("GetHostedZone"))
        .extracting(WireCall::faulted)
        .containsExactly(true, false);
    assertThat(proxy.calls(CHANGE)).extracting(WireCall::faulted).containsExactly(true, false);
  }

  @Test
  void seededFractionIsReproducible() {
    List<Integer> firstRun = faultedCallsWithFraction(7);
    List<Integer> secondRun = faultedCallsWithFraction(7);
    assertThat(firstRun).isEqualTo(secondRun).isNotEmpty().hasSizeLessThan(30);
  }

  private List<Integer> faultedCallsWithFraction(long seed) {
    proxy.clear();
    proxy.clearFaults();
    FaultRule rule =
        proxy.addFault(FaultRule.fraction("GetHostedZone", 0.3, seed, HttpFault.throttling()));
    List<Integer> faulted = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      try {
        raw.getHostedZone(b -> b.id(zone));
      } catch (Route53Exception e) {
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
        faulted.add(i);
      }
    }
    assertThat(rule.fired()).isEqualTo(faulted.size());
    assertThat(proxy.calls()).hasSize(30);
    assertThat(proxy.calls().stream().filter(WireCall::faulted).count()).isEqualTo(faulted.size());
    return faulted;
  }

  @Test
  void concurrentCallsAreAllForwardedAndRecorded() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 10; i++) {
                    if (i % 5 == 0) {
                      upsertA(raw, "c" + thread + "-" + i, "192.0.2." + (i + 1));
                    } else {
                      raw.getHostedZone(b -> b.id(zone));
                    }
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<WireCall> calls = proxy.calls();
    assertThat(calls).hasSize(80).allMatch(c -> c.status() == 200);
    assertThat(calls).extracting(WireCall::seq).doesNotHaveDuplicates();
    assertThat(proxy.countsByOperation())
        .containsEntry(CHANGE, 16)
        .containsEntry("GetHostedZone", 64);
  }

  private static final String AUTH =
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/route53/aws4_request,"
          + " SignedHeaders=host, Signature=0000";

  @Test
  void chunkedRequestBodiesAreForwardedWhole() throws Exception {
    String name = "chunked-" + zoneName;
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CreateHostedZoneRequest"
            + " xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><Name>"
            + name
            + "</Name><CallerReference>chunked-"
            + System.nanoTime()
            + "</CallerReference></CreateHostedZoneRequest>";
    HttpURLConnection c =
        (HttpURLConnection)
            proxy.endpoint().resolve("/2013-04-01/hostedzone").toURL().openConnection();
    c.setConnectTimeout(5000);
    c.setReadTimeout(10000);
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setChunkedStreamingMode(16);
    c.setRequestProperty("Authorization", AUTH);
    c.setRequestProperty("Content-Type", "text/xml");
    try (OutputStream out = c.getOutputStream()) {
      out.write(xml.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(c.getResponseCode()).isEqualTo(201);
    c.disconnect();
    WireCall call = proxy.calls().get(0);
    assertThat(call.operation()).isEqualTo("CreateHostedZone");
    assertThat(call.requestBody()).isEqualTo(xml);
  }

  @Test
  void keepAliveServesSeveralRequestsOnOneConnection() throws Exception {
    try (Socket s = new Socket(TestProcesses.loopback(), proxy.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      for (int i = 0; i < 3; i++) {
        String req =
            "GET /2013-04-01/hostedzone/"
                + zone
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                + AUTH
                + "\r\n\r\n";
        out.write(req.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHead(in);
        assertThat(head).startsWith("HTTP/1.1 200");
        int len =
            Integer.parseInt(
                head.lines()
                    .filter(l -> l.toLowerCase().startsWith("content-length:"))
                    .findFirst()
                    .orElseThrow()
                    .substring("content-length:".length())
                    .trim());
        assertThat(new String(in.readNBytes(len), StandardCharsets.UTF_8)).contains(zone);
      }
    }
    assertThat(proxy.calls("GetHostedZone")).hasSize(3);
  }

  private static String readHead(InputStream in) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    while (!b.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new java.io.EOFException("closed after " + b);
      }
      b.write(c);
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void upstreamDownGivesBadGateway() {
    try (Route53Proxy dead =
            Route53Proxy.start(
                java.net.URI.create("http://127.0.0.1:" + TestProcesses.freeTcpPort()));
        Route53Client c = dead.newClient(1)) {
      Throwable t =
          org.assertj.core.api.Assertions.catchThrowable(() -> c.getHostedZone(b -> b.id(zone)));
      assertThat(r53(t).statusCode()).isEqualTo(502);
      assertThat(dead.calls().get(0).fault()).isEqualTo("upstream-unreachable");
    }
  }
}
