package dev.cqrs.orders.command.web;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cqrs.orders.command.order.ExpectedVersion;
import dev.cqrs.orders.command.order.InvalidCommandException;

/**
 * An order's entity tag is its version, quoted, so an If-Match header (RFC 9110, section 13.1.1) names versions. A tag
 * that is well formed but names no version, or a weak one, simply never matches: that is a 412, not a 400.
 */
final class OrderETags {

    private static final Pattern TAG = Pattern.compile("\\s*(W/)?\"([\\x21\\x23-\\x7E]*)\"\\s*(,|$)");
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,17}");

    private OrderETags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    static ExpectedVersion parseIfMatch(String value) {
        String header = value == null ? null : value.strip();
        if (header == null || header.equals("*")) {
            // "*" holds for any existing order, and a transition needs one anyway.
            return ExpectedVersion.ANY;
        }
        Set<Long> versions = new HashSet<>();
        Matcher tag = TAG.matcher(header);
        int at = 0;
        while (at < header.length()) {
            if (!tag.region(at, header.length()).lookingAt()) {
                throw new InvalidCommandException("If-Match must be * or a list of entity tags such as \"3\" (the ETag a"
                        + " command or a read answered); got: " + header);
            }
            boolean strong = tag.group(1) == null;
            if (strong && VERSION.matcher(tag.group(2)).matches()) {
                versions.add(Long.parseLong(tag.group(2)));
            }
            at = tag.end();
        }
        if (at == 0) {
            throw new InvalidCommandException("If-Match is empty; leave it out, or send * or an entity tag such as \"3\"");
        }
        return ExpectedVersion.oneOf(versions);
    }
}
