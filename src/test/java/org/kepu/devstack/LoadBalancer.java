package org.kepu.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A loopback round-robin TCP load balancer in front of several app instances, as a cloud balancer would be
 * (layer 4, no stickiness): each new connection goes to the next instance; an instance that refuses the
 * connection (dead) is skipped for the next one, the way a balancer's connect retry does. Clients that
 * send {@code Connection: close} therefore spread their requests over every instance. Plain threads: test
 * tooling, never on an event loop.
 */
public final class LoadBalancer implements AutoCloseable {

    private final List<Integer> backends;
    private final ServerSocket server;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLongArray connections;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    public LoadBalancer(List<Integer> backendPorts) {
        this.backends = List.copyOf(backendPorts);
        this.connections = new AtomicLongArray(backends.size());
        try {
            server = new ServerSocket(0, 500, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException("load balancer could not listen", e);
        }
        Thread acceptor = new Thread(this::accept, "load-balancer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Connections handed to each backend so far, in the order the ports were given. */
    public long[] connections() {
        long[] counts = new long[backends.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = connections.get(i);
        }
        return counts;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : sockets) {
            close(socket);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                continue; // closed
            }
            Socket upstream = connect();
            if (upstream == null) {
                // every instance refused: the client sees its connection reset
                close(client);
                continue;
            }
            sockets.add(client);
            sockets.add(upstream);
            pump(client, upstream);
            pump(upstream, client);
        }
    }

    /** The next backend that accepts a connection, starting from the round-robin position. */
    private Socket connect() {
        int start = Math.floorMod(next.getAndIncrement(), backends.size());
        for (int i = 0; i < backends.size(); i++) {
            int b = (start + i) % backends.size();
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), backends.get(b)), 1_000);
                connections.incrementAndGet(b);
                return upstream;
            } catch (IOException refused) {
                close(upstream);
            }
        }
        return null;
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException e) {
                        // one side closed or died
                    } finally {
                        close(from);
                        close(to);
                    }
                },
                "load-balancer-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void close(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
