package io.logwarden.ingest.internal.tcp;

import io.logwarden.ingest.internal.IngestPipeline;
import io.logwarden.ingest.internal.LineFramer;
import io.logwarden.ingest.internal.journal.JournalFullException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ServerSocketFactory;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Newline-delimited JSON over TCP, one virtual thread per connection. Each read is normalised and appended to
 * the journal as one batch; when the journal is full the append waits, the connection stops reading, and TCP
 * flow control pushes back on the sender. Nothing is acknowledged on the wire (json_lines has no acks): the
 * journal's fsync interval bounds what a crash can lose.
 */
public final class TcpInput implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(TcpInput.class);
    private static final Duration WAIT_FOR_SPACE = Duration.ofSeconds(1);

    private final IngestPipeline pipeline;
    private final ServerSocketFactory sockets;
    private final InetSocketAddress bindAddress;
    private final int maxLine;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private volatile ServerSocket server;
    private volatile boolean stopping;

    public TcpInput(IngestPipeline pipeline, ServerSocketFactory sockets, String host, int port, int maxLine) {
        this.pipeline = pipeline;
        this.sockets = sockets;
        this.bindAddress = new InetSocketAddress(host, port);
        this.maxLine = maxLine;
    }

    public synchronized void start() throws IOException {
        ServerSocket s = sockets.createServerSocket();
        s.setReuseAddress(true);
        s.bind(bindAddress, 256);
        server = s;
        stopping = false;
        Thread.ofPlatform().name("tcp-ingest-accept").daemon().start(this::acceptLoop);
        log.info("TCP ingest listening on {}:{}", bindAddress.getHostString(), s.getLocalPort());
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return server.getLocalPort();
    }

    public InetAddress address() {
        return server.getInetAddress();
    }

    public int openConnections() {
        return connections.size();
    }

    public long acceptedConnections() {
        return accepted.get();
    }

    private void acceptLoop() {
        ServerSocket s = server;
        while (!stopping) {
            try {
                Socket socket = s.accept();
                socket.setTcpNoDelay(true);
                socket.setKeepAlive(true);
                connections.add(socket);
                accepted.incrementAndGet();
                Thread.ofVirtual().name("tcp-ingest-" + socket.getRemoteSocketAddress()).start(() -> serve(socket));
            } catch (IOException e) {
                if (!stopping) {
                    log.warn("TCP ingest accept failed: {}", e.toString());
                }
            }
        }
    }

    private void serve(Socket socket) {
        LineFramer framer = new LineFramer(maxLine);
        IngestPipeline.Batch batch = pipeline.newBatch("tcp");
        LineFramer.Sink sink = new LineFramer.Sink() {
            @Override
            public void line(byte[] buf, int off, int len) {
                batch.add(buf, off, len);
            }

            @Override
            public void oversized(byte[] prefix, int prefixLen, long totalLength) {
                batch.addOversized(prefix, prefixLen, totalLength, maxLine);
            }
        };
        byte[] buf = new byte[64 * 1024];
        try (socket; InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                framer.feed(buf, 0, n, sink);
                commit(batch);
            }
            framer.finish(sink);
            commit(batch);
        } catch (SocketException e) {
            if (!stopping) {
                log.debug("TCP ingest connection {} ended: {}", socket.getRemoteSocketAddress(), e.toString());
            }
        } catch (IOException e) {
            log.warn("TCP ingest connection {} failed: {}", socket.getRemoteSocketAddress(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("TCP ingest connection {} closed after an unexpected error", socket.getRemoteSocketAddress(), e);
        } finally {
            connections.remove(socket);
        }
    }

    private void commit(IngestPipeline.Batch batch) throws IOException, InterruptedException {
        while (true) {
            try {
                batch.commit(WAIT_FOR_SPACE);
                return;
            } catch (JournalFullException e) {
                if (stopping) {
                    throw new IOException("shutting down with a full journal; " + batch.lines()
                            + " lines of this read were not journaled", e);
                }
                log.warn("Journal full: pausing TCP connection until the shipper catches up");
            }
        }
    }

    /** Stops accepting and closes every connection; events already read are journaled. */
    @Override
    public synchronized void close() throws IOException {
        stopping = true;
        if (server != null) {
            server.close();
        }
        for (Socket socket : connections) {
            try {
                socket.shutdownInput();
            } catch (IOException e) {
                socket.close();
            }
        }
    }
}
