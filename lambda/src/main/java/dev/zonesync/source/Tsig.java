package dev.zonesync.source;

import dev.zonesync.model.TsigKey;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

/** Maps a model TSIG key to dnsjava's signer. */
final class Tsig {

  private static final Map<String, Name> ALGORITHMS =
      Map.of(
          "hmac-md5", TSIG.HMAC_MD5,
          "hmac-sha1", TSIG.HMAC_SHA1,
          "hmac-sha224", TSIG.HMAC_SHA224,
          "hmac-sha256", TSIG.HMAC_SHA256,
          "hmac-sha384", TSIG.HMAC_SHA384,
          "hmac-sha512", TSIG.HMAC_SHA512);

  private Tsig() {}

  static TSIG of(TsigKey key) {
    if (key == null) {
      return null;
    }
    Name alg = ALGORITHMS.get(key.algorithm());
    if (alg == null) {
      throw new IllegalArgumentException("unsupported TSIG algorithm " + key.algorithm());
    }
    return new TSIG(alg, Name.fromConstantString(key.name().text()), key.secret());
  }
}
