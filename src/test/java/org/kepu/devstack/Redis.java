package org.kepu.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Redis: Debian's redis-server when installed, else the binary shipped in the embedded-redis jar. */
final class Redis {

    private Redis() {}

    static Engine start(RunDirectory run, Distributions distributions) throws IOException, InterruptedException {
        Path binary = installed().orElse(distributions.redisServer());
        Path folder = run.folder("redis");
        int port = Engine.freePort();
        Path log = folder.resolve("redis.log");
        Process process = Shell.startEngine(
                List.of(
                        binary.toString(),
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--dir",
                        folder.toString(),
                        "--daemonize",
                        "no"),
                Map.of(),
                folder,
                log,
                false);
        Engine engine = new Engine("redis", process, log, port, "TERM");
        run.register(process);
        awaitPong(engine);
        return engine;
    }

    private static java.util.Optional<Path> installed() {
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return java.util.Optional.of(path);
            }
        }
        return java.util.Optional.empty();
    }

    private static void awaitPong(Engine engine) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            engine.requireAlive();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", engine.port()), 200);
                socket.setSoTimeout(1000);
                OutputStream out = socket.getOutputStream();
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                byte[] reply = in.readNBytes(7);
                if (new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Redis did not answer PING:\n" + engine.tail(20));
    }
}
