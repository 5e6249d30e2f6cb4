package io.logwarden.export;

/**
 * The person of a data-subject request, identified by user id, email, name or any of them. Events match on
 * {@code user.id} (exact), {@code user.email} (any case), {@code user.name} (any case), the email written in a
 * message, and dead letters whose original line contains any of them.
 */
public record DataSubject(String userId, String email, String name) {

    public DataSubject {
        userId = userId == null || userId.isBlank() ? null : userId.strip();
        email = email == null || email.isBlank() ? null : email.strip();
        name = name == null || name.isBlank() ? null : name.strip();
        if (userId == null && email == null && name == null) {
            throw new IllegalArgumentException("Give the data subject's user id, email, name or several of them");
        }
    }

    public DataSubject(String userId, String email) {
        this(userId, email, null);
    }
}
