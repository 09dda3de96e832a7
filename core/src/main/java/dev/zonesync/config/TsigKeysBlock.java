package dev.zonesync.config;

import dev.zonesync.model.DnsName;
import dev.zonesync.model.TsigKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code tsigKeys} list: the keys the masters know, by name, for zones to refer to. */
final class TsigKeysBlock {

  private TsigKeysBlock() {}

  /** The valid keys by name, in file order; every invalid entry adds a problem and is left out. */
  static Map<DnsName, TsigKeySpec> parse(List<ConfigFile.TsigKeyEntry> entries, Problems problems) {
    Map<DnsName, TsigKeySpec> out = new LinkedHashMap<>();
    if (entries == null) {
      return out;
    }
    for (int i = 0; i < entries.size(); i++) {
      ConfigFile.TsigKeyEntry e = entries.get(i);
      String at = "tsigKeys[" + i + "]";
      if (e == null) {
        problems.add(at + ": empty entry");
        continue;
      }
      DnsName name = problems.name(at + ".name", e.name());
      String alg = e.algorithm() == null ? "hmac-sha256" : e.algorithm().toLowerCase(Locale.ROOT);
      if (!TsigKey.ALGORITHMS.contains(alg)) {
        problems.add(
            at
                + ".algorithm: '"
                + e.algorithm()
                + "' unsupported; use one of "
                + TsigKey.ALGORITHMS);
      }
      ConfigFile.SecretRef ref = e.secret();
      int set =
          ref == null
              ? 0
              : (ref.env() != null ? 1 : 0)
                  + (ref.file() != null ? 1 : 0)
                  + (ref.secretsManagerArn() != null ? 1 : 0);
      if (set != 1) {
        problems.add(at + ".secret: set exactly one of env, file, secretsManagerArn");
      } else if (ref.secretsManagerArn() != null && !ref.secretsManagerArn().startsWith("arn:")) {
        problems.add(at + ".secret.secretsManagerArn: not an ARN");
      }
      if (name != null) {
        if (out.containsKey(name)) {
          problems.add(at + ".name: key " + name + " is defined twice");
        } else if (set == 1) {
          out.put(name, new TsigKeySpec(name, alg, ref));
        }
      }
    }
    return out;
  }
}
