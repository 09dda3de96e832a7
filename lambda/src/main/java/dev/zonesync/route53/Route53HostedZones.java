package dev.zonesync.route53;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.Escaping;
import dev.zonesync.sync.port.HostedZoneLifecycle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.AccountLimitType;
import software.amazon.awssdk.services.route53.model.GetAccountLimitResponse;
import software.amazon.awssdk.services.route53.model.GetHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameRequest;
import software.amazon.awssdk.services.route53.model.ListHostedZonesByNameResponse;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;
import software.amazon.awssdk.services.route53.model.VPC;

/**
 * {@link HostedZoneLifecycle} over Route 53: every call goes through the client {@link
 * Route53Clients} built (the engine's, so one pacer and one meter see them all), the Profiles call
 * through {@link Route53Profiles}. Refusals name the zone, the action, Route 53's code and what to
 * do.
 */
public final class Route53HostedZones implements HostedZoneLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(Route53HostedZones.class);

  /** Route 53 takes at most 10 tags to add and 10 keys to remove per ChangeTagsForResource. */
  static final int TAGS_PER_REQUEST = 10;

  /** ListHostedZonesByName's largest page. */
  private static final int ZONES_PER_PAGE = 100;

  /** CreateHostedZone's own limit: 2 requests a second, 40 back to back. */
  private static final double CREATES_PER_SECOND = 2;

  private static final int CREATES_BURST = 40;

  private final Route53Client client;
  private final Route53Profiles profiles;
  private final RequestPacer createPacer = new RequestPacer(CREATES_PER_SECOND, CREATES_BURST);

  public Route53HostedZones(Route53Client client, Route53Profiles profiles) {
    this.client = Objects.requireNonNull(client, "client");
    this.profiles = Objects.requireNonNull(profiles, "profiles");
  }

  @Override
  public String create(
      DnsName name, String callerReference, Vpc vpc, String comment, Map<String, String> tags) {
    if (callerReference.isEmpty() || callerReference.length() > 128) {
      throw new IllegalArgumentException(
          "a CallerReference has 1 to 128 characters, got " + callerReference.length());
    }
    String what =
        "CreateHostedZone of private hosted zone "
            + name
            + " in VPC "
            + vpc.id()
            + " ("
            + vpc.region()
            + ")";
    String id;
    createPacer.acquire();
    try {
      id =
          bare(
              client
                  .createHostedZone(
                      b ->
                          b.name(Route53Values.name(name))
                              .callerReference(callerReference)
                              .hostedZoneConfig(c -> c.comment(comment).privateZone(true))
                              .vpc(sdkVpc(vpc)))
                  .hostedZone()
                  .id());
    } catch (SdkException e) {
      if (!"HostedZoneAlreadyExists".equals(Route53Errors.code(e))) {
        throw new HostedZoneCreationException(
            Route53Errors.message(what, e, code -> createHint(code, name, vpc)), e);
      }
      // Route 53 never accepts a caller reference twice: a lost response or an earlier attempt
      // created the zone, or the reference belonged to a zone that is gone
      id =
          findByCallerReference(name, callerReference)
              .orElseThrow(
                  () ->
                      new HostedZoneCreationException(
                          what
                              + " failed: HostedZoneAlreadyExists: caller reference '"
                              + callerReference
                              + "' was used before, and no hosted zone named "
                              + name
                              + " carries it (an operator deleted that zone, or the reference was"
                              + " used for another name); Route 53 never accepts a caller"
                              + " reference twice: derive a new one to create the zone again",
                          e));
      LOG.info(
          "hosted zone {} for {} already existed with caller reference {}",
          id,
          name,
          callerReference);
    }
    if (!tags.isEmpty()) {
      try {
        tag(id, tags, Set.of());
      } catch (HostedZoneException e) {
        throw new HostedZoneCreationException(
            "created private hosted zone "
                + id
                + " for "
                + name
                + " but could not tag it ("
                + e.getMessage()
                + "); a create with the same caller reference finds the zone and tags it",
            e);
      }
    }
    return id;
  }

  private static String createHint(String code, DnsName name, Vpc vpc) {
    return switch (code) {
      case "TooManyHostedZones" ->
          " — the account holds as many hosted zones as its quota allows (500 by default):"
              + " request a Route 53 quota increase for hosted zones (Service Quotas, Route 53,"
              + " 'Hosted zones'), or delete hosted zones the account no longer needs";
      case "AccessDenied", "AccessDeniedException", "NotAuthorizedException" ->
          " — the function's role lacks route53:CreateHostedZone for VPC "
              + vpc.id()
              + " ("
              + vpc.region()
              + ") (the route53:VPCs condition) or ec2:DescribeVpcs, which a private zone's"
              + " creation needs";
      case "ConflictingDomainExists" ->
          " — another private hosted zone named "
              + name
              + " is already associated with VPC "
              + vpc.id()
              + "; Route 53 allows one per name and VPC: create in another VPC or remove that"
              + " zone's association";
      case "InvalidVPCId" ->
          " — VPC "
              + vpc.id()
              + " does not exist in "
              + vpc.region()
              + " or this account cannot use it: check createIn";
      case "InvalidDomainName" -> " — Route 53 does not take " + name + " as a zone name";
      case "InvalidInput" -> " — Route 53 rejected the request's input";
      default -> "";
    };
  }

  /**
   * The hosted zone named {@code name} created with {@code callerReference}: never found by name
   * alone (a public zone or another team's private zone can share it). ListHostedZonesByName starts
   * at the name and goes on in name order, so the search ends at the first other name.
   */
  private Optional<String> findByCallerReference(DnsName name, String callerReference) {
    ListHostedZonesByNameRequest.Builder request =
        ListHostedZonesByNameRequest.builder()
            .dnsName(Route53Values.name(name))
            .maxItems(Integer.toString(ZONES_PER_PAGE));
    while (true) {
      ListHostedZonesByNameResponse page;
      try {
        page = client.listHostedZonesByName(request.build());
      } catch (SdkException e) {
        throw new HostedZoneCreationException(
            Route53Errors.message(
                "ListHostedZonesByName at "
                    + name
                    + " (looking for the zone an earlier CreateHostedZone made)",
                e,
                code ->
                    code.startsWith("AccessDenied")
                        ? " — the function's role lacks route53:ListHostedZonesByName"
                        : ""),
            e);
      }
      for (HostedZone z : page.hostedZones()) {
        if (!zoneName(z).equals(name)) {
          return Optional.empty();
        }
        if (callerReference.equals(z.callerReference())) {
          return Optional.of(bare(z.id()));
        }
      }
      if (!Boolean.TRUE.equals(page.isTruncated())
          || page.nextDNSName() == null
          || !DnsName.parse(page.nextDNSName(), Escaping.OCTAL).equals(name)) {
        return Optional.empty();
      }
      request.dnsName(page.nextDNSName()).hostedZoneId(page.nextHostedZoneId());
    }
  }

  @Override
  public Optional<ZoneInfo> describe(String hostedZoneId) {
    GetHostedZoneResponse r;
    try {
      r = client.getHostedZone(b -> b.id(hostedZoneId));
    } catch (SdkException e) {
      if ("NoSuchHostedZone".equals(Route53Errors.code(e))) {
        return Optional.empty();
      }
      throw failure("GetHostedZone", hostedZoneId, e);
    }
    HostedZone z = r.hostedZone();
    Set<Vpc> vpcs = new HashSet<>();
    for (VPC v : r.vpCs()) {
      vpcs.add(new Vpc(v.vpcId(), v.vpcRegionAsString()));
    }
    boolean privateZone = z.config() != null && Boolean.TRUE.equals(z.config().privateZone());
    return Optional.of(
        new ZoneInfo(bare(z.id()), zoneName(z), privateZone, z.callerReference(), vpcs));
  }

  @Override
  public void associate(String hostedZoneId, Vpc vpc) {
    try {
      client.associateVPCWithHostedZone(b -> b.hostedZoneId(hostedZoneId).vpc(sdkVpc(vpc)));
    } catch (SdkException e) {
      // Route 53 answers ConflictingDomainExists both for a VPC already associated with this
      // zone and for one associated with another zone of the same name: only the zone says which
      if ("ConflictingDomainExists".equals(Route53Errors.code(e))
          && describe(hostedZoneId).map(z -> z.vpcs().contains(vpc)).orElse(false)) {
        return;
      }
      throw new HostedZoneException(
          Route53Errors.message(
              "AssociateVPCWithHostedZone of hosted zone "
                  + hostedZoneId
                  + " with VPC "
                  + vpc.id()
                  + " ("
                  + vpc.region()
                  + ")",
              e,
              code -> associateHint(code, vpc)),
          e);
    }
  }

  private static String associateHint(String code, Vpc vpc) {
    return switch (code) {
      case "AccessDenied", "AccessDeniedException", "NotAuthorizedException" ->
          " — the function's role lacks route53:AssociateVPCWithHostedZone for VPC "
              + vpc.id()
              + " (the route53:VPCs condition) or ec2:DescribeVpcs";
      case "ConflictingDomainExists" ->
          " — VPC "
              + vpc.id()
              + " is already associated with another private hosted zone of this name; Route 53"
              + " allows one per name and VPC: remove that zone's association first";
      case "LimitsExceeded" ->
          " — the hosted zone is associated with as many VPCs as its quota allows (300 by"
              + " default): request a Route 53 quota increase for VPCs per hosted zone";
      case "InvalidVPCId" ->
          " — VPC "
              + vpc.id()
              + " does not exist in "
              + vpc.region()
              + " or this account cannot use it: check exposeTo";
      case "NoSuchHostedZone" -> " — the hosted zone no longer exists";
      case "PublicZoneVPCAssociation" -> " — this is a public hosted zone";
      default -> "";
    };
  }

  @Override
  public void associateWithProfile(String profileId, String hostedZoneId, String name) {
    if (!profiles.associate(profileId, hostedZoneId, name)) {
      LOG.info("hosted zone {} was already associated with Profile {}", hostedZoneId, profileId);
    }
  }

  @Override
  public Map<String, String> tags(String hostedZoneId) {
    List<Tag> tags;
    try {
      tags =
          client
              .listTagsForResource(
                  b -> b.resourceType(TagResourceType.HOSTEDZONE).resourceId(hostedZoneId))
              .resourceTagSet()
              .tags();
    } catch (SdkException e) {
      throw failure("ListTagsForResource", hostedZoneId, e);
    }
    Map<String, String> out = new TreeMap<>();
    for (Tag t : tags) {
      out.put(t.key(), t.value());
    }
    return out;
  }

  /**
   * Sends the changes in requests of at most {@value #TAGS_PER_REQUEST} tags to add and as many
   * keys to remove (Route 53's limit per request); none when there is nothing to change.
   */
  @Override
  public void tag(String hostedZoneId, Map<String, String> add, Set<String> remove) {
    Set<String> both = new HashSet<>(add.keySet());
    both.retainAll(remove);
    if (!both.isEmpty()) {
      throw new IllegalArgumentException("tags both added and removed: " + both);
    }
    List<Tag> adds = new ArrayList<>();
    new TreeMap<>(add).forEach((k, v) -> adds.add(Tag.builder().key(k).value(v).build()));
    List<String> removes = new ArrayList<>(new TreeSet<>(remove));
    for (int i = 0; i < Math.max(adds.size(), removes.size()); i += TAGS_PER_REQUEST) {
      List<Tag> a =
          adds.subList(Math.min(i, adds.size()), Math.min(i + TAGS_PER_REQUEST, adds.size()));
      List<String> r =
          removes.subList(
              Math.min(i, removes.size()), Math.min(i + TAGS_PER_REQUEST, removes.size()));
      try {
        client.changeTagsForResource(
            b -> {
              b.resourceType(TagResourceType.HOSTEDZONE).resourceId(hostedZoneId);
              if (!a.isEmpty()) {
                b.addTags(a);
              }
              if (!r.isEmpty()) {
                b.removeTagKeys(r);
              }
            });
      } catch (SdkException e) {
        throw failure("ChangeTagsForResource", hostedZoneId, e);
      }
    }
  }

  /**
   * {@code MAX_HOSTED_ZONES_BY_OWNER} and the account's count; empty (and logged) when Route 53
   * does not answer it, e.g. an emulator without GetAccountLimit or a role without the permission:
   * CreateHostedZone's own refusal still names the quota.
   */
  @Override
  public Optional<ZoneQuota> zoneQuota() {
    try {
      GetAccountLimitResponse r =
          client.getAccountLimit(b -> b.type(AccountLimitType.MAX_HOSTED_ZONES_BY_OWNER));
      return Optional.of(new ZoneQuota(r.limit().value(), r.count()));
    } catch (SdkException e) {
      LOG.warn(
          "GetAccountLimit MAX_HOSTED_ZONES_BY_OWNER failed ({}); not checking the hosted-zone"
              + " quota",
          e.toString());
      return Optional.empty();
    }
  }

  private static HostedZoneException failure(
      String operation, String hostedZoneId, SdkException e) {
    return new HostedZoneException(
        Route53Errors.message(
            operation + " on hosted zone " + hostedZoneId,
            e,
            code ->
                switch (code) {
                  case "NoSuchHostedZone" -> " — the hosted zone no longer exists";
                  case "AccessDenied", "AccessDeniedException" ->
                      " — the function's role lacks route53:" + operation + " on hosted zones";
                  case "InvalidInput" -> " — Route 53 rejected the request's input";
                  default -> "";
                }),
        e);
  }

  private static VPC sdkVpc(Vpc vpc) {
    return VPC.builder().vpcId(vpc.id()).vpcRegion(vpc.region()).build();
  }

  private static DnsName zoneName(HostedZone z) {
    return DnsName.parse(z.name(), Escaping.OCTAL);
  }

  /** {@code /hostedzone/Z123} → {@code Z123}. */
  static String bare(String id) {
    return id.startsWith("/hostedzone/") ? id.substring("/hostedzone/".length()) : id;
  }
}
