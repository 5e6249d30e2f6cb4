package io.logwarden.security;

/**
 * Published after an administrator created or revoked an ingest API key, so the audit trail can record it.
 *
 * @param action {@code apikey.create} or {@code apikey.revoke}
 * @param id     the key's public id (never the secret)
 * @param name   what the key is for
 */
public record ApiKeyChanged(String action, String id, String name) {
}
