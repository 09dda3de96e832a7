package dev.zonesync.plan;

/** Why a source RRset is not mirrored. Reported in every plan; never fatal. */
public enum SkipReason {
  UNSUPPORTED_TYPE("type not supported by Route 53"),
  INVALID_RDATA("record data zonesync cannot convert to Route 53's format"),
  UNSUPPORTED_NAME("owner name has characters Route 53 does not accept"),
  UNMANAGED_TYPE("type not managed by this zone's configuration (types)"),
  APEX_NS("apex NS records belong to Route 53"),
  ZONE_CUT("at or below a zone cut the zone does not delegate to a Resolver DELEGATE rule"),
  PRESERVED("name matches a preserve pattern"),
  CONFLICT("Route 53 holds a record at this name that zonesync does not own"),
  RESERVED_NAME("name reserved for zonesync's serial marker"),
  OTHER_SOURCE("name belongs to another source zone mirrored into the same hosted zone"),
  OUT_OF_ZONE("name outside the zone"),
  TOO_LARGE("exceeds a Route 53 size limit");

  private final String description;

  SkipReason(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
