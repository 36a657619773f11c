package dev.cqrs.orders.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

import dev.cqrs.orders.local.LocalSystem;

/**
 * Starts the system once for the whole test run (kept in the root store, closed when the run ends),
 * hands it and an HTTP client to the tests, and prints the tail of every log when a test fails.
 */
final class SystemExtension implements BeforeAllCallback, ParameterResolver, TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SystemExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context).system();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == LocalSystem.class || type == OrdersApi.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        LocalSystem system = running(context).system();
        return parameter.getParameter().getType() == LocalSystem.class
                ? system
                : new OrdersApi(system.commandUrl(), system.queryUrl(), system.staffAuthorization());
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        RunningSystem running = context.getRoot().getStore(NAMESPACE).get(RunningSystem.class, RunningSystem.class);
        if (running != null) {
            System.err.println("[e2e] " + context.getDisplayName() + " failed: " + cause);
            running.printLogTailsIfStarted();
        }
    }

    private static RunningSystem running(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(RunningSystem.class, key -> RunningSystem.start(), RunningSystem.class);
    }
}
