package dev.cqrs.orders.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one help text of {@code ./run} and of this jar, {@code usage.txt}: {@code ./run help} prints the file as it is
 * (no build needed), {@code help} here prints the same, and {@code <subcommand> --help} its part of it.
 */
final class Usage {

    private static final String SUBCOMMAND_INDENT = "  ";

    private Usage() {
    }

    static String text() {
        try (InputStream in = Usage.class.getResourceAsStream("usage.txt")) {
            if (in == null) {
                throw new IllegalStateException("usage.txt is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The subcommand's own line and the more deeply indented lines under it; empty when the text has no such part. */
    static Optional<String> of(String subcommand) {
        List<String> part = new ArrayList<>();
        for (String line : text().lines().toList()) {
            if (!part.isEmpty()) {
                if (!line.startsWith(SUBCOMMAND_INDENT + " ")) {
                    break;
                }
                part.add(line);
            } else if (startsPart(line, subcommand)) {
                part.add(line);
            }
        }
        return part.isEmpty() ? Optional.empty() : Optional.of(String.join(System.lineSeparator(), part));
    }

    private static boolean startsPart(String line, String subcommand) {
        if (!line.startsWith(SUBCOMMAND_INDENT + subcommand) || line.startsWith(SUBCOMMAND_INDENT + " ")) {
            return false;
        }
        String rest = line.substring(SUBCOMMAND_INDENT.length() + subcommand.length());
        return rest.isEmpty() || rest.charAt(0) == ' ';
    }
}
