package dev.zonesync.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * SVCB/HTTPS SvcParams (RFC 9460) between presentation text and wire values. Both directions go
 * through the wire value, so a parameter has one canonical text whatever way it was written: keys
 * in increasing order and by mnemonic, {@code alpn} as a value-list (Appendix A.1: {@code \,} is a
 * comma inside an id, {@code \\} a backslash), hints as canonical addresses, {@code ech} in base64,
 * other values as character-strings (quoted when they need it).
 */
public final class SvcParams {

  /** IANA "Service Parameter Keys (SvcParamKeys)" mnemonics, by key number. */
  private static final String[] MNEMONICS = {
    "mandatory",
    "alpn",
    "no-default-alpn",
    "port",
    "ipv4hint",
    "ech",
    "ipv6hint",
    "dohpath",
    "ohttp"
  };

  static final int MANDATORY = 0;
  static final int ALPN = 1;
  static final int NO_DEFAULT_ALPN = 2;
  static final int PORT = 3;
  static final int IPV4HINT = 4;
  static final int ECH = 5;
  static final int IPV6HINT = 6;
  static final int OHTTP = 8;

  private SvcParams() {}

  /** The key number of a mnemonic or {@code keyNNNNN}. */
  public static int keyCode(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (int i = 0; i < MNEMONICS.length; i++) {
      if (MNEMONICS[i].equals(n)) {
        return i;
      }
    }
    if (n.startsWith("key") && n.length() > 3 && n.length() <= 8) {
      int v = 0;
      for (int i = 3; i < n.length(); i++) {
        char c = n.charAt(i);
        if (c < '0' || c > '9') {
          throw new IllegalArgumentException("unknown SvcParam key '" + name + "'");
        }
        v = v * 10 + (c - '0');
      }
      if (v <= 65535) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown SvcParam key '" + name + "'");
  }

  /**
   * The presentation of a key: RFC 9460's own mnemonics (keys 0–6), {@code keyNNNNN} for the rest,
   * which every RFC 9460 parser reads (later mnemonics such as {@code dohpath} are read, not
   * written: older parsers, e.g. BIND 9.18's, reject them).
   */
  public static String keyName(int code) {
    return code <= IPV6HINT ? MNEMONICS[code] : "key" + code;
  }

  /**
   * Canonical text of the SvcParams part of an SVCB rdata on the wire ({@code off} to the end): key
   * (2), length (2), value, keys strictly increasing.
   */
  static String fromWire(byte[] b, int off, Escaping out) {
    StringBuilder sb = new StringBuilder();
    int last = -1;
    int i = off;
    while (i < b.length) {
      if (i + 4 > b.length) {
        throw new IllegalArgumentException("truncated SvcParam");
      }
      int key = u16(b, i);
      int len = u16(b, i + 2);
      i += 4;
      if (i + len > b.length) {
        throw new IllegalArgumentException("SvcParam " + keyName(key) + " overruns the rdata");
      }
      if (key <= last) {
        throw new IllegalArgumentException("SvcParam keys not in strictly increasing order");
      }
      last = key;
      byte[] v = new byte[len];
      System.arraycopy(b, i, v, 0, len);
      i += len;
      if (!sb.isEmpty()) {
        sb.append(' ');
      }
      present(key, v, out, sb);
    }
    return sb.toString();
  }

  /** Canonical text of presentation-format SvcParams (each {@code key[=value]}). */
  static String canonicalize(List<String> params, Escaping in, Escaping out) {
    Map<Integer, byte[]> wire = new TreeMap<>();
    for (String p : params) {
      int eq = p.indexOf('=');
      int key = keyCode(eq < 0 ? p : p.substring(0, eq));
      byte[] value = eq < 0 ? null : charString(p.substring(eq + 1), in);
      if (wire.put(key, wireValue(key, value)) != null) {
        throw new IllegalArgumentException("SvcParam " + keyName(key) + " appears twice");
      }
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<Integer, byte[]> e : wire.entrySet()) {
      if (!sb.isEmpty()) {
        sb.append(' ');
      }
      present(e.getKey(), e.getValue(), out, sb);
    }
    return sb.toString();
  }

  /** The bytes of a (possibly quoted) character-string in presentation format. */
  private static byte[] charString(String s, Escaping in) {
    if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
      s = s.substring(1, s.length() - 1);
    } else if (s.indexOf('"') >= 0) {
      throw new IllegalArgumentException("stray quote in SvcParam value '" + s + "'");
    }
    ByteArrayOutputStream o = new ByteArrayOutputStream(s.length());
    int[] consumed = new int[1];
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        o.write(Escaping.decodeEscape(s, i, in, consumed));
        i += consumed[0] - 1;
      } else if (c > 0x7f) {
        byte[] u = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        o.write(u, 0, u.length);
      } else {
        o.write(c);
      }
    }
    return o.toByteArray();
  }

  /** The wire value of a parameter given its decoded presentation value (null: none given). */
  private static byte[] wireValue(int key, byte[] v) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    switch (key) {
      case NO_DEFAULT_ALPN, OHTTP -> {
        if (v != null && v.length > 0) {
          throw new IllegalArgumentException(keyName(key) + " takes no value");
        }
        return new byte[0];
      }
      case MANDATORY -> {
        List<Integer> keys = new ArrayList<>();
        for (String k : ascii(key, v).split(",", -1)) {
          keys.add(keyCode(k));
        }
        keys.sort(null);
        for (int i = 0; i < keys.size(); i++) {
          if (i > 0 && keys.get(i).equals(keys.get(i - 1))) {
            throw new IllegalArgumentException("mandatory lists a key twice");
          }
          o.write(keys.get(i) >> 8);
          o.write(keys.get(i) & 0xff);
        }
      }
      case ALPN -> {
        for (byte[] id : valueList(required(key, v))) {
          if (id.length == 0 || id.length > 255) {
            throw new IllegalArgumentException("alpn id of " + id.length + " bytes");
          }
          o.write(id.length);
          o.write(id, 0, id.length);
        }
      }
      case PORT -> {
        String s = ascii(key, v);
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit)) {
          throw new IllegalArgumentException("port '" + s + "' is not a number");
        }
        int port = Integer.parseInt(s);
        if (port > 65535) {
          throw new IllegalArgumentException("port " + port + " above 65535");
        }
        o.write(port >> 8);
        o.write(port & 0xff);
      }
      case IPV4HINT, IPV6HINT -> {
        for (String a : ascii(key, v).split(",", -1)) {
          byte[] addr = key == IPV4HINT ? Rdata.ipv4Bytes(a) : Rdata.ipv6Bytes(a);
          o.write(addr, 0, addr.length);
        }
      }
      case ECH -> {
        byte[] d;
        try {
          d = Base64.getDecoder().decode(ascii(key, v));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("ech is not base64: " + e.getMessage(), e);
        }
        o.write(d, 0, d.length);
      }
      default -> {
        byte[] d = v == null ? new byte[0] : v;
        o.write(d, 0, d.length);
      }
    }
    return o.toByteArray();
  }

  private static byte[] required(int key, byte[] v) {
    if (v == null || v.length == 0) {
      throw new IllegalArgumentException(keyName(key) + " needs a value");
    }
    return v;
  }

  private static String ascii(int key, byte[] v) {
    return new String(required(key, v), StandardCharsets.ISO_8859_1);
  }

  /** RFC 9460 Appendix A.1: split on unescaped commas; {@code \X} is X. */
  private static List<byte[]> valueList(byte[] v) {
    List<byte[]> items = new ArrayList<>();
    ByteArrayOutputStream item = new ByteArrayOutputStream();
    for (int i = 0; i < v.length; i++) {
      int c = v[i] & 0xff;
      if (c == '\\') {
        if (i + 1 >= v.length) {
          throw new IllegalArgumentException("value-list ends in a backslash");
        }
        item.write(v[++i]);
      } else if (c == ',') {
        items.add(item.toByteArray());
        item.reset();
      } else {
        item.write(c);
      }
    }
    items.add(item.toByteArray());
    return items;
  }

  private static void present(int key, byte[] v, Escaping out, StringBuilder sb) {
    sb.append(keyName(key));
    switch (key) {
      case NO_DEFAULT_ALPN, OHTTP -> {
        if (v.length > 0) {
          throw new IllegalArgumentException(keyName(key) + " carries a value");
        }
      }
      case MANDATORY -> {
        if (v.length == 0 || v.length % 2 != 0) {
          throw new IllegalArgumentException("mandatory of " + v.length + " bytes");
        }
        sb.append('=');
        for (int i = 0; i < v.length; i += 2) {
          sb.append(i == 0 ? "" : ",").append(keyName(u16(v, i)));
        }
      }
      case ALPN -> {
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        int i = 0;
        while (i < v.length) {
          int len = v[i] & 0xff;
          if (len == 0 || i + 1 + len > v.length) {
            throw new IllegalArgumentException("malformed alpn value");
          }
          if (list.size() > 0) {
            list.write(',');
          }
          for (int k = i + 1; k <= i + len; k++) {
            if (v[k] == ',' || v[k] == '\\') {
              list.write('\\');
            }
            list.write(v[k]);
          }
          i += 1 + len;
        }
        if (v.length == 0) {
          throw new IllegalArgumentException("empty alpn value");
        }
        sb.append('=');
        appendCharString(sb, list.toByteArray(), out);
      }
      case PORT -> {
        if (v.length != 2) {
          throw new IllegalArgumentException("port of " + v.length + " bytes");
        }
        sb.append('=').append(u16(v, 0));
      }
      case IPV4HINT, IPV6HINT -> {
        int n = key == IPV4HINT ? 4 : 16;
        if (v.length == 0 || v.length % n != 0) {
          throw new IllegalArgumentException(keyName(key) + " of " + v.length + " bytes");
        }
        sb.append('=');
        for (int i = 0; i < v.length; i += n) {
          byte[] a = new byte[n];
          System.arraycopy(v, i, a, 0, n);
          sb.append(i == 0 ? "" : ",").append(n == 4 ? Rdata.ipv4(a) : Rdata.ipv6(a));
        }
      }
      case ECH -> sb.append('=').append(Base64.getEncoder().encodeToString(v));
      default -> {
        if (v.length > 0) {
          sb.append('=');
          appendCharString(sb, v, out);
        }
      }
    }
  }

  /**
   * A character-string, bare when every byte is a visible ASCII character without meaning to a
   * zone-file tokenizer, otherwise double-quoted with {@code "} and {@code \} escaped and other
   * bytes as numeric escapes.
   */
  private static void appendCharString(StringBuilder sb, byte[] v, Escaping out) {
    boolean bare = v.length > 0;
    for (int i = 0; i < v.length && bare; i++) {
      int c = v[i] & 0xff;
      bare = c > 0x20 && c < 0x7f && c != '"' && c != '\\' && c != ';' && c != '(' && c != ')';
    }
    if (bare) {
      sb.append(new String(v, StandardCharsets.ISO_8859_1));
    } else {
      Rdata.appendQuoted(sb, v, out);
    }
  }

  private static int u16(byte[] b, int i) {
    return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
  }
}
