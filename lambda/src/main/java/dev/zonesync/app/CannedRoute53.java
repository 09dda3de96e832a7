package dev.zonesync.app;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An in-memory Route 53 for priming: answers ListResourceRecordSets with a new hosted zone's apex
 * SOA and NS and accepts every ChangeResourceRecordSets, so the SDK's marshalling, signing,
 * endpoint rules, interceptors and XML unmarshalling run without a network.
 */
public final class CannedRoute53 implements SdkHttpClient {

  private static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";

  private final byte[] listing;
  private final byte[] changed =
      ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ChangeResourceRecordSetsResponse xmlns=\""
              + NS
              + "\"><ChangeInfo><Id>/change/CPRIMING0000000</Id><Status>PENDING</Status>"
              + "<SubmittedAt>2026-01-01T00:00:00.000Z</SubmittedAt></ChangeInfo>"
              + "</ChangeResourceRecordSetsResponse>")
          .getBytes(StandardCharsets.UTF_8);
  private final AtomicInteger lists = new AtomicInteger();
  private final AtomicInteger changes = new AtomicInteger();

  public CannedRoute53(String apex) {
    listing =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListResourceRecordSetsResponse xmlns=\""
                + NS
                + "\"><ResourceRecordSets>"
                + rrset(apex, "NS", "ns-1.awsdns-01.org.")
                + rrset(
                    apex,
                    "SOA",
                    "ns-1.awsdns-01.org. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400")
                + "</ResourceRecordSets><IsTruncated>false</IsTruncated><MaxItems>300</MaxItems>"
                + "</ListResourceRecordSetsResponse>")
            .getBytes(StandardCharsets.UTF_8);
  }

  private static String rrset(String name, String type, String value) {
    return "<ResourceRecordSet><Name>"
        + name
        + "</Name><Type>"
        + type
        + "</Type><TTL>900</TTL><ResourceRecords><ResourceRecord><Value>"
        + value
        + "</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>";
  }

  int listCalls() {
    return lists.get();
  }

  public int changeCalls() {
    return changes.get();
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    boolean change = request.httpRequest().method() == SdkHttpMethod.POST;
    // read the marshalled body, as a real client would
    request
        .contentStreamProvider()
        .ifPresent(
            p -> {
              try (InputStream in = p.newStream()) {
                in.readAllBytes();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    byte[] body = change ? changed : listing;
    (change ? changes : lists).incrementAndGet();
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() {
        return HttpExecuteResponse.builder()
            .response(
                SdkHttpResponse.builder()
                    .statusCode(200)
                    .putHeader("Content-Type", "text/xml")
                    .putHeader("Content-Length", Integer.toString(body.length))
                    .putHeader("x-amzn-RequestId", "priming")
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
    return "ZonesyncPriming";
  }

  @Override
  public void close() {}
}
