package io.logwarden.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on 127.0.0.1 in front of the test run's Elasticsearch, so a test can take Elasticsearch away from
 * one application context (connections refused and open ones closed) and give it back, without stopping the node
 * other tests use. One per test JVM ({@link #instance()}).
 */
public final class ElasticsearchProxy {

    private static ElasticsearchProxy instance;

    private final URI target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile int port;

    private ElasticsearchProxy(URI target) {
        this.target = target;
    }

    public static synchronized ElasticsearchProxy instance() {
        if (instance == null) {
            instance = new ElasticsearchProxy(TestElasticsearch.url());
            instance.restore();
        }
        return instance;
    }

    /** The URL to give the application instead of Elasticsearch's own. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Elasticsearch is unreachable through the proxy until {@link #restore()}: new connections are refused. */
    public synchronized void cut() {
        ServerSocket listening = server;
        server = null;
        closeQuietly(listening);
        open.forEach(ElasticsearchProxy::closeQuietly);
        open.clear();
    }

    /** Forwards again, on the same port. */
    public synchronized void restore() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket listening = new ServerSocket();
            listening.setReuseAddress(true);
            listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            port = listening.getLocalPort();
            server = listening;
            Thread.ofVirtual().name("es-proxy-accept").start(() -> accept(listening));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket upstream = new Socket(target.getHost(), target.getPort());
                if (!register(listening, client, upstream)) {
                    continue; // cut() ran while this connection was being set up
                }
                Thread.ofVirtual().start(() -> pump(client, upstream));
                Thread.ofVirtual().start(() -> pump(upstream, client));
            } catch (IOException e) {
                // closed by cut(), or the upstream refused: the client sees its connection closed
            }
        }
    }

    private synchronized boolean register(ServerSocket listening, Socket client, Socket upstream) {
        if (server != listening) {
            closeQuietly(client);
            closeQuietly(upstream);
            return false;
        }
        open.add(client);
        open.add(upstream);
        return true;
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
