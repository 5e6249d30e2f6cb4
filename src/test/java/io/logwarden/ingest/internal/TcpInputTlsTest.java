package io.logwarden.ingest.internal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.net.ssl.KeyStoreFactoryBean;
import ch.qos.logback.core.net.ssl.SSLConfiguration;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwarden.event.EventNormalizer;
import io.logwarden.ingest.FsyncPolicy;
import io.logwarden.ingest.IngestProperties;
import io.logwarden.ingest.internal.journal.DiskJournal;
import io.logwarden.ingest.internal.journal.JournalSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.logstash.logback.appender.LogstashTcpSocketAppender;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.util.unit.DataSize;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;

import static io.logwarden.ingest.internal.JournalProbe.awaitEntries;
import static io.logwarden.ingest.internal.JournalProbe.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The TCP input with TLS from a Spring SSL bundle, wired as the application wires it, against a real
 * {@code LogstashTcpSocketAppender} with {@code <ssl>}. The bundle's protocol and cipher options are enforced.
 */
class TcpInputTlsTest {

    private static final String PASSWORD = "changeit";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path keys;
    private static Path keyStoreFile;
    @TempDir
    Path dir;
    private DiskJournal journal;
    private ListeningInput input;

    @BeforeAll
    static void createCertificate() throws Exception {
        keyStoreFile = keys.resolve("ingest.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "ingest", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keyStoreFile.toString(), "-storepass", PASSWORD,
                "-keypass", PASSWORD).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(output).isZero();
    }

    @BeforeEach
    void start() throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            keyStore.load(in, PASSWORD.toCharArray());
        }
        DefaultSslBundleRegistry bundles = new DefaultSslBundleRegistry("ingest", SslBundle.of(
                SslStoreBundle.of(keyStore, PASSWORD, null), null,
                SslOptions.of(new String[] {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"},
                        new String[] {"TLSv1.3"})));

        Path journalDir = Files.createDirectories(dir.resolve("journal"));
        journal = DiskJournal.open(new JournalSettings(journalDir, 1 << 20, 64 << 20, 256 * 1024, FsyncPolicy.BATCH,
                Duration.ofMillis(50)));
        IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
        IngestPipeline pipeline = new IngestPipeline(new EventNormalizer(), journal, metrics);
        IngestProperties.Tcp tcp = new IngestProperties.Tcp(true, "127.0.0.1", 0, DataSize.ofKilobytes(64),
                "ingest", 16, Duration.ofMinutes(1), Duration.ofMillis(500), Duration.ofSeconds(2));
        IngestProperties properties = new IngestProperties(tcp, new IngestProperties.Http(DataSize.ofKilobytes(64),
                Duration.ZERO, Duration.ofSeconds(1)), null, null, null);
        input = new IngestConfiguration().tcpInput(properties, pipeline, bundles, metrics).input();
        input.start();
    }

    @AfterEach
    void stop() throws Exception {
        input.close();
        journal.close();
    }

    @Test
    void receives_events_from_a_logstash_appender_over_tls() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();
        KeyStoreFactoryBean trust = new KeyStoreFactoryBean();
        trust.setLocation("file:" + keyStoreFile);
        trust.setPassword(PASSWORD);
        trust.setType("PKCS12");
        SSLConfiguration ssl = new SSLConfiguration();
        ssl.setTrustStore(trust);
        ssl.setProtocol("TLSv1.3"); // logback's default context offers TLSv1.2 only; this bundle requires 1.3
        LogstashTcpSocketAppender appender = new LogstashTcpSocketAppender();
        appender.setContext(context);
        appender.addDestination("127.0.0.1:" + input.port());
        appender.setEncoder(encoder);
        appender.setSsl(ssl);
        appender.start();
        Logger logger = context.getLogger("com.acme.Tls");
        logger.addAppender(appender);
        try {
            for (int i = 0; i < 50; i++) {
                logger.info("secure event {}", i);
            }
            List<JournalEntry.Event> events = events(awaitEntries(journal, 50));
            assertThat(events).hasSize(50);
            assertThat(JSON.readTree(events.getFirst().json()).get("message").asText()).isEqualTo("secure event 0");
            assertThat(JSON.readTree(events.getLast().json()).at("/log/logger").asText()).isEqualTo("com.acme.Tls");
        } finally {
            appender.stop();
            context.stop();
        }
    }

    @Test
    void refuses_a_protocol_the_bundle_does_not_enable() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            store.load(in, PASSWORD.toCharArray());
        }
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);

        try (SSLSocket tls12 = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", input.port())) {
            tls12.setEnabledProtocols(new String[] {"TLSv1.2"});
            assertThatThrownBy(tls12::startHandshake).isInstanceOf(javax.net.ssl.SSLException.class);
        }
        try (SSLSocket tls13 = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", input.port())) {
            tls13.setEnabledProtocols(new String[] {"TLSv1.3"});
            tls13.startHandshake();
            assertThat(tls13.getSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(tls13.getSession().getCipherSuite()).isIn("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384");
        }
    }

    @Test
    void closes_a_connection_that_never_completes_the_handshake() throws Exception {
        try (Socket silent = new Socket("127.0.0.1", input.port())) {
            silent.setSoTimeout(10_000);
            long start = System.nanoTime();
            try {
                // the server may send a TLS alert before it closes; read until the end of the stream
                while (silent.getInputStream().read() >= 0) {
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(9));
                }
            } catch (java.net.SocketException reset) {
                // closed with a reset: also closed
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(9));
        }
    }
}
