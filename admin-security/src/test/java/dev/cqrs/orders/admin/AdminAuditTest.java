package dev.cqrs.orders.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

@ExtendWith(OutputCaptureExtension.class)
class AdminAuditTest {

    private final AdminAudit audit = new AdminAudit();

    @AfterEach
    void clearContext() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void recordsTheUserOfTheCurrentRequestOnTheAuditLogger(CapturedOutput output) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "alice", null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
        audit.record("dead-letter.replay", "order-view:orders.events:0:42", "replayed:2");
        assertThat(output.getOut()).contains("orders.audit")
                .contains("AUDIT user=alice action=dead-letter.replay target=order-view:orders.events:0:42 outcome=replayed:2");
    }

    @Test
    void withoutAnAuthenticatedUserTheLineSaysAnonymous(CapturedOutput output) {
        audit.record("rebuild.start", "order-view", "started");
        assertThat(output.getOut()).contains("AUDIT user=anonymous action=rebuild.start target=order-view outcome=started");
    }

    @Test
    void aCraftedValueCannotForgeASecondLine(CapturedOutput output) {
        audit.record("bob", "dead-letter.discard", "x\nAUDIT user=root action=fake", "discarded");
        assertThat(output.getOut()).contains("target=x_AUDIT_user=root_action=fake outcome=discarded")
                .doesNotContain("\nAUDIT user=root");
    }

    @Test
    void auditedRecordsTheOutcomeOrTheRefusalAndPassesTheExceptionOn(CapturedOutput output) {
        assertThat(audit.audited("carol", "rebuild.start", "order-list", () -> 7, generation -> "started:generation-" + generation))
                .isEqualTo(7);
        assertThatThrownBy(() -> audit.audited("carol", "rebuild.start", "order-list", () -> {
            throw new IllegalStateException("already running");
        }, ignored -> "started")).isInstanceOf(IllegalStateException.class).hasMessage("already running");
        assertThat(output.getOut())
                .contains("AUDIT user=carol action=rebuild.start target=order-list outcome=started:generation-7")
                .contains("AUDIT user=carol action=rebuild.start target=order-list outcome=refused:IllegalStateException");
    }
}
