package dev.cqrs.orders.apiauth;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Read-only staff tokens that only this process can make and only its own chain accepts, so that a service can send
 * itself, before it reports ready, the authenticated requests its clients will send: the service holds only the
 * issuer's public key, and a first request through a cold chain took up to 2 s (docs/read-your-writes.md). A grant is
 * 256 random bits that never leave the process, accepted until it is closed or its time is up.
 */
public final class WarmUpTokens {

    static final String SUBJECT = "warm-up";
    private static final int BYTES = 32;

    private final Map<String, Jwt> open = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Supplier<Instant> clock;

    WarmUpTokens(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /** A token with orders:read and orders:staff, accepted until the grant closes or {@code ttl} passes. */
    public Grant grant(Duration ttl) {
        byte[] secret = new byte[BYTES];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.get();
        open.put(token, Jwt.withTokenValue(token).header("alg", "none").subject(SUBJECT)
                .claim("scope", ApiScopes.READ + " " + ApiScopes.STAFF).issuedAt(now).expiresAt(now.plus(ttl)).build());
        return new Grant(token);
    }

    /** Checks the grants first and hands every other token to {@code next}. */
    JwtDecoder before(JwtDecoder next) {
        return token -> {
            Jwt granted = open.get(token);
            if (granted != null && clock.get().isBefore(granted.getExpiresAt())) {
                return granted;
            }
            return next.decode(token);
        };
    }

    /** An open grant; closing it makes its token an unknown one again. */
    public final class Grant implements AutoCloseable {

        private final String token;

        private Grant(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }

        @Override
        public void close() {
            open.remove(token);
        }
    }
}
