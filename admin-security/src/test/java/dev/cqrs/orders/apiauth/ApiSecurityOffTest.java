package dev.cqrs.orders.apiauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** API_AUTH_ENABLED=false opens the API loudly; enabled without a key refuses to start. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = ApiSecurityTest.App.class, properties = {"orders.api.auth.enabled=false",
        "orders.admin.users=alice:wonderland"})
@AutoConfigureMockMvc
class ApiSecurityOffTest {

    @Autowired
    MockMvc mvc;

    @Test
    void withAuthOffEveryoneIsUnrestrictedAndTheLogSaysSo(CapturedOutput output) throws Exception {
        mvc.perform(get("/orders").param("customerId", "c-8")).andExpect(status().isOk()).andExpect(content().string("staff"));
        mvc.perform(get("/admin/things")).andExpect(status().isUnauthorized());
        assertThat(output.getAll()).contains("WARN").contains("API_AUTH_ENABLED=false");
    }

    @Test
    void enabledWithoutAKeyRefusesToStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(ApiSecurityTest.App.class)
                .properties("orders.api.auth.enabled=true", "server.port=0", "orders.admin.users=alice:x").run().close())
                .hasStackTraceContaining("API_AUTH_ENABLED=true but no way to check tokens is configured");
    }
}
