package dev.zonesync.route53;

import dev.zonesync.aws.AwsCallException;
import dev.zonesync.aws.AwsJsonClient;
import dev.zonesync.aws.AwsJsonService;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * The one Route 53 Profiles call zonesync makes, AssociateResourceToProfile, as a SigV4-signed
 * REST-JSON request ({@code POST /profileresourceassociation}) through {@link AwsJsonClient}: the
 * SDK's {@code route53profiles} module does not resolve at the pinned SDK version on the build's
 * Maven mirror. Route 53 Profiles is regional: the endpoint is {@code
 * AWS_ENDPOINT_URL_ROUTE53PROFILES}, else {@code AWS_ENDPOINT_URL}, else {@code
 * route53profiles.<region>.<partition suffix>}, resolved on the first call (nothing touches the
 * network or the region chain before, so SnapStart priming and the CLI without a region are
 * unaffected). Its calls count in the zone's {@link ApiMeter} like Route 53's; they are not paced
 * by Route 53's request bucket, which this API does not draw on.
 */
public final class Route53Profiles {

  static final String OPERATION = "AssociateResourceToProfile";
  static final String PATH = "/profileresourceassociation";

  /** The association name's syntax, as the API model gives it (at most 64 characters). */
  private static final Pattern ASSOCIATION_NAME = Pattern.compile("(?!^[0-9]+$)[a-zA-Z0-9\\-_ ']+");

  private final Supplier<String> region;
  private final Map<String, String> environment;
  private final AwsCredentialsProvider credentials;
  private final SdkHttpClient http;
  private final AwsJsonClient.Retry retry;
  private AwsJsonClient client;

  /**
   * @param region the Profiles' region, asked once at the first call
   * @param environment where the endpoint variables are read ({@code System.getenv()})
   */
  public Route53Profiles(
      Supplier<String> region,
      Map<String, String> environment,
      AwsCredentialsProvider credentials,
      SdkHttpClient http,
      AwsJsonClient.Retry retry) {
    this.region = Objects.requireNonNull(region, "region");
    this.environment = Map.copyOf(environment);
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.http = Objects.requireNonNull(http, "http");
    this.retry = Objects.requireNonNull(retry, "retry");
  }

  private synchronized AwsJsonClient client() {
    if (client == null) {
      String r = region.get();
      client =
          new AwsJsonClient(
              AwsJsonService.ROUTE53_PROFILES,
              r,
              AwsJsonService.ROUTE53_PROFILES.endpoint(r, environment),
              credentials,
              http,
              retry,
              new Metered());
    }
    return client;
  }

  /** The hosted zone's ARN in the partition of the Profiles' region. */
  String hostedZoneArn(String hostedZoneId) {
    String partition = PartitionMetadata.of(Region.of(client().region())).id();
    return "arn:" + partition + ":route53:::hostedzone/" + hostedZoneId;
  }

  /**
   * Associates the hosted zone with the Profile; true if this call made the association, false if
   * it was there already.
   *
   * @throws IllegalArgumentException when {@code name} is not a valid association name
   * @throws HostedZoneException when Route 53 Profiles refuses, with what to do
   */
  boolean associate(String profileId, String hostedZoneId, String name) {
    if (name.length() > 64 || !ASSOCIATION_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "' is not a Route 53 Profiles resource association name: at most 64 letters,"
              + " digits, '-', '_', ' ' or apostrophes, not only digits");
    }
    String arn = hostedZoneArn(hostedZoneId);
    try {
      client()
          .post(
              OPERATION,
              PATH,
              AwsJsonClient.object()
                  .put("Name", name)
                  .put("ProfileId", profileId)
                  .put("ResourceArn", arn));
      return true;
    } catch (AwsCallException e) {
      // ConflictException: "The request you submitted conflicts with an existing request" (API
      // model), which is what an association already in place answers
      if (e.kind() == AwsCallException.Kind.SERVICE && "ConflictException".equals(e.errorCode())) {
        return false;
      }
      throw new HostedZoneException(
          "AssociateResourceToProfile of hosted zone "
              + hostedZoneId
              + " with Route 53 Profile "
              + profileId
              + " failed: "
              + e.getMessage()
              + hint(e, profileId),
          e);
    }
  }

  private String hint(AwsCallException e, String profileId) {
    return switch (e.kind()) {
      case NETWORK ->
          " — check the network path to the Route 53 Profiles endpoint of "
              + client().region()
              + " (NAT, proxy or an interface endpoint from the Lambda subnets)";
      case CREDENTIALS -> "";
      case SERVICE ->
          switch (e.errorCode()) {
            case "AccessDeniedException" ->
                " — the function's role lacks route53profiles:AssociateResourceToProfile on"
                    + " Profile "
                    + profileId
                    + " for this zone's name (granted for exposeTo.profile, limited by"
                    + " route53profiles:HostedZoneDomains)";
            case "ResourceNotFoundException" ->
                " — no Profile "
                    + profileId
                    + " (or no such hosted zone) in region "
                    + client().region()
                    + ": check exposeTo.profile and that the Profile is in the function's region";
            case "LimitExceededException" ->
                " — the Profile holds as many resource associations as its quota allows: request"
                    + " a Route 53 Profiles quota increase";
            case "ThrottlingException" ->
                " — still throttled after all retries; run less often or with fewer members per"
                    + " run";
            default -> "";
          };
    };
  }

  /** Counts this API's calls in the running zone's meter, beside its Route 53 calls. */
  private static final class Metered implements AwsJsonClient.Observer {
    @Override
    public void call(String operation) {
      ApiMeter meter = ApiMeter.current();
      if (meter != null) {
        meter.execution();
      }
    }

    @Override
    public void attempt(String operation) {
      ApiMeter meter = ApiMeter.current();
      if (meter != null) {
        meter.call(operation);
      }
    }

    @Override
    public void throttled(String operation) {
      ApiMeter meter = ApiMeter.current();
      if (meter != null) {
        meter.throttled();
      }
    }
  }
}
