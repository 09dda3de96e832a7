package dev.zonesync.aws;

/**
 * An AWS JSON call failed after its retries. The message holds the operation, the endpoint, the
 * HTTP status and the AWS error code and message (never a request or response body, which may hold
 * a secret). The SSM and Secrets Manager adapters turn it into the configuration's exceptions,
 * {@code route53}'s Route 53 Profiles call into its hosted-zone exceptions.
 */
public final class AwsCallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the call failed. */
  public enum Kind {
    /** AWS answered with an error (see {@link #errorCode()}). */
    SERVICE,
    /** no answer: connection refused or timed out, DNS, TLS, a read timeout. */
    NETWORK,
    /** no AWS credentials could be found. */
    CREDENTIALS
  }

  private final Kind kind;
  private final int status;
  private final String errorCode;
  private final int attempts;

  AwsCallException(
      Kind kind, int status, String errorCode, String message, int attempts, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
    this.errorCode = errorCode;
    this.attempts = attempts;
  }

  public Kind kind() {
    return kind;
  }

  /** HTTP status, or -1 when no answer came. */
  public int status() {
    return status;
  }

  /**
   * The AWS error code ({@code __type} without namespace), e.g. {@code ParameterNotFound}; or "".
   */
  public String errorCode() {
    return errorCode;
  }

  public int attempts() {
    return attempts;
  }
}
