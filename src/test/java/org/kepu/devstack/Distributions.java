package org.kepu.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Engine distributions, as Maven resolved them into {@code target/devstack} (see the pom), unpacked once
 * into {@code <tmp>/kepu-devstack/dist/<name>} and shared by later runs. Unpacking is guarded by a file
 * lock and finished by an atomic rename, so concurrent or interrupted runs never see half a distribution.
 */
final class Distributions {

    private final Path artifacts;
    private final Path dist;

    Distributions() {
        this.artifacts = Path.of(System.getProperty("kepu.devstack.dir", "target/devstack"))
                .toAbsolutePath();
        this.dist = RunDirectory.base().resolve("dist");
    }

    /** PostgreSQL from the zonky binaries jar (a .txz inside). */
    Path postgres(String version) throws IOException {
        return unpacked("postgres-" + version, artifact("postgres.jar"), (source, target) -> {
            try (JarFile jar = new JarFile(source.toFile())) {
                ZipEntry txz = jar.stream()
                        .filter(e -> e.getName().endsWith(".txz"))
                        .findFirst()
                        .orElseThrow(() -> new IOException("no .txz in " + source));
                try (InputStream in = jar.getInputStream(txz);
                        TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(in))) {
                    untar(tar, target);
                }
            }
        });
    }

    /** The Linux redis-server binary inside the embedded-redis jar. */
    Path redisServer() throws IOException {
        Path folder = unpacked("redis", artifact("redis.jar"), (source, target) -> {
            try (JarFile jar = new JarFile(source.toFile())) {
                ZipEntry binary = jar.stream()
                        .filter(e -> e.getName().matches("redis-server-[0-9.]+(-v5)?-linux-amd64"))
                        .findFirst()
                        .orElseThrow(() -> new IOException("no linux redis-server in " + source));
                Path out = target.resolve("redis-server");
                try (InputStream in = jar.getInputStream(binary)) {
                    Files.copy(in, out);
                }
                Files.setPosixFilePermissions(out, mode(0755));
            }
        });
        return folder.resolve("redis-server");
    }

    /** Elasticsearch from the integ-test zip. */
    Path elasticsearch(String version) throws IOException {
        Path folder = unpacked(
                "elasticsearch-" + version, artifact("elasticsearch-" + version + ".zip"), (source, target) -> {
                    try (ZipFile zip =
                            ZipFile.builder().setFile(source.toFile()).get()) {
                        Enumeration<ZipArchiveEntry> entries = zip.getEntries();
                        while (entries.hasMoreElements()) {
                            ZipArchiveEntry entry = entries.nextElement();
                            // strip the top folder (elasticsearch-9.5.3/...)
                            String name =
                                    entry.getName().substring(entry.getName().indexOf('/') + 1);
                            if (name.isEmpty()) {
                                continue;
                            }
                            Path out = safe(target, name);
                            if (entry.isDirectory()) {
                                Files.createDirectories(out);
                                continue;
                            }
                            Files.createDirectories(out.getParent());
                            try (InputStream in = zip.getInputStream(entry)) {
                                Files.copy(in, out);
                            }
                            int unixMode = entry.getUnixMode();
                            if (unixMode != 0) {
                                Files.setPosixFilePermissions(out, mode(unixMode & 0777));
                            }
                        }
                    }
                });
        return folder;
    }

    private Path artifact(String name) throws IOException {
        Path file = artifacts.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IOException("missing " + file
                    + ": Maven copies the engine distributions there in process-test-resources."
                    + " Run through ./mvnw (verify or spring-boot:test-run), or set -Dkepu.devstack.dir.");
        }
        return file;
    }

    private interface Unpacker {
        void unpack(Path source, Path target) throws IOException;
    }

    private Path unpacked(String name, Path source, Unpacker unpacker) throws IOException {
        Path target = dist.resolve(name);
        Path done = target.resolve(".complete");
        if (Files.exists(done)) {
            return target;
        }
        Files.createDirectories(dist);
        dist.toFile().setExecutable(true, false);
        try (FileChannel channel = FileChannel.open(
                        dist.resolve("." + name + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            if (Files.exists(done)) {
                return target;
            }
            long started = System.nanoTime();
            Path temp = dist.resolve("." + name + ".partial");
            RunDirectory.deleteTree(temp);
            RunDirectory.deleteTree(target);
            Files.createDirectories(temp);
            unpacker.unpack(source, temp);
            Files.writeString(temp.resolve(".complete"), source.getFileName().toString());
            makeReadableByAll(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            System.out.printf("[devstack] unpacked %s in %d ms%n", name, (System.nanoTime() - started) / 1_000_000);
        }
        return target;
    }

    private static void untar(TarArchiveInputStream tar, Path target) throws IOException {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            Path out = safe(target, entry.getName());
            if (entry.isDirectory()) {
                Files.createDirectories(out);
            } else if (entry.isSymbolicLink()) {
                Files.createDirectories(out.getParent());
                Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
            } else {
                Files.createDirectories(out.getParent());
                try (OutputStream os = Files.newOutputStream(out)) {
                    tar.transferTo(os);
                }
                Files.setPosixFilePermissions(out, mode(entry.getMode() & 0777));
            }
        }
    }

    private static Path safe(Path root, String name) throws IOException {
        Path out = root.resolve(name).normalize();
        if (!out.startsWith(root)) {
            throw new IOException("archive entry escapes its folder: " + name);
        }
        return out;
    }

    private static void makeReadableByAll(Path folder) throws IOException {
        try (var walk = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(p));
                perms.add(PosixFilePermission.OTHERS_READ);
                perms.add(PosixFilePermission.GROUP_READ);
                if (Files.isDirectory(p) || perms.contains(PosixFilePermission.OWNER_EXECUTE)) {
                    perms.add(PosixFilePermission.OTHERS_EXECUTE);
                    perms.add(PosixFilePermission.GROUP_EXECUTE);
                }
                Files.setPosixFilePermissions(p, perms);
            }
        }
    }

    private static Set<PosixFilePermission> mode(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                perms.add(order[bit]);
            }
        }
        return perms;
    }
}
