package dev.zonesync.plan;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.RrType;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A preserve pattern: a glob over canonical names ({@code *} matches any characters, dots included;
 * {@code ?} one character), optionally limited to one type with {@code /TYPE}. Examples: {@code
 * aws-*.corp.example.}, {@code *.legacy.corp.example.}, {@code _acme-challenge.corp.example./TXT}.
 */
public final class NamePattern {

  private final String glob;
  private final RrType type;
  private final Pattern regex;

  public NamePattern(String glob, RrType type) {
    this.glob = Objects.requireNonNull(glob, "glob");
    this.type = type;
    this.regex = compile(glob);
  }

  public String glob() {
    return glob;
  }

  /** The type this pattern is limited to, or null for all types. */
  public RrType type() {
    return type;
  }

  /** Parses {@code glob} or {@code glob/TYPE}; the glob gets a trailing dot if it lacks one. */
  public static NamePattern parse(String spec) {
    String s = spec.strip();
    RrType type = null;
    int slash = s.lastIndexOf('/');
    if (slash >= 0) {
      type = RrType.fromName(s.substring(slash + 1));
      s = s.substring(0, slash);
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty preserve pattern '" + spec + "'");
    }
    s = s.toLowerCase(Locale.ROOT);
    if (!s.endsWith(".")) {
      s = s + ".";
    }
    return new NamePattern(s, type);
  }

  public boolean matches(DnsName name, RrType rrType) {
    if (type != null && !type.equals(rrType)) {
      return false;
    }
    return regex.matcher(name.text()).matches();
  }

  private static Pattern compile(String glob) {
    StringBuilder re = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NamePattern p && p.glob.equals(glob) && Objects.equals(p.type, type);
  }

  @Override
  public int hashCode() {
    return Objects.hash(glob, type);
  }

  @Override
  public String toString() {
    return type == null ? glob : glob + "/" + type;
  }
}
