package dev.cqrs.orders.apiauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** A token is verified once while it lasts; a refused token is refused every time; the memory is bounded. */
class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private final List<String> checked = new ArrayList<>();
    private Instant now = NOW;
    /** Accepts "good-*" tokens, valid for an hour from NOW; refuses every other. */
    private final JwtDecoder decoder = token -> {
        checked.add(token);
        if (!token.startsWith("good-")) {
            throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject(token).issuedAt(NOW).expiresAt(NOW.plusSeconds(3600))
                .build();
    };

    private final VerifiedTokens tokens = new VerifiedTokens(decoder, () -> now);

    @Test
    void theSameTokenIsVerifiedOnceWhileItLasts() {
        Jwt first = tokens.decode("good-a");
        now = NOW.plusSeconds(3599);

        assertThat(tokens.decode("good-a")).isSameAs(first);
        assertThat(checked).containsExactly("good-a");
    }

    @Test
    void anExpiredTokenGoesBackToTheDecoder() {
        tokens.decode("good-a");
        now = NOW.plusSeconds(3600);

        tokens.decode("good-a");

        assertThat(checked).containsExactly("good-a", "good-a");
    }

    @Test
    void aRefusedTokenIsRefusedEveryTime() {
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);

        assertThat(checked).containsExactly("forged", "forged");
        assertThat(tokens.size()).isZero();
    }

    @Test
    void anotherTokenOfTheSameSubjectIsVerifiedOnItsOwn() {
        tokens.decode("good-a");
        tokens.decode("good-a2");

        assertThat(checked).containsExactly("good-a", "good-a2");
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        for (int i = 0; i <= VerifiedTokens.CAPACITY; i++) {
            tokens.decode("good-" + i);
        }

        assertThat(tokens.size()).isBetween(1, VerifiedTokens.CAPACITY);
    }
}
