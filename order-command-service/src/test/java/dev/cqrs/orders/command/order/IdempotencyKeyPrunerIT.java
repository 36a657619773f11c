package dev.cqrs.orders.command.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import dev.cqrs.orders.command.support.RunningCommandService;
import dev.cqrs.orders.command.support.TestInfra;
import org.junit.jupiter.api.Test;

/** Keys are kept for the documented retention and then pruned. */
class IdempotencyKeyPrunerIT {

    @Test
    void prunesKeysOlderThanTheRetentionAndKeepsYoungerOnes() {
        try (RunningCommandService service = RunningCommandService.start(TestInfra.newDatabase("idem_prune"))) {
            service.jdbc().update("INSERT INTO idempotency_keys VALUES ('old', repeat('a', 64), ?, now() - interval '25 hours')", UUID.randomUUID());
            service.jdbc().update("INSERT INTO idempotency_keys VALUES ('young', repeat('a', 64), ?, now() - interval '23 hours')", UUID.randomUUID());

            assertThat(service.bean(IdempotencyKeyPruner.class).prune()).isEqualTo(1);
            assertThat(service.jdbc().queryForList("SELECT idempotency_key FROM idempotency_keys", String.class)).containsExactly("young");
        }
    }
}
