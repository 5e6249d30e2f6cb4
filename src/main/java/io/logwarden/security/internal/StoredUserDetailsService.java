package io.logwarden.security.internal;

import io.logwarden.security.UserAccount;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads accounts from Elasticsearch (through the short-lived account cache) for form login and HTTP Basic. */
@Service
class StoredUserDetailsService implements UserDetailsService {

    private final UserAccountRepository accounts;

    StoredUserDetailsService(UserAccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserAccount account = accounts.find(username)
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
        return toUserDetails(account);
    }

    UserDetails toUserDetails(UserAccount account) {
        return User.withUsername(account.username())
                .password(account.passwordHash())
                .roles(account.roles().toArray(String[]::new))
                .disabled(!account.enabled())
                .build();
    }
}
