package dev.cqrs.orders.webapi;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The services speak JSON through Jackson 3. swagger-core (springdoc) brings Jackson 2 with its YAML data format,
 * and Spring registers a Jackson 2 YAML converter for it: every response then asked Jackson 2 whether it could
 * serialize the body, and a freshly started query service spent its first seconds under load in Jackson 2's
 * serializer-cache lock (docs/read-your-writes.md). It also answered {@code Accept: application/yaml}, a media type
 * the API never promised, through a mapper configured apart from ours. Such converters are left out.
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
