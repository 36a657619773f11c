package dev.cqrs.orders.query.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.cqrs.orders.admin.AdminSecurityAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Off by default: no guard on the projection path and no /admin/faults (404, as for any unknown path). */
@WebMvcTest(controllers = FaultController.class, properties = "orders.admin.users=op:pw")
@ImportAutoConfiguration(AdminSecurityAutoConfiguration.class)
class FaultSwitchOffTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Test
    void withoutTheSwitchThereIsNoEndpointAndNoGuard() throws Exception {
        mvc.perform(post("/admin/faults").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"readModel\":\"order-view\",\"orderId\":\"7d0f5c1e-2b43-4a8e-9f0e-1c2d3e4f5a6b\"}")
                        .with(httpBasic("op", "pw")))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/admin/faults/order-view/7d0f5c1e-2b43-4a8e-9f0e-1c2d3e4f5a6b").with(httpBasic("op", "pw"))).andExpect(status().isNotFound());
        assertThat(context.getBeansOfType(InjectedFaults.class)).isEmpty();
    }
}
