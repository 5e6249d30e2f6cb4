package io.logwarden.security.internal;

import io.logwarden.security.LoginLockedOut;
import io.logwarden.security.SecurityProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Username/password authentication (form login and HTTP Basic) against the stored accounts, refusing a username
 * from an address while it is locked out after repeated failures. Being the only {@link AuthenticationProvider} bean,
 * Spring Security uses it for every password login.
 */
@Component
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final DaoAuthenticationProvider delegate;
    private final LoginThrottle throttle;
    private final ApplicationEventPublisher events;
    private final int maxFailures;

    ThrottledAuthenticationProvider(StoredUserDetailsService users, PasswordEncoder passwordEncoder,
                                    SecurityProperties properties, ApplicationEventPublisher events) {
        this.delegate = new DaoAuthenticationProvider(users);
        this.delegate.setPasswordEncoder(passwordEncoder);
        this.throttle = new LoginThrottle(properties.login(), Clock.systemUTC());
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
        try {
            Authentication result = delegate.authenticate(authentication);
            throttle.succeeded(username, address);
            return result;
        } catch (BadCredentialsException e) {
            Optional<Duration> lockout = throttle.failed(username, address);
            lockout.ifPresent(d -> events.publishEvent(new LoginLockedOut(username, address,
                    maxFailures, d)));
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
