package dev.cqrs.orders.qa.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.cqrs.orders.qa.ledger.OrderRecord.Command;
import dev.cqrs.orders.qa.ledger.OrderRecord.Outcome;

class OrderRecordTest {

    private static OrderRecord order() {
        return new OrderRecord(new OrderSpec(0, "k", "c", "EUR", List.of(new OrderSpec.Line("A", 1, 100)), 0, List.of(), "r"));
    }

    private static Command command(String name, Outcome outcome, long version) {
        return new Command(name, outcome, version, 204, 0, 1, false, "");
    }

    @Test
    void acknowledgedCommandsSetTheFinalStateAndTheStatusOfEachVersion() {
        OrderRecord order = order();
        order.created("id-1", 0, command("create", Outcome.ACKNOWLEDGED, 1));
        order.committed(Transition.CONFIRM, command("confirm", Outcome.ACKNOWLEDGED, 2));
        order.committed(Transition.SHIP, command("ship", Outcome.COMMITTED_EARLIER, 3));

        assertThat(order.acceptsFinal(3, OrderStatus.SHIPPED)).isTrue();
        assertThat(order.acceptsFinal(2, OrderStatus.CONFIRMED)).isFalse();
        assertThat(order.statusAt(2)).contains(OrderStatus.CONFIRMED);
        assertThat(order.finalStatuses()).containsExactly(OrderStatus.SHIPPED);
        assertThat(order.errors()).isEmpty();
    }

    @Test
    void anAmbiguousCommandAcceptsEitherOutcome() {
        OrderRecord order = order();
        order.created("id-1", 0, command("create", Outcome.ACKNOWLEDGED, 1));
        order.ambiguous(Transition.CANCEL, command("cancel", Outcome.UNRESOLVED, 2));

        assertThat(order.acceptsFinal(1, OrderStatus.CREATED)).isTrue();
        assertThat(order.acceptsFinal(2, OrderStatus.CANCELLED)).isTrue();
        assertThat(order.acceptsFinal(2, OrderStatus.CONFIRMED)).isFalse();
        assertThat(order.finalStatuses()).isEqualTo(Set.of(OrderStatus.CREATED, OrderStatus.CANCELLED));
        assertThat(order.finalVersion()).isEqualTo(1);
        assertThat(order.highestFinalVersion()).isEqualTo(2);
    }

    @Test
    void aVersionOtherThanTheNextIsAnError() {
        OrderRecord order = order();
        order.created("id-1", 0, command("create", Outcome.ACKNOWLEDGED, 1));
        order.committed(Transition.CONFIRM, command("confirm", Outcome.ACKNOWLEDGED, 3));
        assertThat(order.errors()).containsExactly("confirm answered version 3, expected 2");
    }
}
