package dev.cqrs.orders.qa.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cqrs.orders.qa.ledger.OrderRecord.Command;
import dev.cqrs.orders.qa.ledger.OrderRecord.Outcome;

class LedgerFileTest {

    @TempDir
    Path dir;

    @Test
    void aLedgerReadBackJudgesTheReadSideAsTheOriginalDoes() {
        Ledger ledger = Ledger.plan("qa-1234", 2, 4, 7, 0.5);
        OrderRecord shipped = ledger.orders().get(0);
        shipped.created("id-0", 0, new Command("create", Outcome.ACKNOWLEDGED, 1, 201, 10, 1, false, ""));
        shipped.committed(Transition.CONFIRM, new Command("confirm", Outcome.ACKNOWLEDGED, 2, 204, 20, 1, false, ""));
        shipped.committed(Transition.SHIP, new Command("ship", Outcome.COMMITTED_EARLIER, 3, 409, 30, 2, true, "retry refused"));
        OrderRecord ambiguous = ledger.orders().get(1);
        ambiguous.created("id-1", 0, new Command("create", Outcome.ACKNOWLEDGED, 1, 201, 10, 1, false, ""));
        ambiguous.ambiguous(Transition.CANCEL, new Command("cancel", Outcome.UNRESOLVED, 2, 0, 40, 9, true, "no answer"));
        ledger.orders().get(2).createFailed(new Command("create", Outcome.UNRESOLVED, 0, 0, 50, 3, true, "no answer"));
        ledger.orders().get(3).flag("accepted although invalid");

        Path file = dir.resolve("ledger.jsonl");
        LedgerFile.write(file, ledger);
        Ledger read = LedgerFile.read(file);

        assertThat(read.runId()).isEqualTo("qa-1234");
        assertThat(read.customers()).containsExactly("qa-1234-c0", "qa-1234-c1");
        assertThat(read.orders()).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(read.orders().get(i).spec()).isEqualTo(ledger.orders().get(i).spec());
            assertThat(read.orders().get(i).state()).isEqualTo(ledger.orders().get(i).state());
        }
        OrderRecord readShipped = read.orders().get(0);
        assertThat(readShipped.acceptsFinal(3, OrderStatus.SHIPPED)).isTrue();
        assertThat(readShipped.statusAt(2)).contains(OrderStatus.CONFIRMED);
        assertThat(read.orders().get(1).finalStatuses()).containsExactlyInAnyOrder(OrderStatus.CREATED, OrderStatus.CANCELLED);
        assertThat(read.orders().get(2).createUnresolved()).isTrue();
        assertThat(read.acknowledgedById()).containsOnlyKeys("id-0", "id-1");
    }

    @Test
    void aFileThatIsNoLedgerIsRefusedWithItsLine() throws IOException {
        Path notALedger = dir.resolve("report.json");
        Files.writeString(notALedger, "{\"runId\":\"x\"}\n");
        assertThatThrownBy(() -> LedgerFile.read(notALedger)).hasMessageContaining("line 1: not a ledger of the QA suite");
        Path broken = dir.resolve("broken.jsonl");
        Files.writeString(broken, "{\"format\":\"qa-ledger/1\",\"runId\":\"x\",\"customers\":[]}\n{oops\n");
        assertThatThrownBy(() -> LedgerFile.read(broken)).hasMessageContaining("line 2 is not JSON");
        Path empty = dir.resolve("empty.jsonl");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> LedgerFile.read(empty)).hasMessageContaining("is empty");
    }
}
