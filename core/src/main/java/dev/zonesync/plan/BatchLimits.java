package dev.zonesync.plan;

/**
 * Per-request limits of ChangeResourceRecordSets (docs/architecture.md, Route 53 facts):
 * ResourceRecord values, characters summed over all Value elements (both with UPSERT counted
 * twice), and Change elements.
 */
public record BatchLimits(int maxValues, int maxValueChars, int maxChanges) {

  public static final BatchLimits ROUTE53 = new BatchLimits(1000, 32_000, 1000);

  /** Route 53's limit on one value's length. */
  public static final int MAX_VALUE_CHARS = 4000;

  public BatchLimits {
    if (maxValues < 4 || maxValueChars < 100 || maxChanges < 2) {
      throw new IllegalArgumentException(
          "batch limits too small to commit a serial: maxValues>=4, maxValueChars>=100,"
              + " maxChanges>=2 required, got "
              + this);
    }
  }

  public boolean fits(long values, long chars, long changes) {
    return values <= maxValues && chars <= maxValueChars && changes <= maxChanges;
  }
}
