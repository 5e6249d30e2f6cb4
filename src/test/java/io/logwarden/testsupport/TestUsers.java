package io.logwarden.testsupport;

/** Credentials the integration tests log in with. */
public final class TestUsers {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "it-admin-Secret-1";

    private TestUsers() {
    }
}
