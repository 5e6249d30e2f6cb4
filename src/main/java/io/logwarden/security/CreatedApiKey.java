package io.logwarden.security;

/**
 * A new API key with its full secret value: shown once, only its hash is stored.
 *
 * @param key   the key's metadata
 * @param value the header value to use: {@code Authorization: ApiKey <value>}
 */
public record CreatedApiKey(ApiKey key, String value) {
}
