package dev.zonesync.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A deployment package (.jar or .zip) unpacked the way Lambda does it: every entry extracted flat
 * into a directory laid out like {@code /var/task}, with the Unix modes stored in the archive (0644
 * files / 0755 directories where the archive stores none), and the directory itself — plus {@code
 * lib/*.jar} — as the only class roots. A directory class root has no multi-release view, so
 * nothing under {@code META-INF/versions/} is visible as a class: exactly the trap that running the
 * jar as a jar hides.
 *
 * <p>Lambda runs the function as a user that does not own the files, so an entry that is not
 * world-readable (a directory not world-searchable) fails there; {@link #unpack} refuses it too.
 */
public final class LambdaPackage implements AutoCloseable {

  private static final int S_IFMT = 0170000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFLNK = 0120000;
  private static final int HOST_UNIX = 3;

  private final Path archive;
  private final Path base;
  private final Path taskRoot;
  private final boolean deleteOnClose;

  private LambdaPackage(Path archive, Path base, Path taskRoot, boolean deleteOnClose) {
    this.archive = archive;
    this.base = base;
    this.taskRoot = taskRoot;
    this.deleteOnClose = deleteOnClose;
  }

  /** Unpacks into a new temporary directory ({@code .../var/task}), deleted by {@link #close}. */
  public static LambdaPackage unpack(Path archive) {
    try {
      Path base = Files.createTempDirectory("lambda-package-");
      Path task = Files.createDirectories(base.resolve("var").resolve("task"));
      try {
        extract(archive, task);
      } catch (RuntimeException e) {
        TestProcesses.deleteRecursively(base);
        throw e;
      }
      return new LambdaPackage(archive, base, task, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack " + archive, e);
    }
  }

  /** Unpacks into {@code taskRoot}, which must be empty or absent; the caller owns it. */
  public static LambdaPackage unpack(Path archive, Path taskRoot) {
    try {
      Files.createDirectories(taskRoot);
      try (Stream<Path> s = Files.list(taskRoot)) {
        if (s.findAny().isPresent()) {
          throw new IllegalArgumentException(taskRoot + " is not empty");
        }
      }
      extract(archive, taskRoot);
      return new LambdaPackage(archive, taskRoot, taskRoot, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack " + archive, e);
    }
  }

  /** The directory Lambda calls {@code /var/task} (also {@code LAMBDA_TASK_ROOT} and the cwd). */
  public Path taskRoot() {
    return taskRoot;
  }

  public Path archive() {
    return archive;
  }

  /** The class roots, in the runtime's order: the task root, then {@code lib/*.jar} by name. */
  public List<Path> classPath() {
    List<Path> out = new ArrayList<>();
    out.add(taskRoot);
    Path lib = taskRoot.resolve("lib");
    if (Files.isDirectory(lib)) {
      try (Stream<Path> s = Files.list(lib)) {
        s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(out::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** {@link #classPath()} joined with the platform's path separator. */
  public String classPathString() {
    return String.join(
        java.io.File.pathSeparator, classPath().stream().map(Path::toString).toList());
  }

  @Override
  public void close() {
    if (deleteOnClose) {
      TestProcesses.deleteRecursively(base);
    }
  }

  @Override
  public String toString() {
    return "LambdaPackage[" + archive + " -> " + taskRoot + "]";
  }

  // ------------------------------------------------------------------------------------------

  private static void extract(Path archive, Path root) throws IOException {
    if (!Files.isRegularFile(archive)) {
      throw new IllegalArgumentException(
          "no deployment package at " + archive + " (build it: ./mvnw -pl lambda package)");
    }
    Map<String, Integer> modes = unixModes(archive);
    Path normalRoot = root.toAbsolutePath().normalize();
    List<String> unreadable = new ArrayList<>();
    Map<Path, Set<PosixFilePermission>> dirModes = new HashMap<>();
    try (ZipFile zip = new ZipFile(archive.toFile(), StandardCharsets.UTF_8)) {
      for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
        ZipEntry e = en.nextElement();
        String name = e.getName();
        Path target = normalRoot.resolve(name).normalize();
        if (!target.startsWith(normalRoot) || name.startsWith("/")) {
          throw new IllegalArgumentException(
              archive + ": entry '" + name + "' lies outside the task root");
        }
        Integer stored = modes.get(name);
        int mode = stored == null ? 0 : stored;
        boolean dir = e.isDirectory() || (mode & S_IFMT) == S_IFDIR;
        int perms = (mode & 07777) != 0 ? mode & 0777 : (dir ? 0755 : 0644);
        if ((perms & (dir ? 0005 : 0004)) != (dir ? 0005 : 0004)) {
          unreadable.add(name + " (" + Integer.toOctalString(perms) + ")");
        }
        if (dir) {
          Files.createDirectories(target);
          dirModes.put(target, permissions(perms));
          continue;
        }
        Files.createDirectories(target.getParent());
        if ((mode & S_IFMT) == S_IFLNK) {
          String link;
          try (InputStream in = zip.getInputStream(e)) {
            link = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          Files.createSymbolicLink(target, Path.of(link));
          continue;
        }
        try (InputStream in = zip.getInputStream(e)) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(target, permissions(perms));
      }
    }
    // directories last: a stored 0555 directory must still receive its files first
    for (Map.Entry<Path, Set<PosixFilePermission>> d : dirModes.entrySet()) {
      Files.setPosixFilePermissions(d.getKey(), d.getValue());
    }
    if (!unreadable.isEmpty()) {
      throw new IllegalStateException(
          archive
              + ": Lambda's runtime user cannot read "
              + unreadable.size()
              + " entries (files need mode 644, directories 755 before packaging): "
              + unreadable.subList(0, Math.min(10, unreadable.size())));
    }
  }

  private static Set<PosixFilePermission> permissions(int perms) {
    StringBuilder sb = new StringBuilder(9);
    String rwx = "rwx";
    for (int bit = 8; bit >= 0; bit--) {
      sb.append((perms & (1 << bit)) != 0 ? rwx.charAt((8 - bit) % 3) : '-');
    }
    return PosixFilePermissions.fromString(sb.toString());
  }

  /**
   * Entry name → Unix mode (type and permission bits) for entries written on a Unix host; read from
   * the central directory, since {@link ZipFile} does not expose external attributes.
   */
  static Map<String, Integer> unixModes(Path archive) throws IOException {
    Map<String, Integer> out = new HashMap<>();
    try (FileChannel ch = FileChannel.open(archive, StandardOpenOption.READ)) {
      long size = ch.size();
      int tailLen = (int) Math.min(size, 22 + 65_535);
      ByteBuffer tail = read(ch, size - tailLen, tailLen);
      int eocd = -1;
      for (int i = tailLen - 22; i >= 0; i--) {
        if (tail.getInt(i) == 0x06054b50) {
          eocd = i;
          break;
        }
      }
      if (eocd < 0) {
        throw new IOException(archive + " is not a zip archive (no end of central directory)");
      }
      long entries = Short.toUnsignedLong(tail.getShort(eocd + 10));
      long cdSize = Integer.toUnsignedLong(tail.getInt(eocd + 12));
      long cdOffset = Integer.toUnsignedLong(tail.getInt(eocd + 16));
      if (entries == 0xFFFF || cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL) {
        long locator = size - tailLen + eocd - 20;
        ByteBuffer loc = read(ch, locator, 20);
        if (loc.getInt(0) != 0x07064b50) {
          throw new IOException(archive + ": zip64 end of central directory locator missing");
        }
        ByteBuffer z64 = read(ch, loc.getLong(8), 56);
        entries = z64.getLong(32);
        cdSize = z64.getLong(40);
        cdOffset = z64.getLong(48);
      }
      ByteBuffer cd = read(ch, cdOffset, Math.toIntExact(cdSize));
      int p = 0;
      for (long n = 0; n < entries; n++) {
        if (cd.getInt(p) != 0x02014b50) {
          throw new IOException(archive + ": corrupt central directory at entry " + n);
        }
        int madeBy = Short.toUnsignedInt(cd.getShort(p + 4));
        int nameLen = Short.toUnsignedInt(cd.getShort(p + 28));
        int extraLen = Short.toUnsignedInt(cd.getShort(p + 30));
        int commentLen = Short.toUnsignedInt(cd.getShort(p + 32));
        int external = cd.getInt(p + 38);
        byte[] name = new byte[nameLen];
        cd.get(p + 46, name);
        if ((madeBy >>> 8) == HOST_UNIX && (external >>> 16) != 0) {
          out.put(new String(name, StandardCharsets.UTF_8), external >>> 16);
        }
        p += 46 + nameLen + extraLen + commentLen;
      }
    }
    return out;
  }

  private static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (ch.read(b, position + b.position()) < 0) {
        throw new IOException("unexpected end of archive");
      }
    }
    return b.flip();
  }
}
