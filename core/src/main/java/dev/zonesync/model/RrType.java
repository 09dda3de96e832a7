package dev.zonesync.model;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A DNS RR type by its numeric code. Types without a mnemonic print as {@code TYPE<code>} (RFC
 * 3597), e.g. BIND's private {@code TYPE65534}.
 */
public record RrType(int code) implements Comparable<RrType> {

  public static final RrType A = new RrType(1);
  public static final RrType NS = new RrType(2);
  public static final RrType CNAME = new RrType(5);
  public static final RrType SOA = new RrType(6);
  public static final RrType PTR = new RrType(12);
  public static final RrType HINFO = new RrType(13);
  public static final RrType MX = new RrType(15);
  public static final RrType TXT = new RrType(16);
  public static final RrType AAAA = new RrType(28);
  public static final RrType LOC = new RrType(29);
  public static final RrType SRV = new RrType(33);
  public static final RrType NAPTR = new RrType(35);
  public static final RrType DS = new RrType(43);
  public static final RrType SSHFP = new RrType(44);
  public static final RrType TLSA = new RrType(52);
  public static final RrType SVCB = new RrType(64);
  public static final RrType HTTPS = new RrType(65);
  public static final RrType SPF = new RrType(99);
  public static final RrType CAA = new RrType(257);

  /** Windows DNS WINS lookup record. */
  public static final RrType WINS = new RrType(65281);

  /** Windows DNS WINS reverse lookup record. */
  public static final RrType WINSR = new RrType(65282);

  private static final Map<Integer, String> NAMES = new HashMap<>();
  private static final Map<String, Integer> CODES = new HashMap<>();

  /** Types a Route 53 hosted zone can hold (docs/architecture.md, Route 53 facts). */
  public static final Set<RrType> ROUTE53_TYPES =
      Set.of(
          A, AAAA, CAA, CNAME, DS, HTTPS, MX, NAPTR, NS, PTR, SOA, SPF, SRV, SSHFP, SVCB, TLSA,
          TXT);

  static {
    Object[][] table = {
      {1, "A"},
      {2, "NS"},
      {3, "MD"},
      {4, "MF"},
      {5, "CNAME"},
      {6, "SOA"},
      {7, "MB"},
      {8, "MG"},
      {9, "MR"},
      {10, "NULL"},
      {11, "WKS"},
      {12, "PTR"},
      {13, "HINFO"},
      {14, "MINFO"},
      {15, "MX"},
      {16, "TXT"},
      {17, "RP"},
      {18, "AFSDB"},
      {19, "X25"},
      {20, "ISDN"},
      {21, "RT"},
      {22, "NSAP"},
      {23, "NSAP-PTR"},
      {24, "SIG"},
      {25, "KEY"},
      {26, "PX"},
      {27, "GPOS"},
      {28, "AAAA"},
      {29, "LOC"},
      {30, "NXT"},
      {31, "EID"},
      {32, "NIMLOC"},
      {33, "SRV"},
      {34, "ATMA"},
      {35, "NAPTR"},
      {36, "KX"},
      {37, "CERT"},
      {38, "A6"},
      {39, "DNAME"},
      {40, "SINK"},
      {41, "OPT"},
      {42, "APL"},
      {43, "DS"},
      {44, "SSHFP"},
      {45, "IPSECKEY"},
      {46, "RRSIG"},
      {47, "NSEC"},
      {48, "DNSKEY"},
      {49, "DHCID"},
      {50, "NSEC3"},
      {51, "NSEC3PARAM"},
      {52, "TLSA"},
      {53, "SMIMEA"},
      {55, "HIP"},
      {56, "NINFO"},
      {57, "RKEY"},
      {58, "TALINK"},
      {59, "CDS"},
      {60, "CDNSKEY"},
      {61, "OPENPGPKEY"},
      {62, "CSYNC"},
      {63, "ZONEMD"},
      {64, "SVCB"},
      {65, "HTTPS"},
      {66, "DSYNC"},
      {67, "HHIT"},
      {68, "BRID"},
      {99, "SPF"},
      {100, "UINFO"},
      {101, "UID"},
      {102, "GID"},
      {103, "UNSPEC"},
      {104, "NID"},
      {105, "L32"},
      {106, "L64"},
      {107, "LP"},
      {108, "EUI48"},
      {109, "EUI64"},
      {249, "TKEY"},
      {250, "TSIG"},
      {251, "IXFR"},
      {252, "AXFR"},
      {256, "URI"},
      {257, "CAA"},
      {258, "AVC"},
      {259, "DOA"},
      {260, "AMTRELAY"},
      {261, "RESINFO"},
      {262, "WALLET"},
      {32768, "TA"},
      {32769, "DLV"},
      {65281, "WINS"},
      {65282, "WINSR"}
    };
    for (Object[] row : table) {
      NAMES.put((Integer) row[0], (String) row[1]);
      CODES.put((String) row[1], (Integer) row[0]);
    }
  }

  public RrType {
    if (code < 0 || code > 0xffff) {
      throw new IllegalArgumentException("RR type code " + code + " outside 0..65535");
    }
  }

  private static final RrType[] COMMON = new RrType[300];

  static {
    for (int i = 0; i < COMMON.length; i++) {
      COMMON[i] = new RrType(i);
    }
  }

  /** The type with this code (shared instances for common codes: transfers create millions). */
  public static RrType of(int code) {
    return code >= 0 && code < COMMON.length ? COMMON[code] : new RrType(code);
  }

  /** Parses a mnemonic ({@code mx}, {@code MX}) or an RFC 3597 {@code TYPE123}. */
  public static RrType fromName(String name) {
    String upper = name.trim().toUpperCase(Locale.ROOT);
    Integer code = CODES.get(upper);
    if (code != null) {
      return new RrType(code);
    }
    if (upper.startsWith("TYPE")) {
      try {
        return new RrType(Integer.parseInt(upper.substring(4)));
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new IllegalArgumentException("unknown RR type '" + name + "'");
  }

  public String mnemonic() {
    String n = NAMES.get(code);
    return n != null ? n : "TYPE" + code;
  }

  public boolean isRoute53Supported() {
    return ROUTE53_TYPES.contains(this);
  }

  @Override
  public int compareTo(RrType o) {
    return mnemonic().compareTo(o.mnemonic());
  }

  @Override
  public String toString() {
    return mnemonic();
  }
}
