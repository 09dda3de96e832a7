package dev.zonesync.route53;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client answering Route 53 requests from a script, in order (the last answer repeats), and
 * counting what it was sent: for the retry and pacing decisions of the client {@link
 * Route53Clients} builds, without a network or an emulator.
 */
final class ScriptedHttp implements SdkHttpClient {

  private static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";

  /** One scripted answer. */
  record Answer(int status, String body) {}

  private final List<Answer> script;
  private final List<String> sent = new ArrayList<>();

  ScriptedHttp(List<Answer> script) {
    this.script = List.copyOf(script);
  }

  /** Route 53's error answer with this code (HTTP 400, or 503 for ServiceUnavailable). */
  static Answer error(String code) {
    int status = code.equals("ServiceUnavailable") ? 503 : 400;
    String message =
        switch (code) {
          case "Throttling" -> "Rate exceeded";
          case "PriorRequestNotComplete" ->
              "The request was rejected because Route 53 was still processing a prior request.";
          default -> code;
        };
    return new Answer(
        status,
        "<?xml version=\"1.0\"?><ErrorResponse xmlns=\""
            + NS
            + "\"><Error><Type>Sender</Type><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message></Error><RequestId>r</RequestId></ErrorResponse>");
  }

  /** An empty page of ListResourceRecordSets. */
  static Answer emptyListing() {
    return new Answer(
        200,
        "<?xml version=\"1.0\"?><ListResourceRecordSetsResponse xmlns=\""
            + NS
            + "\"><ResourceRecordSets></ResourceRecordSets><IsTruncated>false</IsTruncated>"
            + "<MaxItems>300</MaxItems></ListResourceRecordSetsResponse>");
  }

  /** A ChangeResourceRecordSets accepted. */
  static Answer changed() {
    return new Answer(
        200,
        "<?xml version=\"1.0\"?><ChangeResourceRecordSetsResponse xmlns=\""
            + NS
            + "\"><ChangeInfo><Id>/change/C1</Id><Status>PENDING</Status>"
            + "<SubmittedAt>2026-01-01T00:00:00.000Z</SubmittedAt></ChangeInfo>"
            + "</ChangeResourceRecordSetsResponse>");
  }

  /** Requests received, as "METHOD path". */
  synchronized List<String> sent() {
    return List.copyOf(sent);
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    Answer a;
    synchronized (this) {
      sent.add(request.httpRequest().method() + " " + request.httpRequest().encodedPath());
      a = script.get(Math.min(sent.size(), script.size()) - 1);
    }
    byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() {
        return HttpExecuteResponse.builder()
            .response(
                SdkHttpResponse.builder()
                    .statusCode(a.status())
                    .putHeader("Content-Type", "text/xml")
                    .putHeader("Content-Length", Integer.toString(body.length))
                    .putHeader("x-amzn-RequestId", "r")
                    .build())
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
            .build();
      }

      @Override
      public void abort() {}
    };
  }

  @Override
  public String clientName() {
    return "ScriptedHttp";
  }

  @Override
  public void close() {}
}
