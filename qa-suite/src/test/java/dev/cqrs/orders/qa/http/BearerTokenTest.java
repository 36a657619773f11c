package dev.cqrs.orders.qa.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that outlasts its token keeps going: the source is asked again per request. */
class BearerTokenTest {

    @TempDir
    Path dir;

    @Test
    void aTokenFileIsReadAgainWhenItChanges() throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "first\nignored\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        BearerToken token = BearerToken.file(file);
        assertThat(token.authorization()).contains("Bearer first");

        Files.writeString(file, "  second  \n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:30:00Z")));

        assertThat(token.authorization()).contains("Bearer second");
    }

    @Test
    void aMissingTokenFileIsAClearFailureAtOnce() {
        assertThatThrownBy(() -> BearerToken.file(dir.resolve("absent")))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("absent");
    }

    @Test
    void aMintedTokenIsAskedForPerRequest() {
        AtomicInteger minted = new AtomicInteger();
        BearerToken token = BearerToken.minted(() -> "t" + minted.incrementAndGet());

        assertThat(token.authorization()).contains("Bearer t1");
        assertThat(token.authorization()).contains("Bearer t2");
    }

    @Test
    void noTokenSendsNoHeader() {
        assertThat(BearerToken.fixed(null).authorization()).isEmpty();
        assertThat(BearerToken.fixed("  ").authorization()).isEmpty();
        assertThat(BearerToken.none().authorization()).isEmpty();
        assertThat(BearerToken.fixed(" abc ").authorization()).contains("Bearer abc");
    }

    @Test
    void neverPrintsTheToken() {
        assertThat(BearerToken.fixed("secret-token")).hasToString("a bearer token");
    }
}
