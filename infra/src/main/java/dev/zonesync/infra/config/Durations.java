package dev.zonesync.infra.config;

/** Durations written the way the config takes them: {@code 90s}, {@code 5m}, {@code 2h}. */
public final class Durations {
  private Durations() {}

  /**
   * The shortest exact form: whole hours as {@code h}, whole minutes as {@code m}, else {@code s}.
   */
  public static String format(int seconds) {
    if (seconds != 0 && seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds != 0 && seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}
