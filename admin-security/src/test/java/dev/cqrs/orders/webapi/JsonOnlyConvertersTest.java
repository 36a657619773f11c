package dev.cqrs.orders.webapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * With springdoc on the classpath (it brings Jackson 2 and its YAML format), responses are still written by Jackson 3
 * alone and a YAML request is refused.
 */
@SpringBootTest(classes = JsonOnlyConvertersTest.App.class, properties = {"orders.api.auth.enabled=false",
        "orders.admin.users=alice:wonderland"})
@AutoConfigureMockMvc
class JsonOnlyConvertersTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    RequestMappingHandlerAdapter adapter;

    @Test
    void jackson2IsOnTheClasspathButWritesNoResponse() {
        assertThat(JsonOnlyConvertersAutoConfiguration.jackson2(
                new org.springframework.http.converter.yaml.MappingJackson2YamlHttpMessageConverter()))
                .as("the rule recognises the converter Spring would add").isTrue();
        List<HttpMessageConverter<?>> converters = adapter.getMessageConverters();
        assertThat(converters).noneMatch(JsonOnlyConvertersAutoConfiguration::jackson2);
        assertThat(converters).anyMatch(converter -> converter.getSupportedMediaTypes().contains(MediaType.APPLICATION_JSON));
    }

    @Test
    void answersJsonAndRefusesYaml() throws Exception {
        mvc.perform(get("/orders/o-1").accept(MediaType.APPLICATION_JSON)).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.orderId").value("o-1"));
        mvc.perform(get("/orders/o-1").accept(MediaType.APPLICATION_YAML)).andExpect(status().isNotAcceptable());
    }

    @SpringBootApplication
    public static class App {

        record Order(String orderId, int version) {
        }

        @RestController
        static class Endpoints {

            @GetMapping("/orders/o-1")
            Order order() {
                return new Order("o-1", 1);
            }
        }
    }
}
