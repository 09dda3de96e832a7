package dev.zonesync.infra;

/** Config texts for the tests. Large configs are generated here, never committed. */
final class TestConfigs {
  private TestConfigs() {}

  /** A small valid config: two zones, one TSIG key. */
  static final String MINIMAL =
      """
      version: 1
      tsigKeys:
        - name: k1.
          algorithm: hmac-sha256
          secret:
            secretsManagerArn: arn:aws:secretsmanager:eu-west-1:111122223333:secret:zonesync/k1-AbCdEf
      zones:
        - name: corp.example.
          hostedZoneId: Z0123456789ABCDEFGHIJ
          masters: [10.10.0.53, 10.20.0.53]
          tsig: k1.
        - name: lab.example.
          hostedZoneId: Z0987654321ABCDEFGHIJ
          masters: [10.10.0.53]
          tsig: none
      deployment:
        account: "111122223333"
        region: eu-west-1
        vpc:
          id: vpc-0123456789abcdef0
          subnetIds: [subnet-0123456789abcdef0, subnet-0fedcba9876543210]
      """;

  /**
   * {@code zones} zones over 10 masters (some on a non-default port), 5 TSIG keys, every 10th zone
   * with {@code createHostedZone: true}, a few with their own schedule.
   */
  static String manyZones(int zones) {
    return manyZones(zones, 0);
  }

  /** As {@link #manyZones(int)}, every {@code detailedEvery}-th zone {@code metrics: detailed}. */
  static String manyZones(int zones, int detailedEvery) {
    StringBuilder b = new StringBuilder();
    b.append(
        """
        version: 1
        defaults:
          safety: {maxDeleteFraction: 0.3, maxUpdateFraction: 0.3, minZoneRRsets: 10}
          timeouts: {query: 3s, transfer: 60s}
        route53: {requestsPerSecond: 5, maxAttempts: 8}
        tsigKeys:
        """);
    for (int k = 0; k < 5; k++) {
      b.append("  - name: transfer-")
          .append(k)
          .append(".\n    algorithm: hmac-sha256\n    secret:\n      secretsManagerArn:")
          .append(" arn:aws:secretsmanager:eu-west-1:111122223333:secret:zonesync/transfer-")
          .append(k)
          .append("-AbCdEf\n");
    }
    b.append("zones:\n");
    for (int i = 0; i < zones; i++) {
      String name = String.format("zone-%03d.corp.example.", i);
      b.append("  - name: ").append(name).append('\n');
      if (i % 10 == 9) {
        b.append("    createHostedZone: true\n");
      } else {
        b.append("    hostedZoneId: ").append(String.format("Z%020d", i)).append('\n');
      }
      b.append("    masters: [10.1.")
          .append(i % 10)
          .append(".53, 10.2.")
          .append(i % 10)
          .append(".53")
          .append(i % 10 == 0 ? ":5353" : "")
          .append("]\n");
      b.append("    tsig: transfer-").append(i % 5).append(".\n");
      b.append("    preserve: [\"aws-*.").append(name).append("\"]\n");
      if (i % 7 == 0) {
        b.append("    schedule: rate(15 minutes)\n");
      }
      if (detailedEvery > 0 && i % detailedEvery == 0) {
        b.append("    metrics: detailed\n");
      }
    }
    b.append(
        """
        deployment:
          name: zonesync-big
          account: "111122223333"
          region: eu-west-1
          vpc:
            id: vpc-0123456789abcdef0
            subnetIds: [subnet-0123456789abcdef0, subnet-0fedcba9876543210]
          scheduler:
            fullReconcile: cron(0 4 * * ? *)
        """);
    return b.toString();
  }
}
