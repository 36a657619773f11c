package dev.cqrs.orders.console;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the two services answer, how long the console waits for them, and how many chart samples it keeps.
 *
 * @param commandServiceUrl base URL of order-command-service (its /admin/relay)
 * @param queryServiceUrl base URL of order-query-service (read models, dead letters, rebuilds)
 * @param timeout connect and read timeout per call: a sick service must not hang the page
 * @param sampleInterval how often the delay chart takes a sample from the query service
 * @param samples how many samples the chart keeps per read model (samples x interval = the chart's window)
 */
@ConfigurationProperties("orders.console")
public record ConsoleProperties(URI commandServiceUrl, URI queryServiceUrl, Duration timeout,
                                Duration sampleInterval, int samples) {
}
