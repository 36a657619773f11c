package dev.cqrs.orders.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;

/** Writes an RFC 9457 problem by hand: in the filter chain, before Spring MVC and its JSON mapper are involved. */
public final class ProblemJson {

    private ProblemJson() {
    }

    public static void write(HttpServletResponse response, int status, String title, String detail, String instance)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(body(status, title, detail, instance));
    }

    static String body(int status, String title, String detail, String instance) {
        return "{\"type\":\"about:blank\",\"title\":\"" + escape(title) + "\",\"status\":" + status + ",\"detail\":\""
                + escape(detail) + "\",\"instance\":\"" + escape(instance) + "\"}";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text == null ? 0 : text.length());
        if (text == null) {
            return "";
        }
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
