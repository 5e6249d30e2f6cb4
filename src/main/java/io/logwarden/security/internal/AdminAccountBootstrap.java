package io.logwarden.security.internal;

import io.logwarden.security.AccessScope;
import io.logwarden.security.Roles;
import io.logwarden.security.SecurityProperties;
import io.logwarden.security.UserAccount;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Creates the {@code admin} account on first start, with the configured or a generated password. */
@Component
class AdminAccountBootstrap implements SmartInitializingSingleton {

    static final String ADMIN_USERNAME = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminAccountBootstrap.class);

    private final UserAccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final SecurityProperties properties;

    AdminAccountBootstrap(UserAccountRepository accounts, PasswordEncoder passwordEncoder,
                          SecurityProperties properties) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (accounts.find(ADMIN_USERNAME).isPresent()) {
            return;
        }
        boolean generated = properties.adminPassword() == null || properties.adminPassword().isBlank();
        String password = generated ? randomPassword() : properties.adminPassword();
        UserAccount admin = new UserAccount(ADMIN_USERNAME, passwordEncoder.encode(password), Set.of(Roles.ADMIN),
                AccessScope.EVERYTHING, true, Instant.now());
        if (accounts.createIfAbsent(admin)) {
            if (generated) {
                log.warn("Created user 'admin' with generated password: {} (shown once; set "
                        + "LOGWARDEN_ADMIN_PASSWORD before the first start to choose it)", password);
            } else {
                log.info("Created user 'admin' with the password from LOGWARDEN_ADMIN_PASSWORD");
            }
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
