package io.logwarden.security.internal;

import io.logwarden.security.LoginLockedOut;
import io.logwarden.security.SecurityProperties;
import io.logwarden.security.UserAccount;
import io.logwarden.security.UserAccountChanged;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Username/password authentication (form login and HTTP Basic) against the stored accounts, refusing a username
 * from an address while it is locked out after repeated failures. Being the only {@link AuthenticationProvider} bean,
 * Spring Security uses it for every password login. A pair that passed the password hash recently is accepted from
 * {@link VerifiedPasswordCache} as long as the account is still enabled and its stored hash unchanged.
 */
@Component
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final DaoAuthenticationProvider delegate;
    private final StoredUserDetailsService users;
    private final UserAccountRepository accounts;
    private final LoginThrottle throttle;
    private final VerifiedPasswordCache verified;
    private final ApplicationEventPublisher events;
    private final int maxFailures;

    ThrottledAuthenticationProvider(StoredUserDetailsService users, UserAccountRepository accounts,
                                    PasswordEncoder passwordEncoder, SecurityProperties properties,
                                    ApplicationEventPublisher events) {
        this.delegate = new DaoAuthenticationProvider(users);
        this.delegate.setPasswordEncoder(passwordEncoder);
        this.users = users;
        this.accounts = accounts;
        this.throttle = new LoginThrottle(properties.login(), Clock.systemUTC());
        this.verified = new VerifiedPasswordCache(properties.basicAuthCacheTtl(), Clock.systemUTC());
        this.events = events;
        this.maxFailures = properties.login().maxFailures();
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web
                ? web.getRemoteAddress() : "unknown";
        if (throttle.lockedUntil(username, address).isPresent()) {
            throw new LockedException("Too many failed logins; try again later");
        }
        String password = authentication.getCredentials() == null ? null
                : authentication.getCredentials().toString();
        Optional<Authentication> remembered = fromCache(username, password, authentication);
        if (remembered.isPresent()) {
            throttle.succeeded(username, address);
            return remembered.get();
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            throttle.succeeded(username, address);
            accounts.find(username).ifPresent(a -> verified.remember(username, password, a.passwordHash()));
            return result;
        } catch (BadCredentialsException e) {
            Optional<Duration> lockout = throttle.failed(username, address);
            lockout.ifPresent(d -> events.publishEvent(new LoginLockedOut(username, address,
                    maxFailures, d)));
            throw e;
        }
    }

    private Optional<Authentication> fromCache(String username, String password, Authentication request) {
        Optional<VerifiedPasswordCache.Entry> entry = verified.find(username, password);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        Optional<UserAccount> account = accounts.find(username);
        if (account.isEmpty() || !account.get().enabled()
                || !entry.get().passwordHash().equals(account.get().passwordHash())) {
            verified.forget(username);
            return Optional.empty();
        }
        UserDetails details = users.toUserDetails(account.get());
        UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(details, null,
                details.getAuthorities());
        result.setDetails(request.getDetails());
        return Optional.of(result);
    }

    @EventListener
    void accountChanged(UserAccountChanged event) {
        verified.forget(event.username());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
