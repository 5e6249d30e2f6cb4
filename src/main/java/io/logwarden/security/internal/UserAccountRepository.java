package io.logwarden.security.internal;

import io.logwarden.security.UserAccount;
import io.logwarden.storage.DocumentStore;
import io.logwarden.storage.IndexNames;
import java.util.Optional;
import org.springframework.stereotype.Repository;

/** User accounts in the {@code .logwarden-users} system index, keyed by username. */
@Repository
class UserAccountRepository {

    private final DocumentStore store;

    UserAccountRepository(DocumentStore store) {
        this.store = store;
    }

    Optional<UserAccount> find(String username) {
        return store.find(IndexNames.USERS, username, UserAccount.class);
    }

    boolean createIfAbsent(UserAccount account) {
        return store.create(IndexNames.USERS, account.username(), account);
    }
}
