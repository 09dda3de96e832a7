package dev.zonesync.source;

import dev.zonesync.model.RrType;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Tokenizer;
import org.xbill.DNS.Type;

/**
 * Makes dnsjava read every record type Route 53 cannot hold as {@link OpaqueRecord}, by type code,
 * before any message is parsed: their wire data is kept as bytes, never interpreted. Meta types
 * (OPT, TSIG, TKEY) keep their parsers: transfers need them. The registration is process-wide, so
 * text of these types is still parsed by dnsjava's own classes (reached by reflection: dnsjava
 * offers no public way back to a replaced parser).
 */
final class DnsjavaTypes {

  private static final int[] KEEP = {Type.OPT, Type.TSIG, Type.TKEY};

  /** dnsjava's own classes for the replaced types, for parsing text only. */
  private static final Map<Integer, Supplier<Record>> ORIGINAL = new HashMap<>();

  private static final Method RDATA_FROM_STRING;

  static {
    Method m;
    Method factory;
    try {
      m = Record.class.getDeclaredMethod("rdataFromString", Tokenizer.class, Name.class);
      m.setAccessible(true);
      factory = Type.class.getDeclaredMethod("getFactory", int.class);
      factory.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      m = null; // text of these types then fails to parse, as zonesync never needs it
      factory = null;
    }
    RDATA_FROM_STRING = m;
    for (int code = 1; code <= 0xffff; code++) {
      String mnemonic = Type.string(code);
      if (mnemonic.startsWith("TYPE") || !Type.isRR(code) || keep(code)) {
        continue; // unknown types already parse as opaque UNKRecord data
      }
      if (!RrType.of(code).isRoute53Supported()) {
        try {
          @SuppressWarnings("unchecked")
          Supplier<Record> original =
              factory == null ? null : (Supplier<Record>) factory.invoke(null, code);
          if (original != null) {
            ORIGINAL.put(code, original);
          }
        } catch (ReflectiveOperationException | RuntimeException e) {
          // no text parsing for this type
        }
        Type.register(code, mnemonic, OpaqueRecord::new);
      }
    }
  }

  /** The wire data of {@code type}'s presentation text, parsed by dnsjava's class for it. */
  static byte[] parseWithOriginal(int type, Tokenizer st, Name origin) throws IOException {
    Supplier<Record> original = ORIGINAL.get(type);
    if (original == null || RDATA_FROM_STRING == null) {
      throw st.exception("no parser for the data of type " + Type.string(type));
    }
    try {
      Record real = original.get();
      RDATA_FROM_STRING.invoke(real, st, origin);
      return real.rdataToWireCanonical();
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw st.exception(String.valueOf(e.getCause()));
    } catch (ReflectiveOperationException e) {
      throw st.exception("cannot parse type " + Type.string(type) + ": " + e);
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
