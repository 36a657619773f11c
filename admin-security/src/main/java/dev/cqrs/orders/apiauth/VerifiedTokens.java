package dev.cqrs.orders.apiauth;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Remembers the tokens the decoder accepted, until each one expires: a client sends the same token with every
 * request, and checking its RS256 signature again costs more CPU than the request's own work on a C1-only JVM
 * (docs/read-your-writes.md, "With authentication"). Keyed by the whole token, signature included, so only the very token that was verified hits.
 */
final class VerifiedTokens implements JwtDecoder {

    /** Enough for the distinct clients of one replica; above it the map starts over rather than grow. */
    static final int CAPACITY = 1_000;

    private final JwtDecoder decoder;
    private final Supplier<Instant> clock;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    VerifiedTokens(JwtDecoder decoder, Supplier<Instant> clock) {
        this.decoder = decoder;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) {
        Jwt known = verified.get(token);
        Instant now = clock.get();
        if (known != null) {
            if (now.isBefore(known.getExpiresAt())) {
                return known;
            }
            verified.remove(token);
        }
        Jwt jwt = decoder.decode(token);
        // Only tokens that end: one without exp (if a decoder's validators ever allowed it) is checked every time.
        if (jwt.getExpiresAt() != null && now.isBefore(jwt.getExpiresAt())) {
            if (verified.size() >= CAPACITY) {
                verified.clear();
            }
            verified.put(token, jwt);
        }
        return jwt;
    }

    int size() {
        return verified.size();
    }
}
