package dev.zonesync.sync.port;

/**
 * How many RRsets a hosted zone may hold ({@code MAX_RRSETS_BY_ZONE}) and how many it holds.
 *
 * @param max the quota
 * @param count RRsets held now
 */
public record RrsetQuota(long max, long count) {
  public RrsetQuota {
    if (max < 0 || count < 0) {
      throw new IllegalArgumentException(
          "RRset quota and count must not be negative, got max " + max + ", count " + count);
    }
  }
}
