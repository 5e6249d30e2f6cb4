package io.logwarden.security;

import java.util.Map;

/**
 * Published after an administrator changed a user account, so the audit trail can record it.
 *
 * @param action   {@code user.create}, {@code user.update}, {@code user.password}, {@code user.delete}
 * @param username the account changed
 * @param details  what changed (never a password or hash)
 */
public record UserAccountChanged(String action, String username, Map<String, Object> details) {
}
