package io.logwarden.storage;

/**
 * The documents about one person (a GDPR data subject), as storage finds them in every family that holds event
 * data: {@code user.id} equal to the id, {@code user.email} equal to the email ignoring case, {@code user.name} equal
 * to the name ignoring case, the email as a phrase in {@code message} or {@code error.message}, and any of the three
 * as a phrase in a dead letter's {@code original} line. A document matches if any condition holds.
 *
 * @param userId the user id, or null
 * @param email  the email address, or null
 * @param name   the user name, or null
 */
public record SubjectMatch(String userId, String email, String name) {

    public SubjectMatch {
        userId = blankToNull(userId);
        email = blankToNull(email);
        name = blankToNull(name);
        if (userId == null && email == null && name == null) {
            throw new IllegalArgumentException("A data subject needs a user id, an email or a name");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
