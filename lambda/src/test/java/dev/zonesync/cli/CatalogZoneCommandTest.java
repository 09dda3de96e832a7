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
import picocli.CommandLine;

class CatalogZoneCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  @TempDir Path dir;

  private int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  /**
   * samples/catalog/catalog.zone was written by hand; its labels computed apart from the code
   * (Python: {@code hashlib.sha1(wire_form_in_lower_case).hexdigest()}) and the file checked with
   * {@code named-checkzone catalog.corp.example. catalog.zone}.
   */
  @Test
  void catalogZone_whenGivenTheSampleList_printsTheSampleCatalog() throws IOException {
    int exit =
        run(
            "catalog-zone",
            "--name",
            "catalog.corp.example.",
            "--serial",
            "1765100000",
            "--members",
            Samples.sample("catalog/members.txt").toString());

    assertThat(exit).isZero();
    assertThat(out.toString()).isEqualTo(Files.readString(Samples.sample("catalog/catalog.zone")));
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void catalogZone_withoutSerial_takesTheUnixTime() throws IOException {
    Path list = Files.writeString(dir.resolve("m.txt"), "a.corp.example.\n");
    long before = System.currentTimeMillis() / 1000;

    assertThat(run("catalog-zone", "--name", "catalog.corp.example.", "--members", list.toString()))
        .isZero();

    String soa =
        out.toString().lines().filter(l -> l.startsWith("@ SOA")).findFirst().orElseThrow();
    long serial = Long.parseLong(soa.split(" ")[4]);
    assertThat(serial).isBetween(before, System.currentTimeMillis() / 1000);
  }

  @Test
  void catalogZone_whenAListLineIsWrong_exits2NamingFileAndLine() throws IOException {
    Path list = Files.writeString(dir.resolve("m.txt"), "a.corp.example.\nbad..name.\n");

    int exit = run("catalog-zone", "--name", "catalog.corp.example.", "--members", list.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains(list.toString()).contains("line 2").contains("empty label");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void catalogZone_whenTheNameIsWrong_exits2NamingTheOption() {
    assertThat(run("catalog-zone", "--name", "bad..catalog.", "--members", "x")).isEqualTo(2);
    assertThat(err.toString()).startsWith("zonesync: --name: ");
  }
}
