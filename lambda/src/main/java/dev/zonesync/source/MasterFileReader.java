package dev.zonesync.source;

import dev.zonesync.model.RrType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Generator;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TTL;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Tokenizer;
import org.xbill.DNS.Type;

/**
 * Reads a master file (RFC 1035 §5, BIND syntax: {@code $ORIGIN}, {@code $TTL}, {@code $INCLUDE},
 * parentheses, owner and TTL inheritance) record by record, so that one record is never fatal to
 * the rest: the data of types Route 53 holds is parsed by dnsjava, as a transfer's would be, and a
 * record it rejects is reported; the data of other types is not parsed at all.
 *
 * <p>dnsjava's own {@code Master} stops at the first record it cannot parse and decodes bytes above
 * 0x7F as characters (re-encoding them as UTF-8): here such bytes become {@code \DDD} escapes
 * first, so the file's bytes are the record's bytes, as on the wire.
 */
final class MasterFileReader {

  /** What one line of data gave. */
  sealed interface Entry permits Parsed, Opaque, Failed {
    Name name();

    int type();
  }

  /** A record of a Route 53 type, parsed. */
  record Parsed(Record record) implements Entry {
    @Override
    public Name name() {
      return record.getName();
    }

    @Override
    public int type() {
      return record.getType();
    }
  }

  /** A record of a type zonesync only reports: its data text, unparsed. */
  record Opaque(Name name, int type, long ttl, String rdata) implements Entry {}

  /** A record of a Route 53 type whose data dnsjava rejected. */
  record Failed(Name name, int type, String problem) implements Entry {}

  /** Receives each entry in file order. */
  interface Sink {
    void accept(Entry e);
  }

  private final Path file;
  private final Deque<Frame> frames = new ArrayDeque<>();
  private long defaultTtl = -1;
  private long lastTtl = -1;
  private Name lastName;

  private record Frame(Tokenizer st, Path file, Name origin) {}

  MasterFileReader(Path file, Name origin) throws IOException {
    this.file = file;
    frames.push(new Frame(tokenizer(file), file, origin));
  }

  /** Bytes above 0x7F as {@code \DDD}: dnsjava's tokenizer reads bytes as characters. */
  private static Tokenizer tokenizer(Path file) throws IOException {
    byte[] raw = Files.readAllBytes(file);
    StringBuilder sb = new StringBuilder(raw.length + 16);
    for (byte b : raw) {
      int c = b & 0xff;
      if (c > 0x7f) {
        sb.append('\\').append((char) ('0' + c / 100)).append((char) ('0' + c / 10 % 10));
        sb.append((char) ('0' + c % 10));
      } else {
        sb.append((char) c);
      }
    }
    return new Tokenizer(
        new ByteArrayInputStream(
            sb.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
  }

  void read(Sink sink) throws IOException {
    while (!frames.isEmpty()) {
      Frame f = frames.peek();
      Tokenizer st = f.st();
      Tokenizer.Token t = st.get(true, false);
      Name name;
      if (t.type == Tokenizer.WHITESPACE) {
        Tokenizer.Token next = st.get();
        if (next.type == Tokenizer.EOL) {
          continue;
        }
        if (next.type == Tokenizer.EOF) {
          close();
          continue;
        }
        st.unget();
        if (lastName == null) {
          throw st.exception("record without an owner name");
        }
        name = lastName;
      } else if (t.type == Tokenizer.EOL) {
        continue;
      } else if (t.type == Tokenizer.EOF) {
        close();
        continue;
      } else if (t.value.startsWith("$")) {
        directive(f, t.value.toUpperCase(Locale.ROOT), sink);
        continue;
      } else {
        name = t.value.equals("@") ? f.origin() : Name.fromString(t.value, f.origin());
        lastName = name;
      }
      record(f, name, sink);
    }
  }

  private void directive(Frame f, String d, Sink sink) throws IOException {
    Tokenizer st = f.st();
    switch (d) {
      case "$ORIGIN" -> {
        Name origin = st.getName(Name.root);
        st.getEOL();
        frames.pop();
        frames.push(new Frame(st, f.file(), origin));
      }
      case "$TTL" -> {
        defaultTtl = st.getTTL();
        st.getEOL();
      }
      case "$INCLUDE" -> {
        Path included = f.file().resolveSibling(st.getString());
        Tokenizer.Token t = st.get();
        Name origin = f.origin();
        if (t.isString()) {
          origin = Name.fromString(t.value, f.origin());
          st.getEOL();
        }
        frames.push(new Frame(tokenizer(included), included, origin));
      }
      case "$GENERATE" -> generate(f, sink);
      default ->
          throw st.exception(
              "directive " + d + " is not supported by the zone-file source of " + file);
    }
  }

  /** BIND's {@code $GENERATE range lhs [ttl] [class] type rhs}, for the types dnsjava expands. */
  private void generate(Frame f, Sink sink) throws IOException {
    Tokenizer st = f.st();
    String range = st.getIdentifier();
    long start;
    long end;
    long step = 1;
    try {
      int dash = range.indexOf('-');
      int slash = range.indexOf('/');
      start = Long.parseLong(range.substring(0, dash));
      end = Long.parseLong(range.substring(dash + 1, slash < 0 ? range.length() : slash));
      if (slash >= 0) {
        step = Long.parseLong(range.substring(slash + 1));
      }
    } catch (RuntimeException e) {
      throw st.exception("$GENERATE range '" + range + "' is not start-stop[/step]");
    }
    String lhs = st.getIdentifier();
    long ttl = -1;
    String s = st.getString();
    for (int i = 0; i < 2; i++) {
      if (isTtl(s) && ttl < 0) {
        ttl = TTL.parseTTL(s);
        s = st.getString();
      } else if (DClass.value(s) >= 0) {
        s = st.getString();
      }
    }
    int type = Type.value(s);
    String rhs = st.getString();
    st.getEOL();
    if (type < 0 || !Generator.supportedType(type)) {
      throw st.exception("$GENERATE of type " + s + " is not supported by the zone-file source");
    }
    ttl = ttl >= 0 ? ttl : defaultTtl >= 0 ? defaultTtl : Math.max(lastTtl, 0);
    Generator g = new Generator(start, end, step, lhs, type, DClass.IN, ttl, rhs, f.origin());
    for (Record r = g.nextRecord(); r != null; r = g.nextRecord()) {
      sink.accept(
          RrType.of(type).isRoute53Supported()
              ? new Parsed(r)
              : new Opaque(r.getName(), type, ttl, r.rdataToString()));
    }
  }

  private void record(Frame f, Name name, Sink sink) throws IOException {
    Tokenizer st = f.st();
    long ttl = -1;
    int dclass = DClass.IN;
    String s = st.getString();
    for (int i = 0; i < 2; i++) {
      if (isTtl(s) && ttl < 0) {
        ttl = TTL.parseTTL(s);
        s = st.getString();
      } else if (DClass.value(s) >= 0) {
        dclass = DClass.value(s);
        s = st.getString();
      }
    }
    int type = Type.value(s);
    if (type < 0) {
      throw st.exception("unknown record type '" + s + "' at " + name);
    }
    if (dclass != DClass.IN) {
      throw st.exception("record " + name + " " + s + " is not of class IN");
    }
    String rdata = rdataText(st, type);
    if (ttl >= 0) {
      lastTtl = ttl;
    } else if (defaultTtl >= 0) {
      ttl = defaultTtl;
    } else if (lastTtl >= 0) {
      ttl = lastTtl;
    } else if (type != Type.SOA) {
      throw st.exception("no TTL for " + name + " " + s + " and no $TTL before it");
    }
    if (!RrType.of(type).isRoute53Supported()) {
      sink.accept(new Opaque(name, type, ttl, rdata));
      return;
    }
    try {
      Record r = Record.fromString(name, type, dclass, Math.max(ttl, 0), rdata, f.origin());
      if (ttl < 0 && r instanceof SOARecord soa) {
        // BIND: without any TTL, the SOA's minimum is used
        lastTtl = soa.getMinimum();
        r = Record.fromString(name, type, dclass, lastTtl, rdata, f.origin());
      }
      sink.accept(new Parsed(r));
    } catch (TextParseException | IllegalArgumentException e) {
      sink.accept(new Failed(name, type, e.getMessage()));
    }
  }

  private static boolean isTtl(String s) {
    if (s.isEmpty() || !Character.isDigit(s.charAt(0))) {
      return false;
    }
    try {
      TTL.parseTTL(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The rest of the record (parentheses joined) as one line of presentation text. */
  private static String rdataText(Tokenizer st, int type) throws IOException {
    StringBuilder sb = new StringBuilder();
    boolean svcb = type == Type.SVCB || type == Type.HTTPS;
    while (true) {
      Tokenizer.Token t = st.get();
      if (t.type == Tokenizer.EOL || t.type == Tokenizer.EOF) {
        if (t.type == Tokenizer.EOF) {
          st.unget();
        }
        return sb.toString();
      }
      if (!sb.isEmpty()) {
        sb.append(' ');
      }
      if (t.type == Tokenizer.QUOTED_STRING) {
        sb.append('"').append(t.value).append('"');
      } else {
        sb.append(svcb ? svcKeyNumbers(t.value) : t.value);
      }
    }
  }

  /**
   * dnsjava 3.6 does not know the SvcParam mnemonics registered after RFC 9460 ({@code dohpath},
   * RFC 9461; {@code ohttp}, RFC 9540): give it their numbers ({@code key7}, {@code key8}).
   */
  static String svcKeyNumbers(String token) {
    String lower = token.toLowerCase(Locale.ROOT);
    if (lower.startsWith("dohpath=") || lower.equals("dohpath")) {
      return "key7" + token.substring(7);
    }
    if (lower.equals("ohttp")) {
      return "key8";
    }
    if (lower.startsWith("mandatory=")) {
      return "mandatory="
          + token
              .substring(10)
              .replaceAll("(?i)\\bdohpath\\b", "key7")
              .replaceAll("(?i)\\bohttp\\b", "key8");
    }
    return token;
  }

  private void close() {
    Frame f = frames.pop();
    f.st().close();
  }
}
