package dev.zonesync.source;

import dev.zonesync.model.RrType;
import org.xbill.DNS.Type;

/**
 * Makes dnsjava read every record type Route 53 cannot hold as {@link OpaqueRecord}, by type code,
 * before any message is parsed. Meta types (OPT, TSIG, TKEY) keep their parsers: transfers need
 * them.
 */
final class DnsjavaTypes {

  private static final int[] KEEP = {Type.OPT, Type.TSIG, Type.TKEY};

  static {
    for (int code = 1; code <= 0xffff; code++) {
      String mnemonic = Type.string(code);
      if (mnemonic.startsWith("TYPE") || !Type.isRR(code) || keep(code)) {
        continue; // unknown types already parse as opaque UNKRecord data
      }
      if (!RrType.of(code).isRoute53Supported()) {
        Type.register(code, mnemonic, OpaqueRecord::new);
      }
    }
  }

  private DnsjavaTypes() {}

  /** Runs the registration (once per class loader); cheap to call again. */
  static void install() {
    // the static initialiser does the work
  }

  private static boolean keep(int code) {
    for (int k : KEEP) {
      if (k == code) {
        return true;
      }
    }
    return false;
  }
}
