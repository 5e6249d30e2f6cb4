package io.logwarden.security.internal;

import io.logwarden.security.Roles;
import io.logwarden.security.UserAccount;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps logged-in UI sessions in step with the stored account: on each request of a session (through the account
 * cache, so at most {@code account-cache-ttl} late), a disabled, deleted or metrics-only account loses its session,
 * and changed roles replace the ones the session remembered from login, so view and method checks see them.
 */
public final class LiveAccountFilter extends OncePerRequestFilter {

    private final UserAccountRepository accounts;
    private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    public LiveAccountFilter(UserAccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        SecurityContext context = SecurityContextHolder.getContext();
        Authentication authentication = context.getAuthentication();
        if (session != null && authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            Optional<UserAccount> account = accounts.find(authentication.getName());
            if (account.isEmpty() || !account.get().enabled() || !Roles.usesTheApplication(account.get().roles())) {
                SecurityContextHolder.clearContext();
                session.invalidate();
            } else {
                Set<String> stored = account.get().roles().stream().map(r -> "ROLE_" + r)
                        .collect(Collectors.toSet());
                Set<String> remembered = authentication.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority).filter(a -> a.startsWith("ROLE_"))
                        .collect(Collectors.toSet());
                if (!stored.equals(remembered)) {
                    context.setAuthentication(withAuthorities(authentication, stored));
                    sessions.saveContext(context, request, response);
                }
            }
        }
        chain.doFilter(request, response);
    }

    private static Authentication withAuthorities(Authentication old, Set<String> roles) {
        List<GrantedAuthority> authorities = new java.util.ArrayList<>(old.getAuthorities().stream()
                .filter(a -> a.getAuthority() == null || !a.getAuthority().startsWith("ROLE_")).toList());
        roles.stream().sorted().map(SimpleGrantedAuthority::new).forEach(authorities::add);
        Authentication replaced = old instanceof OAuth2AuthenticationToken oauth
                ? new OAuth2AuthenticationToken(oauth.getPrincipal(), authorities,
                oauth.getAuthorizedClientRegistrationId())
                : UsernamePasswordAuthenticationToken.authenticated(old.getPrincipal(), null, authorities);
        if (replaced instanceof org.springframework.security.authentication.AbstractAuthenticationToken token) {
            token.setDetails(old.getDetails());
        }
        return replaced;
    }
}
