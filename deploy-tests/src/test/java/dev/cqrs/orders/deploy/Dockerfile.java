package dev.cqrs.orders.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Dockerfile as its instructions (comments dropped, continuation lines joined), grouped by build stage. */
record Dockerfile(List<Instruction> instructions) {

    record Instruction(int stage, String keyword, String arguments) {
    }

    static Dockerfile parse(String text) {
        List<Instruction> instructions = new ArrayList<>();
        int stage = -1;
        StringBuilder pending = new StringBuilder();
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (pending.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (!pending.isEmpty() && line.startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            String full = pending.toString().strip();
            pending.setLength(0);
            String[] parts = full.split("\\s+", 2);
            String keyword = parts[0].toUpperCase(Locale.ROOT);
            if (keyword.equals("FROM")) {
                stage++;
            }
            instructions.add(new Instruction(stage, keyword, parts.length > 1 ? parts[1].strip() : ""));
        }
        return new Dockerfile(List.copyOf(instructions));
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    int lastStage() {
        return instructions.stream().mapToInt(Instruction::stage).max().orElse(-1);
    }

    List<Instruction> inFinalStage(String keyword) {
        int last = lastStage();
        return all(keyword).stream().filter(i -> i.stage() == last).toList();
    }

    /** The numeric uid of the final stage's last USER, or null when there is none or it is a name. */
    Integer finalUid() {
        List<Instruction> users = inFinalStage("USER");
        if (users.isEmpty()) {
            return null;
        }
        String user = users.get(users.size() - 1).arguments().split(":")[0].strip();
        return user.matches("\\d+") ? Integer.valueOf(user) : null;
    }
}
