package dev.zonesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.Samples;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class ValidateCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  @TempDir Path dir;

  private int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  private Path withEdit(String from, String to) throws IOException {
    String sample = Files.readString(Samples.sample("zonesync.yaml"));
    assertThat(sample).as("test row must match the sample").contains(from);
    Path f = dir.resolve("edited.yaml");
    Files.writeString(f, sample.replace(from, to));
    return f;
  }

  @Test
  void validate_whenSample_exitsZeroListingEachZone() {
    assertThat(run("validate", "--config", Samples.sample("zonesync.yaml").toString()))
        .isEqualTo(0);
    assertThat(out.toString())
        .contains("valid, 2 zone(s)")
        .contains("corp.example. -> hosted zone Z0123456789ABCDEFGHIJ")
        .contains("10.in-addr.arpa. -> hosted zone Z0987654321ABCDEFGHIJ");
    assertThat(err.toString()).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          '    preserve:'                  | '    presrve:'                  | unknown key 'presrve'
          'defaults:'                      | 'defualts:'                    | unknown key 'defualts'
          'version: 1'                     | 'version: 2'                   | version: must be 1, got 2
          'algorithm: hmac-sha256 '        | 'algorithm: hmac-sha3 '        | 'hmac-sha3' unsupported
          'maxValueChars: 32000'           | 'maxValueChars: 5000'          | leaves no room for the serial commit
          'query: 3s'                      | 'query: 0'                     | timeouts.query: must be positive
          'requestsPerSecond: 8 '          | 'requestsPerSecond: -1 '       | route53.requestsPerSecond must be within (0, 50]
          'concurrency: 4 '                | 'concurrency: 0 '              | execution.concurrency must be within 1..32
          'concurrency: 4 '                | 'concurency: 4 '               | execution.concurency: unknown key 'concurency'
          """)
  void validate_whenConfigInvalid_exitsTwoNamingTheField(String from, String to, String message)
      throws IOException {
    assertThat(run("validate", "--config", withEdit(from, to).toString())).isEqualTo(2);
    assertThat(err.toString()).contains(message);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void validate_whenSeveralProblems_listsEveryOne() throws IOException {
    String sample = Files.readString(Samples.sample("zonesync.yaml"));
    Path f = dir.resolve("two.yaml");
    Files.writeString(
        f,
        sample
            .replace("maxValueChars: 32000", "maxValueChars: 5000")
            .replace("query: 3s", "query: 0"));
    assertThat(run("validate", "--config", f.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("zones[0] (corp.example.).batch.maxValueChars")
        .contains("zones[1] (10.in-addr.arpa.).timeouts.query: must be positive");
  }

  @Test
  void validate_whenTypesListSoa_refusesIt() throws IOException {
    Path f = withEdit("    safety:\n      maxDeleteFraction: 0.10", "    types: [SOA]");
    assertThat(run("validate", "--config", f.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("types: SOA is never mirrored");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          hmac-md5  | hmac-md5 must not be used for TSIG (RFC 8945 section 6: HMAC-MD5 is deprecated)
          hmac-sha1 | hmac-sha1 is not recommended for TSIG (RFC 8945 section 6: HMAC-SHA1 is deprecated)
          """)
  void validate_whenAZoneUsesAWeakTsigAlgorithm_warnsNamingTheZoneAndStillExitsZero(
      String algorithm, String why) throws IOException {
    Path f = withEdit("algorithm: hmac-sha256 ", "algorithm: " + algorithm + " ");

    assertThat(run("validate", "--config", f.toString())).isEqualTo(0);

    assertThat(out.toString()).contains("valid, 2 zone(s)");
    String fix =
        "; create a hmac-sha256 key on the masters (tsig-keygen -a hmac-sha256), which every TSIG"
            + " implementation must support, and switch this key to it";
    // both sample zones use the one key: one line each
    assertThat(err.toString().lines())
        .containsExactly(
            "warning: zone corp.example. uses TSIG key zonesync-transfer. ("
                + algorithm
                + "): "
                + why
                + fix,
            "warning: zone 10.in-addr.arpa. uses TSIG key zonesync-transfer. ("
                + algorithm
                + "): "
                + why
                + fix);
  }

  @Test
  void validate_whenAlgorithmIsSha256_printsNoWarning() throws IOException {
    Path f = withEdit("algorithm: hmac-sha256 ", "algorithm: hmac-sha512 ");
    assertThat(run("validate", "--config", f.toString())).isEqualTo(0);
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void validate_whenFileMissing_exitsTwoNamingIt() {
    assertThat(run("validate", "--config", "/nonexistent/z.yaml")).isEqualTo(2);
    assertThat(err.toString()).contains("/nonexistent/z.yaml does not exist");
  }

  @Test
  void validate_whenCatalogSample_listsTheZoneAndOneLinePerCatalog() {
    assertThat(run("validate", "--config", Samples.sample("zonesync-catalog.yaml").toString()))
        .isEqualTo(0);
    assertThat(out.toString().lines())
        .containsExactly(
            Samples.sample("zonesync-catalog.yaml") + ": valid, 1 zone(s), 1 catalog(s)",
            "  corp.example. -> hosted zone Z0123456789ABCDEFGHIJ, masters [10.10.0.53:53,"
                + " 10.20.0.53:53], tsig zonesync-transfer.",
            "  catalog.corp.example. -> hosted zone Z0CATALOG0123456789AB, masters"
                + " [10.10.0.53:53, 10.20.0.53:53], tsig zonesync-transfer., allow"
                + " [*.corp.example.], create in vpc-0123456789abcdef0 (eu-west-1), expose to"
                + " vpc-0fedcba9876543210 (eu-west-1), vpc-0aaaabbbbccccdddd (eu-central-1),"
                + " groups [lab]");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void validate_whenDelegationSample_showsTheZoneCutKeys() {
    assertThat(run("validate", "--config", Samples.sample("zonesync-delegation.yaml").toString()))
        .isEqualTo(0);
    assertThat(out.toString().lines())
        .contains(
            "  corp.example. -> hosted zone Z0123456789ABCDEFGHIJ, masters [10.10.0.53:53,"
                + " 10.20.0.53:53], tsig zonesync-transfer., zoneCuts delegate, delegations"
                + " [branch.corp.example.], resolvedElsewhere [aws.corp.example.]",
            "  _msdcs.corp.example. -> hosted zone Z0123456789ABCDEFGHIJ (corp.example.), masters"
                + " [10.10.0.53:53, 10.20.0.53:53], tsig zonesync-transfer.");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          profile | create: false, exposeTo: {profile: rp-0123456789abcdef} | create nothing, expose to profile rp-0123456789abcdef
          nowhere | create: true, createIn: {vpc: vpc-01234567, region: us-east-2} | create in vpc-01234567 (us-east-2), expose to nowhere
          """)
  void validate_whenCatalogsOnly_countsNoZones(String what, String hostedZones, String line)
      throws IOException {
    Path f = dir.resolve("catalogs-only.yaml");
    Files.writeString(
        f,
        """
        version: 1
        catalogs:
          - {name: catalog.example., hostedZoneId: ZCAT, masters: [192.0.2.1], tsig: none,
             allow: [example.], hostedZones: {HZ}}
        """
            .replace("HZ", hostedZones));
    assertThat(run("validate", "--config", f.toString())).isEqualTo(0);
    assertThat(out.toString().lines())
        .containsExactly(
            f + ": valid, 0 zone(s), 1 catalog(s)",
            "  catalog.example. -> hosted zone ZCAT, masters [192.0.2.1:53], tsig none, allow"
                + " [example.], "
                + line);
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          '"*.corp.example."'     | '"*corp.example."'       | catalogs[0] (catalog.corp.example.).allow[0]: allow pattern *corp.example.: a wildcard must end at a label boundary
          'region: eu-west-1'     | 'region: eu-west'        | catalogs[0] (catalog.corp.example.).hostedZones.createIn.region: 'eu-west' is not an AWS region (like eu-west-1)
          'tsig: zonesync-lab.'   | 'tsig: zonesync-labs.'   | catalogs[0] (catalog.corp.example.).groups.lab.tsig: no key named zonesync-labs.
          'minMembers: 10'        | 'minMember: 10'          | catalogs[0].shrink.minMember: unknown key 'minMember'
          """)
  void validate_whenCatalogInvalid_exitsTwoNamingCatalogAndField(
      String from, String to, String message) throws IOException {
    String sample = Files.readString(Samples.sample("zonesync-catalog.yaml"));
    assertThat(sample).as("test row must match the sample").contains(from);
    Path f = dir.resolve("catalog.yaml");
    Files.writeString(f, sample.replace(from, to));
    assertThat(run("validate", "--config", f.toString())).isEqualTo(2);
    assertThat(err.toString()).contains(message);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void validate_whenACatalogGroupUsesAWeakTsigAlgorithm_warnsNamingCatalogAndGroup()
      throws IOException {
    String sample = Files.readString(Samples.sample("zonesync-catalog.yaml"));
    String lab = "  - name: zonesync-lab.\n    algorithm: hmac-sha256";
    assertThat(sample).contains(lab);
    Path f = dir.resolve("weak.yaml");
    Files.writeString(f, sample.replace(lab, "  - name: zonesync-lab.\n    algorithm: hmac-sha1"));
    assertThat(run("validate", "--config", f.toString())).isEqualTo(0);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .startsWith(
            "warning: catalog catalog.corp.example. group lab uses TSIG key zonesync-lab."
                + " (hmac-sha1): hmac-sha1 is not recommended for TSIG");
  }
}
