package dev.zonesync.testing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Route53Proxy} does to a call selected by a {@link FaultRule}. Immutable.
 *
 * <p>By default the fault replaces the call: the request never reaches moto. {@link
 * #afterForwarding()} gives the "applied but response lost" variant: the request is forwarded and
 * applied, then the client sees the fault instead of the real response.
 *
 * <p>Error bodies are Route 53's REST-XML shape ({@code <ErrorResponse
 * xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Error><Type/><Code/><Message/></Error>
 * <RequestId/></ErrorResponse>}) with an {@code x-amzn-RequestId} header, as Route 53 sends them.
 * What the AWS SDK v2 (2.54) makes of them (see {@code Route53ProxyIT}):
 *
 * <ul>
 *   <li>{@code Throttling}: a plain {@code Route53Exception} with {@code
 *       awsErrorDetails().errorCode() == "Throttling"} and {@code isThrottlingException() == true}
 *       — <b>not</b> the model's {@code ThrottlingException}, whose code is {@code
 *       "ThrottlingException"}; check the code, not the class;
 *   <li>{@code PriorRequestNotComplete}: {@code PriorRequestNotCompleteException};
 *   <li>{@code InvalidChangeBatch}: {@code InvalidChangeBatchException};
 *   <li>5xx: {@code Route53Exception} with the status code.
 * </ul>
 */
public final class HttpFault {
  /** Kinds of faults. */
  public enum Kind {
    /** Answer with an HTTP error and an XML error body. */
    ERROR,
    /** Delay, then forward (or, after forwarding, delay the real response). */
    LATENCY,
    /** Close the client connection with a TCP RST and no response. */
    CONNECTION_RESET
  }

  static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";

  private final Kind kind;
  private final int status;
  private final String code;
  private final String type;
  private final List<String> messages;
  private final boolean legacyInvalidChangeBatchShape;
  private final Duration latency;
  private final boolean afterForwarding;

  private HttpFault(
      Kind kind,
      int status,
      String code,
      String type,
      List<String> messages,
      boolean legacyShape,
      Duration latency,
      boolean afterForwarding) {
    this.kind = kind;
    this.status = status;
    this.code = code;
    this.type = type;
    this.messages = messages;
    this.legacyInvalidChangeBatchShape = legacyShape;
    this.latency = latency;
    this.afterForwarding = afterForwarding;
  }

  /** HTTP 400, code {@code Throttling}, "Rate exceeded" (SDK: {@code Route53Exception}). */
  public static HttpFault throttling() {
    return error(400, "Sender", "Throttling", "Rate exceeded");
  }

  /**
   * HTTP 400, code {@code PriorRequestNotComplete} (SDK: {@code PriorRequestNotCompleteException}).
   */
  public static HttpFault priorRequestNotComplete() {
    return error(
        400,
        "Sender",
        "PriorRequestNotComplete",
        "The request was rejected because Route 53 was still processing a prior request.");
  }

  /** HTTP 500 ({@code InternalFailure}) or 503 ({@code ServiceUnavailable}), or any 5xx. */
  public static HttpFault serverError(int status) {
    if (status < 500 || status > 599) {
      throw new IllegalArgumentException("not a 5xx status: " + status);
    }
    String code = status == 503 ? "ServiceUnavailable" : "InternalFailure";
    return error(status, "Receiver", code, "Injected server error " + status);
  }

  /**
   * HTTP 400 {@code InvalidChangeBatch} in the shape Route 53 uses today (since about 2024): a
   * standard {@code ErrorResponse} whose Message lists the messages in brackets, e.g. {@code [Tried
   * to create resource record set [name='a.example.', type='A'] but it already exists]}. The SDK
   * maps it to {@code InvalidChangeBatchException}.
   */
  public static HttpFault invalidChangeBatch(String... messages) {
    List<String> m = List.of(messages.length == 0 ? new String[] {"Injected"} : messages);
    return new HttpFault(
        Kind.ERROR, 400, "InvalidChangeBatch", "Sender", m, false, Duration.ZERO, false);
  }

  /**
   * HTTP 400 with Route 53's older, non-standard body {@code <InvalidChangeBatch
   * xmlns="..."><Messages><Message>…</Message></Messages><RequestId>…</RequestId>
   * </InvalidChangeBatch>}. The AWS SDK v2 (2.54) does not recognise this shape (it looks for an
   * {@code Error} element): it surfaces as a plain {@code Route53Exception} with status 400 and no
   * error code. Useful to check that the engine does not depend on the code alone.
   */
  public static HttpFault invalidChangeBatchLegacyShape(String... messages) {
    List<String> m = List.of(messages.length == 0 ? new String[] {"Injected"} : messages);
    return new HttpFault(
        Kind.ERROR, 400, "InvalidChangeBatch", "Sender", m, true, Duration.ZERO, false);
  }

  /** Any Route 53-shaped error. */
  public static HttpFault error(int status, String type, String code, String message) {
    return new HttpFault(
        Kind.ERROR,
        status,
        Objects.requireNonNull(code),
        Objects.requireNonNull(type),
        List.of(Objects.requireNonNull(message)),
        false,
        Duration.ZERO,
        false);
  }

  /** Waits, then forwards normally. */
  public static HttpFault latency(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("negative latency");
    }
    return new HttpFault(Kind.LATENCY, 0, null, null, List.of(), false, delay, false);
  }

  /**
   * Resets the TCP connection (SO_LINGER 0) without any response. Note: with the SDK's
   * url-connection client, a reset of an idempotent request (GET) on a reused keep-alive connection
   * is re-sent once by the JDK's {@code HttpURLConnection} itself, invisibly to the SDK (the proxy
   * records both); POSTs are not re-sent. Fault two consecutive calls to make a GET reset reach the
   * caller.
   */
  public static HttpFault connectionReset() {
    return new HttpFault(
        Kind.CONNECTION_RESET, 0, null, null, List.of(), false, Duration.ZERO, false);
  }

  /**
   * The same fault, applied after the request was forwarded to and answered by moto ("the change
   * was applied but the client never learned it").
   */
  public HttpFault afterForwarding() {
    return new HttpFault(
        kind, status, code, type, messages, legacyInvalidChangeBatchShape, latency, true);
  }

  public Kind kind() {
    return kind;
  }

  public int status() {
    return status;
  }

  /** The error code ({@code Throttling}, …), or {@code null} for latency/reset. */
  public String code() {
    return code;
  }

  public Duration latency() {
    return latency;
  }

  public boolean isAfterForwarding() {
    return afterForwarding;
  }

  /** The XML error body for {@link Kind#ERROR}. */
  String body(String requestId) {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?>\n");
    if (legacyInvalidChangeBatchShape) {
      b.append("<InvalidChangeBatch xmlns=\"").append(NS).append("\"><Messages>");
      for (String m : messages) {
        b.append("<Message>").append(xmlEscape(m)).append("</Message>");
      }
      b.append("</Messages><RequestId>").append(requestId).append("</RequestId>");
      b.append("</InvalidChangeBatch>");
      return b.toString();
    }
    String message =
        "InvalidChangeBatch".equals(code)
            ? "[" + String.join(", ", messages) + "]"
            : String.join(", ", messages);
    b.append("<ErrorResponse xmlns=\"").append(NS).append("\"><Error>");
    b.append("<Type>").append(type).append("</Type>");
    b.append("<Code>").append(xmlEscape(code)).append("</Code>");
    b.append("<Message>").append(xmlEscape(message)).append("</Message>");
    b.append("</Error><RequestId>").append(requestId).append("</RequestId></ErrorResponse>");
    return b.toString();
  }

  static String xmlEscape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** Short description recorded in {@link WireCall#fault()}, e.g. {@code Throttling(400)}. */
  public String describe() {
    String d =
        switch (kind) {
          case ERROR ->
              code + "(" + status + (legacyInvalidChangeBatchShape ? ",legacy" : "") + ")";
          case LATENCY -> "latency(" + latency.toMillis() + "ms)";
          case CONNECTION_RESET -> "connectionReset";
        };
    return afterForwarding ? d + "+afterForwarding" : d;
  }

  @Override
  public String toString() {
    return "HttpFault[" + describe() + "]";
  }
}
