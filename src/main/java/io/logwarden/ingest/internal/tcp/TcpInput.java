package io.logwarden.ingest.internal.tcp;

import io.logwarden.ingest.internal.IngestPipeline;
import io.logwarden.ingest.internal.LineFramer;
import io.logwarden.ingest.internal.ListeningInput;
import io.logwarden.ingest.internal.journal.JournalFullException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Newline-delimited JSON over TCP, one virtual thread per connection. Each read is normalised and appended to
 * the journal as one batch; when the journal is full the append waits, the connection stops reading, and TCP
 * flow control pushes back on the sender. Nothing is acknowledged on the wire (json_lines has no acks): the
 * journal's fsync interval bounds what a crash can lose. On close the input half-closes every connection, which
 * makes logstash-logback-encoder's appender reconnect elsewhere after sending what it had written, and journals
 * what arrives until the sender closes or the drain timeout passes.
 */
public final class TcpInput implements ListeningInput {

    /**
     * How the input listens.
     *
     * @param maxLine           longer lines are dead-lettered
     * @param maxConnections    further connections are closed at once
     * @param readTimeout       a connection idle this long is closed
     * @param handshakeTimeout  longest TLS handshake
     * @param drainTimeout      on close, how long connections may keep sending before they are cut
     * @param enabledProtocols  TLS protocols to offer, or null for the JDK's
     * @param enabledCiphers    TLS cipher suites to offer, or null for the JDK's
     */
    public record Settings(String host, int port, int maxLine, int maxConnections, Duration readTimeout,
                           Duration handshakeTimeout, Duration drainTimeout, String[] enabledProtocols,
                           String[] enabledCiphers) {

        /** Plain TCP with the given address and line limit, generous limits otherwise (tests). */
        public static Settings of(String host, int port, int maxLine) {
            return new Settings(host, port, maxLine, 1024, Duration.ofMinutes(10), Duration.ofSeconds(10),
                    Duration.ofSeconds(5), null, null);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(TcpInput.class);
    private static final Duration WAIT_FOR_SPACE = Duration.ofSeconds(1);
    private static final int READ_BUFFER = 64 * 1024;
    private static final long WARN_EVERY_NANOS = 10_000_000_000L;

    private final IngestPipeline pipeline;
    private final ServerSocketFactory sockets;
    private final Settings settings;
    private final InetSocketAddress bindAddress;
    private final Map<Socket, Thread> connections = new ConcurrentHashMap<>();
    private volatile ServerSocket server;
    private volatile boolean stopping;
    private volatile long drainDeadline;
    private volatile long lastRefusalWarning = System.nanoTime() - WARN_EVERY_NANOS;

    public TcpInput(IngestPipeline pipeline, ServerSocketFactory sockets, Settings settings) {
        this.pipeline = pipeline;
        this.sockets = sockets;
        this.settings = settings;
        this.bindAddress = new InetSocketAddress(settings.host(), settings.port());
    }

    @Override
    public synchronized void start() throws IOException {
        ServerSocket s = sockets.createServerSocket();
        if (s instanceof SSLServerSocket tls) {
            if (settings.enabledProtocols() != null) {
                tls.setEnabledProtocols(settings.enabledProtocols());
            }
            if (settings.enabledCiphers() != null) {
                tls.setEnabledCipherSuites(settings.enabledCiphers());
            }
        }
        s.setReuseAddress(true);
        s.bind(bindAddress, 256);
        server = s;
        stopping = false;
        Thread.ofPlatform().name("tcp-ingest-accept").daemon().start(this::acceptLoop);
        log.info("TCP ingest listening on {}:{}{}", bindAddress.getHostString(), s.getLocalPort(),
                s instanceof SSLServerSocket ? " (TLS)" : "");
    }

    /** The bound port (useful with port 0). */
    @Override
    public int port() {
        return server.getLocalPort();
    }

    @Override
    public int openConnections() {
        return connections.size();
    }

    private void acceptLoop() {
        ServerSocket s = server;
        while (!stopping && !s.isClosed()) {
            Socket socket;
            try {
                socket = s.accept();
            } catch (IOException e) {
                if (!stopping && !s.isClosed()) {
                    log.warn("TCP ingest accept failed: {}", e.toString());
                }
                continue;
            }
            if (connections.size() >= settings.maxConnections()) {
                refuse(socket);
                continue;
            }
            try {
                socket.setTcpNoDelay(true);
                socket.setKeepAlive(true);
                Thread thread = Thread.ofVirtual().name("tcp-ingest-" + remote(socket)).unstarted(() -> serve(socket));
                connections.put(socket, thread);
                thread.start();
            } catch (IOException | RuntimeException e) {
                connections.remove(socket);
                closeQuietly(socket);
                log.warn("TCP ingest could not serve a connection from {}: {}", remote(socket), e.toString());
            }
        }
    }

    private void refuse(Socket socket) {
        pipeline.metrics().connectionRefused();
        long now = System.nanoTime();
        if (now - lastRefusalWarning >= WARN_EVERY_NANOS) {
            lastRefusalWarning = now;
            log.warn("TCP ingest refused a connection from {}: {} connections are open (max-connections)",
                    remote(socket), connections.size());
        }
        closeQuietly(socket);
    }

    private void serve(Socket socket) {
        String remote = remote(socket);
        IngestPipeline.Batch batch = pipeline.newBatch("tcp", "tcp/" + remote);
        LineFramer framer = new LineFramer(settings.maxLine());
        LineFramer.Sink sink = new LineFramer.Sink() {
            @Override
            public void line(byte[] buf, int off, int len) {
                batch.add(buf, off, len);
            }

            @Override
            public void oversized(byte[] prefix, int prefixLen, long totalLength) {
                batch.addOversized(prefix, prefixLen, totalLength, settings.maxLine());
            }
        };
        try (socket) {
            if (!handshake(socket, remote)) {
                return;
            }
            socket.setSoTimeout(millis(settings.readTimeout()));
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[READ_BUFFER];
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException e) {
                    log.debug("TCP ingest connection {} idle for {}: closing it", remote, settings.readTimeout());
                    break;
                } catch (IOException e) {
                    if (!stopping) {
                        log.debug("TCP ingest connection {} ended: {}", remote, e.toString());
                    }
                    break;
                }
                if (n < 0) {
                    break;
                }
                framer.feed(buf, 0, n, sink);
                commit(batch, remote);
            }
            framer.finish(sink);
            commit(batch, remote);
        } catch (IOException e) {
            log.error("TCP ingest connection {} closed: the journal refused its lines ({})", remote, e.toString());
            batch.discard("journal_error", false);
        } catch (InterruptedException e) {
            batch.discard("interrupted", false);
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("TCP ingest connection {} closed after an unexpected error", remote, e);
            batch.discard("internal_error", false);
        } finally {
            connections.remove(socket);
        }
    }

    private boolean handshake(Socket socket, String remote) throws IOException {
        if (!(socket instanceof SSLSocket tls)) {
            return true;
        }
        socket.setSoTimeout(millis(settings.handshakeTimeout()));
        try {
            tls.startHandshake();
            return true;
        } catch (IOException e) {
            log.warn("TLS handshake with {} failed: {}", remote, e.toString());
            return false;
        }
    }

    /** Appends the batch, waiting while the journal is full (back-pressure); gives up only when draining ends. */
    private void commit(IngestPipeline.Batch batch, String remote) throws IOException, InterruptedException {
        long pausedAt = 0;
        while (true) {
            try {
                batch.commit(WAIT_FOR_SPACE);
                if (pausedAt != 0) {
                    log.info("TCP connection {} resumed after waiting {} ms for journal space", remote,
                            (System.nanoTime() - pausedAt) / 1_000_000);
                }
                return;
            } catch (JournalFullException e) {
                if (stopping && System.nanoTime() - drainDeadline > 0) {
                    log.error("Shutting down with a full journal: {} lines read from {} are dropped", batch.lines(),
                            remote);
                    batch.discard("journal_full_at_shutdown", false);
                    return;
                }
                if (pausedAt == 0) {
                    pausedAt = System.nanoTime();
                    log.warn("Journal full: TCP connection {} stops reading until the shipper frees space", remote);
                }
            }
        }
    }

    /**
     * Stops accepting, half-closes every connection so senders finish and reconnect, and waits (up to the drain
     * timeout, then cuts them) until each connection has journaled what it read.
     */
    @Override
    public synchronized void close() throws IOException {
        stopping = true;
        drainDeadline = System.nanoTime() + settings.drainTimeout().toNanos();
        if (server != null) {
            server.close();
        }
        for (Socket socket : connections.keySet()) {
            try {
                socket.shutdownOutput();
            } catch (IOException | UnsupportedOperationException e) {
                // already closed by the peer, or a socket that cannot half-close: the drain timeout cuts it
            }
        }
        if (!awaitConnections(drainDeadline)) {
            log.warn("{} TCP ingest connections still sending after {}: closing them", connections.size(),
                    settings.drainTimeout());
            connections.keySet().forEach(TcpInput::closeQuietly);
            awaitConnections(System.nanoTime() + WAIT_FOR_SPACE.toNanos() * 5);
        }
    }

    private boolean awaitConnections(long deadline) {
        for (Thread thread : connections.values()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                thread.join(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return connections.isEmpty();
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    private static String remote(Socket socket) {
        SocketAddress address = socket.getRemoteSocketAddress();
        return address instanceof InetSocketAddress inet ? inet.getHostString() + ":" + inet.getPort()
                : String.valueOf(address);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do with it
        }
    }
}
