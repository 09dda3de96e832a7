package dev.zonesync.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Recomputes a received request's SigV4 signature from the AWS documentation's algorithm (for a
 * {@code POST} without query, to {@code /} or a REST path of unreserved characters), independently
 * of the SDK's signer, to prove the signature is right.
 */
final class SigV4Check {

  private static final Pattern AUTH =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,"
              + " SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");

  private SigV4Check() {}

  /** The signature a correct signer computes with {@code secretKey} for this request. */
  static String expectedSignature(AwsHttpStub.Received r, String secretKey) throws Exception {
    Matcher m = AUTH.matcher(r.header("Authorization"));
    if (!m.matches()) {
      throw new AssertionError("not a SigV4 Authorization header: " + r.header("Authorization"));
    }
    String date = m.group(2);
    String region = m.group(3);
    String service = m.group(4);
    String signedHeaders = m.group(5);
    StringBuilder canonical = new StringBuilder("POST\n" + r.path() + "\n\n");
    for (String h : signedHeaders.split(";")) {
      canonical.append(h).append(':').append(r.header(h).strip()).append('\n');
    }
    canonical.append('\n').append(signedHeaders).append('\n').append(sha256Hex(r.body()));
    String scope = date + "/" + region + "/" + service + "/aws4_request";
    String toSign =
        "AWS4-HMAC-SHA256\n"
            + r.header("X-Amz-Date")
            + "\n"
            + scope
            + "\n"
            + sha256Hex(canonical.toString());
    byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    return HexFormat.of().formatHex(hmac(key, toSign));
  }

  /** The signature the request carries. */
  static String actualSignature(AwsHttpStub.Received r) {
    Matcher m = AUTH.matcher(r.header("Authorization"));
    return m.matches() ? m.group(6) : "";
  }

  private static String sha256Hex(String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] hmac(byte[] key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }
}
