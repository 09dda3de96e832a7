package dev.zonesync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaPackageTest {

  @TempDir Path dir;

  /** A zip of {@code entries} (name → content; names ending in / are directories). */
  private static byte[] zip(Map<String, String> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (Map.Entry<String, String> e : entries.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  /** Marks {@code name} as written on Unix with {@code mode} in its central directory header. */
  private static void setUnixMode(byte[] zip, String name, int mode) {
    ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
    for (int p = 0; p + 46 < zip.length; p++) {
      if (b.getInt(p) != 0x02014b50) {
        continue;
      }
      int nameLen = Short.toUnsignedInt(b.getShort(p + 28));
      if (nameLen == wanted.length
          && new String(zip, p + 46, nameLen, StandardCharsets.UTF_8).equals(name)) {
        b.putShort(p + 4, (short) ((3 << 8) | 20));
        b.putInt(p + 38, mode << 16);
        return;
      }
    }
    throw new AssertionError("no central directory entry " + name);
  }

  private Path write(byte[] zip) throws IOException {
    return Files.write(dir.resolve("function.zip"), zip);
  }

  @Test
  void unpack_extractsEverythingFlat_butMultiReleaseClassesAreNoClassRoot() throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nMulti-Release: true\n");
    entries.put("a/Base.class", "base");
    entries.put("META-INF/versions/18/a/OnlyIn18.class", "v18");
    entries.put("lib/b.jar", "jar");
    entries.put("lib/a.jar", "jar");
    try (LambdaPackage pkg = LambdaPackage.unpack(write(zip(entries)))) {
      Path root = pkg.taskRoot();
      assertThat(root).endsWith(Path.of("var", "task"));
      assertThat(root.resolve("a/Base.class")).hasContent("base");
      assertThat(root.resolve("META-INF/versions/18/a/OnlyIn18.class")).exists();
      assertThat(root.resolve("a/OnlyIn18.class")).doesNotExist();
      assertThat(pkg.classPath())
          .containsExactly(root, root.resolve("lib/a.jar"), root.resolve("lib/b.jar"));
      assertThat(Files.getPosixFilePermissions(root.resolve("a/Base.class")))
          .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  @Test
  void unpack_appliesStoredUnixModes() throws IOException {
    byte[] z = zip(Map.of("bootstrap", "#!/bin/sh\n", "data.txt", "x"));
    setUnixMode(z, "bootstrap", 0100755);
    setUnixMode(z, "data.txt", 0100444);
    try (LambdaPackage pkg = LambdaPackage.unpack(write(z))) {
      assertThat(Files.getPosixFilePermissions(pkg.taskRoot().resolve("bootstrap")))
          .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
      assertThat(Files.getPosixFilePermissions(pkg.taskRoot().resolve("data.txt")))
          .isEqualTo(PosixFilePermissions.fromString("r--r--r--"));
    }
  }

  @Test
  void unpack_whenAnEntryIsNotWorldReadable_namesItAndTheModes() throws IOException {
    byte[] z = zip(Map.of("secret.properties", "x", "ok.txt", "y"));
    setUnixMode(z, "secret.properties", 0100600);
    Path archive = write(z);

    assertThatThrownBy(() -> LambdaPackage.unpack(archive))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("secret.properties (600)")
        .hasMessageContaining("files need mode 644, directories 755")
        .hasMessageNotContaining("ok.txt");
  }

  @Test
  void unpack_whenAnEntryEscapesTheTaskRoot_refuses() throws IOException {
    Path archive = write(zip(Map.of("../evil.class", "x")));

    assertThatThrownBy(() -> LambdaPackage.unpack(archive, dir.resolve("task")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'../evil.class' lies outside the task root");
    assertThat(dir.resolve("evil.class")).doesNotExist();
  }

  @Test
  void unpack_whenTheArchiveIsMissing_saysHowToBuildIt() {
    assertThatThrownBy(() -> LambdaPackage.unpack(dir.resolve("nope.jar")))
        .hasMessageContaining("nope.jar")
        .hasMessageContaining("./mvnw -pl lambda package");
  }
}
