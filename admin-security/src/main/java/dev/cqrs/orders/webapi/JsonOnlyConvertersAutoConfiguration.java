package dev.cqrs.orders.webapi;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The services speak JSON through Jackson 3 only. swagger-core brings Jackson 2, for which Spring would add a YAML
 * converter that every response consulted (a lock convoy on a cold JVM) and that answered a media type the API never
 * offered, through a mapper configured apart from ours (docs/read-your-writes.md, "The first seconds, hop by hop").
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class JsonOnlyConvertersAutoConfiguration implements WebMvcConfigurer {

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.configureMessageConvertersList(converters -> converters.removeIf(JsonOnlyConvertersAutoConfiguration::jackson2));
    }

    /** Spring's Jackson 2 converters (JSON, YAML, XML, Smile, CBOR) share this deprecated base class. */
    @SuppressWarnings("removal")
    static boolean jackson2(HttpMessageConverter<?> converter) {
        return converter instanceof org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
    }
}
