package dev.cqrs.orders.qa.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the suite's bearer token for the public APIs comes from, asked again for every request: a QA run can outlast
 * a token, so a minted token is re-minted by its issuer and a token file is re-read when it changes (a sidecar or a
 * secret mount that rotates it).
 */
public final class BearerToken {

    private static final BearerToken NONE = new BearerToken(() -> null);

    private final Supplier<String> source;

    private BearerToken(Supplier<String> source) {
        this.source = source;
    }

    /** A deployment without authentication. */
    public static BearerToken none() {
        return NONE;
    }

    /** A token that cannot be renewed (an environment variable): valid for as long as its issuer made it. */
    public static BearerToken fixed(String token) {
        return token == null || token.isBlank() ? NONE : new BearerToken(token::trim);
    }

    /** A token signed on demand; the issuer decides when to sign a fresh one. */
    public static BearerToken minted(Supplier<String> issuer) {
        return new BearerToken(issuer);
    }

    /** The first line of a file, read again whenever the file's modification time changes. */
    public static BearerToken file(Path file) {
        return new BearerToken(new FileSource(file));
    }

    /** {@code Bearer <token>}, or empty for a deployment without authentication. */
    public Optional<String> authorization() {
        String token = source.get();
        return token == null || token.isBlank() ? Optional.empty() : Optional.of("Bearer " + token.trim());
    }

    /** Never the token. */
    @Override
    public String toString() {
        return this == NONE ? "no bearer token" : "a bearer token";
    }

    private static final class FileSource implements Supplier<String> {

        private final Path file;
        private FileTime readAt;
        private String token;

        FileSource(Path file) {
            this.file = file;
            get();
        }

        @Override
        public synchronized String get() {
            try {
                FileTime modified = Files.getLastModifiedTime(file);
                if (!modified.equals(readAt)) {
                    token = Files.readAllLines(file).stream().findFirst().map(String::trim).orElse("");
                    readAt = modified;
                }
                return token;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the API token file " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
