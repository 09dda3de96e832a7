package dev.zonesync.route53;

import java.util.function.UnaryOperator;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;

/** Turns SDK exceptions into messages an operator can act on. */
final class Route53Errors {

  private Route53Errors() {}

  static HostedZoneException wrap(String operation, String hostedZoneId, SdkException e) {
    String where = operation + " on hosted zone " + hostedZoneId;
    if (e instanceof InvalidChangeBatchException icb) {
      String messages =
          icb.messages() == null || icb.messages().isEmpty()
              ? icb.awsErrorDetails() == null
                  ? icb.getMessage()
                  : icb.awsErrorDetails().errorMessage()
              : String.join("; ", icb.messages());
      return new HostedZoneException(
          where + " rejected the change batch (InvalidChangeBatch): " + messages, e);
    }
    return new HostedZoneException(
        message(
            where,
            e,
            code ->
                switch (code) {
                  case "NoSuchHostedZone" ->
                      " — no hosted zone with this ID: check hostedZoneId in the configuration";
                  case "AccessDenied", "AccessDeniedException" ->
                      " — the function's IAM role lacks this permission on the hosted zone";
                  case "InvalidInput" -> " — Route 53 rejected the request's input";
                  default -> "";
                }),
        e);
  }

  /**
   * {@code "<where> failed: <code> (HTTP <status>): <AWS message><hint>"}, the hint chosen by the
   * error code ("" when there is none); throttling after every retry, a deadline, or no answer at
   * all get this class's own hints.
   */
  static String message(String where, SdkException e, UnaryOperator<String> hintForCode) {
    if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
      String code = code(e);
      String hint =
          switch (code) {
            case "Throttling" ->
                " — still throttled after "
                    + Route53Clients.MAX_THROTTLED_ATTEMPTS
                    + " attempts in a row, each at a lower learned rate: other tools are using the"
                    + " account's Route 53 buckets; lower route53.requestsPerSecond and"
                    + " route53.changesPerSecond to leave them more, or run less often";
            case "PriorRequestNotComplete" ->
                " — Route 53 was still applying an earlier change to this hosted zone after all"
                    + " retries; raise route53.maxAttempts or run less often";
            default -> hintForCode.apply(code);
          };
      return where
          + " failed: "
          + ase.awsErrorDetails().errorCode()
          + " (HTTP "
          + ase.statusCode()
          + "): "
          + ase.awsErrorDetails().errorMessage()
          + hint;
    }
    if (e instanceof ApiCallTimeoutException) {
      return where + " did not finish before the run's deadline";
    }
    return where
        + " failed: "
        + e.getMessage()
        + " — check the network path to the Route 53 API (NAT or proxy from the Lambda"
        + " subnets)";
  }

  /** The AWS error code of {@code e}, or "" when AWS did not answer with one. */
  static String code(SdkException e) {
    return e instanceof AwsServiceException ase
            && ase.awsErrorDetails() != null
            && ase.awsErrorDetails().errorCode() != null
        ? ase.awsErrorDetails().errorCode()
        : "";
  }
}
