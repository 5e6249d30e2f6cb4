package io.logwarden.security;

import java.time.Duration;

/**
 * Published when too many failed logins locked a username out for one client address.
 *
 * @param username the name tried
 * @param address  the client address
 * @param failures failed attempts counted
 * @param lockout  how long further attempts are refused
 */
public record LoginLockedOut(String username, String address, int failures, Duration lockout) {
}
