package org.springframework.data.standin;

/**
 * Stands in for a Spring Data type, which is not on this module's classpath, so that a fixture can depend on
 * {@code org.springframework.data} and show that ArchitectureTest.usesTheMongoDriverNotSpringData catches it.
 */
public interface SpringDataStandIn {
}
