package dev.cqrs.orders.apiauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** A grant is a read-only staff token while it is open and lasts; every other token goes to the real decoder. */
class WarmUpTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-06T03:00:00Z");

    private final List<String> delegated = new ArrayList<>();
    private Instant now = NOW;
    private final JwtDecoder refuseAll = token -> {
        delegated.add(token);
        throw new BadJwtException("bad signature");
    };
    private final WarmUpTokens tokens = new WarmUpTokens(() -> now);
    private final JwtDecoder decoder = tokens.before(refuseAll);

    @Test
    void anOpenGrantIsAReadOnlyStaffTokenThatSkipsTheDecoder() {
        WarmUpTokens.Grant grant = tokens.grant(Duration.ofSeconds(30));

        Jwt jwt = decoder.decode(grant.token());

        assertThat(jwt.getSubject()).isEqualTo(WarmUpTokens.SUBJECT);
        assertThat(jwt.getClaimAsString("scope")).isEqualTo("orders:read orders:staff");
        assertThat(jwt.getExpiresAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(delegated).isEmpty();
    }

    @Test
    void aClosedGrantIsAnUnknownToken() {
        WarmUpTokens.Grant grant = tokens.grant(Duration.ofSeconds(30));
        grant.close();

        assertThatThrownBy(() -> decoder.decode(grant.token())).isInstanceOf(BadJwtException.class);
        assertThat(delegated).containsExactly(grant.token());
    }

    @Test
    void aGrantWhoseTimeIsUpIsAnUnknownToken() {
        WarmUpTokens.Grant grant = tokens.grant(Duration.ofSeconds(30));
        now = NOW.plusSeconds(30);

        assertThatThrownBy(() -> decoder.decode(grant.token())).isInstanceOf(BadJwtException.class);
    }

    @Test
    void everyGrantIsItsOwnRandomTokenAndOtherTokensGoToTheDecoder() {
        WarmUpTokens.Grant first = tokens.grant(Duration.ofSeconds(30));
        WarmUpTokens.Grant second = tokens.grant(Duration.ofSeconds(30));
        first.close();

        assertThat(first.token()).isNotEqualTo(second.token()).hasSize(43);
        assertThat(decoder.decode(second.token()).getSubject()).isEqualTo(WarmUpTokens.SUBJECT);
        assertThatThrownBy(() -> decoder.decode("warm-up")).isInstanceOf(BadJwtException.class);
        assertThat(delegated).containsExactly("warm-up");
    }
}
