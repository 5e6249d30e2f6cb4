package io.logwarden.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tiny OpenID Connect provider on a loopback port: discovery document, JWKS and a token endpoint that hands out
 * RS256 id_tokens signed with a key made at start. A test registers the identity that the next authorization code
 * stands for ({@link #issueCode}); the browser step of the authorization endpoint is played by the test itself.
 */
final class LocalOidcProvider {

    static final String CLIENT_ID = "logwarden-it";
    static final String CLIENT_SECRET = "local-provider-secret";

    private static LocalOidcProvider instance;

    private final HttpServer server;
    private final RSAKey key;
    private final Map<String, Map<String, Object>> codes = new ConcurrentHashMap<>();

    private LocalOidcProvider() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("it-key").generate();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/jwks", exchange -> send(exchange, 200, new JWKSet(key.toPublicJWK()).toString()));
        server.createContext("/token", this::token);
        server.start();
    }

    static synchronized LocalOidcProvider get() {
        if (instance == null) {
            try {
                instance = new LocalOidcProvider();
            } catch (Exception e) {
                throw new IllegalStateException("Could not start the local OIDC provider", e);
            }
        }
        return instance;
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next token request with the returned code gets an id_token with these claims (plus iss, aud, nonce). */
    String issueCode(String subject, String nonce, Map<String, Object> claims) {
        String code = UUID.randomUUID().toString();
        Map<String, Object> all = new ConcurrentHashMap<>(claims);
        all.put("sub", subject);
        all.put("nonce", nonce);
        codes.put(code, all);
        return code;
    }

    private void discovery(HttpExchange exchange) throws IOException {
        String issuer = issuer();
        send(exchange, 200, """
                {"issuer":"%s","authorization_endpoint":"%s/authorize","token_endpoint":"%s/token",
                 "jwks_uri":"%s/jwks","response_types_supported":["code"],"subject_types_supported":["public"],
                 "id_token_signing_alg_values_supported":["RS256"],"scopes_supported":["openid"],
                 "token_endpoint_auth_methods_supported":["client_secret_basic","client_secret_post"]}"""
                .formatted(issuer, issuer, issuer, issuer));
    }

    private void token(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String code = null;
        for (String pair : body.split("&")) {
            if (pair.startsWith("code=")) {
                code = java.net.URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
            }
        }
        Map<String, Object> claims = code == null ? null : codes.remove(code);
        if (claims == null) {
            send(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        try {
            JWTClaimsSet.Builder jwt = new JWTClaimsSet.Builder().issuer(issuer()).audience(CLIENT_ID)
                    .issueTime(Date.from(Instant.now())).expirationTime(Date.from(Instant.now().plusSeconds(300)));
            claims.forEach(jwt::claim);
            SignedJWT idToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    jwt.build());
            idToken.sign(new RSASSASigner(key));
            send(exchange, 200, """
                    {"access_token":"%s","token_type":"Bearer","expires_in":300,"scope":"openid","id_token":"%s"}"""
                    .formatted(UUID.randomUUID(), idToken.serialize()));
        } catch (Exception e) {
            send(exchange, 500, "{\"error\":\"server_error\"}");
        }
    }

    private static void send(HttpExchange exchange, int status, String json) {
        try (exchange) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
