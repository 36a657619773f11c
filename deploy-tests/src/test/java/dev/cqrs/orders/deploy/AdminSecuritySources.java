package dev.cqrs.orders.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The environment variables admin-security reads itself ({@code ${NAME:default}} in its sources and resources), which
 * every module running it reads too without naming them in its own application.yml.
 */
final class AdminSecuritySources {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?=[:}])");
    private static Set<String> placeholders;

    private AdminSecuritySources() {
    }

    static synchronized Set<String> placeholders() {
        if (placeholders == null) {
            placeholders = scan(RepoFiles.path(ServiceModule.ADMIN_SECURITY + "/src/main"));
        }
        return placeholders;
    }

    static Set<String> scan(Path dir) {
        Set<String> names = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).map(RepoFiles::read).forEach(text -> {
                Matcher m = PLACEHOLDER.matcher(text);
                while (m.find()) {
                    names.add(m.group(1));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        return Set.copyOf(names);
    }
}
