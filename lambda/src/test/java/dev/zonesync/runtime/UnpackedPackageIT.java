package dev.zonesync.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zonesync.Samples;
import dev.zonesync.testing.LambdaJvm;
import dev.zonesync.testing.LambdaPackage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as Lambda really runs it: unpacked into a directory, classes loaded from that
 * directory (no multi-release view). Running the jar as a jar — what every other test does — hides
 * service files that name classes present only under {@code META-INF/versions/}.
 */
class UnpackedPackageIT {

  private static final String HANDLER = dev.zonesync.contract.FunctionContract.HANDLER_CLASS;

  private static LambdaPackage pkg;

  @TempDir Path probeDir;

  /** {@code lambda/target/zonesync.jar}, or the package {@code -Dzonesync.lambda.package} names. */
  static Path deploymentPackage() {
    String explicit = System.getProperty("zonesync.lambda.package");
    return explicit != null && !explicit.isBlank()
        ? Path.of(explicit)
        : Samples.projectRoot().resolve("lambda/target/zonesync.jar");
  }

  @BeforeAll
  static void unpack() {
    pkg = LambdaPackage.unpack(deploymentPackage());
  }

  @AfterAll
  static void cleanUp() {
    if (pkg != null) {
      pkg.close();
    }
  }

  @Test
  void handlerClass_loadsLogsAndResolvesHostNames_fromTheUnpackedDirectory() throws Exception {
    // the probe alone, after the package on the class path: it must not bring classes of its own
    Path probeClass = probeDir.resolve("dev/zonesync/runtime/PackageProbe.class");
    Files.createDirectories(probeClass.getParent());
    try (InputStream in = PackageProbe.class.getResourceAsStream("PackageProbe.class")) {
      Files.write(probeClass, in.readAllBytes());
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(LambdaJvm.java().toString());
    cmd.addAll(LambdaJvm.JAVA21_OPTIONS);
    cmd.add("-cp");
    cmd.add(pkg.classPathString() + java.io.File.pathSeparator + probeDir);
    cmd.add(PackageProbe.class.getName());
    cmd.add(HANDLER);
    ProcessBuilder pb =
        new ProcessBuilder(cmd).directory(pkg.taskRoot().toFile()).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> !k.equals("PATH") && !k.equals("LANG"));
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();

    assertThat(output).as("probe output").doesNotContain("ServiceConfigurationError");
    assertThat(p.exitValue()).as("probe exit code; output:%n%s", output).isZero();
    assertThat(output).contains("PROBE-OK " + HANDLER).contains("probe logger works");
    assertThat(output)
        .as("the probe ran on Java 21, as Lambda's java21 runtime")
        .containsPattern("(?m)^PROBE-OK .* java\\.version=21(\\.\\S*)?$");
  }

  @Test
  void everyServiceProvider_isAClassOnTheClassRoots() throws IOException {
    Path services = pkg.taskRoot().resolve("META-INF/services");
    List<String> missing = new ArrayList<>();
    List<String> interfaces = new ArrayList<>();
    try (Stream<Path> files = Files.list(services)) {
      for (Path f : files.toList()) {
        interfaces.add(f.getFileName().toString());
        for (String line : Files.readAllLines(f)) {
          String cls = line.replaceAll("#.*", "").strip();
          if (cls.isEmpty()) {
            continue;
          }
          Path classFile = pkg.taskRoot().resolve(cls.replace('.', '/') + ".class");
          if (!Files.isRegularFile(classFile)) {
            missing.add(f.getFileName() + " -> " + cls);
          }
        }
      }
    }
    // the services the function cannot run without: its logging backend and its HTTP client
    assertThat(interfaces)
        .contains(
            "org.slf4j.spi.SLF4JServiceProvider", "software.amazon.awssdk.http.SdkHttpService");
    assertThat(missing).as("service providers that exist only under META-INF/versions").isEmpty();
  }
}
