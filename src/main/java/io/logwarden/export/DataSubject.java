package io.logwarden.export;

/** The person of a data-subject request, identified by user id, email or both. */
public record DataSubject(String userId, String email) {

    public DataSubject {
        userId = userId == null || userId.isBlank() ? null : userId.strip();
        email = email == null || email.isBlank() ? null : email.strip();
        if (userId == null && email == null) {
            throw new IllegalArgumentException("Give the data subject's user id, email or both");
        }
    }
}
