package dev.cqrs.orders.local;

import java.nio.file.Path;
import java.time.Duration;

/** Configures a {@link LocalSystem}: ports, data directory, the java binary and the four executable jars. */
public final class LocalSystemBuilder {

    static final String VERSION = "0.1.0-SNAPSHOT";

    private StackPorts ports;
    private Path dataDir;
    private Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java");
    /** Null: the services run on {@link #javaBinary} too. */
    private Path servicesJavaBinary;
    private Path stackJar;
    private Path commandJar;
    private Path queryJar;
    private Path consoleJar;
    private boolean queryFaultsEnabled;
    private Duration startTimeout;
    private AdminCredentials admin;
    private boolean apiAuthEnabled;
    private ComponentOptions options;

    LocalSystemBuilder(Env env) {
        ports = StackPorts.fromEnv(env);
        dataDir = env.dataDir();
        stackJar = Path.of(env.get("STACK_JAR", defaultStackJar()));
        commandJar = Path.of(env.get("COMMAND_JAR", "order-command-service/target/order-command-service-" + VERSION + "-exec.jar"));
        queryJar = Path.of(env.get("QUERY_JAR", "order-query-service/target/order-query-service-" + VERSION + "-exec.jar"));
        consoleJar = Path.of(env.get("CONSOLE_JAR", "ops-console/target/ops-console-" + VERSION + "-exec.jar"));
        startTimeout = Duration.ofSeconds(Integer.parseInt(env.get("START_TIMEOUT_SECONDS", "180")));
        admin = AdminCredentials.fromEnv(env);
        apiAuthEnabled = apiAuthEnabled(env);
        options = ComponentOptions.fromEnv(env);
        servicesJavaBinary = servicesJava(env);
    }

    /**
     * SERVICES_JAVA_HOME: the JDK or JRE the services run on, while the nodes keep the launcher's. Unset: the launcher's
     * JVM for everything (docs/services-jvm.md says why that stays the default).
     */
    static Path servicesJava(Env env) {
        String home = env.get("SERVICES_JAVA_HOME", "");
        if (home.isBlank()) {
            return null;
        }
        Path java = Path.of(home, "bin", "java");
        if (!java.toFile().canExecute()) {
            throw new IllegalArgumentException("SERVICES_JAVA_HOME=" + home + " has no executable bin/java: point it at a"
                    + " JDK or JRE 17 or newer, or unset it to run the services on the launcher's JVM");
        }
        return java;
    }

    /** On unless the launcher's own environment says API_AUTH_ENABLED=false. */
    static boolean apiAuthEnabled(Env env) {
        String value = env.get("API_AUTH_ENABLED", "true");
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("API_AUTH_ENABLED must be true or false, got '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    /** Under {@code java -jar}, the class path is the jar itself. */
    private static String defaultStackJar() {
        String classPath = System.getProperty("java.class.path", "");
        return classPath.endsWith("-exec.jar") && !classPath.contains(java.io.File.pathSeparator)
                ? classPath
                : "local-stack/target/local-stack-" + VERSION + "-exec.jar";
    }

    public LocalSystemBuilder ports(StackPorts ports) {
        this.ports = ports;
        return this;
    }

    public LocalSystemBuilder dataDir(Path dataDir) {
        this.dataDir = dataDir;
        return this;
    }

    public LocalSystemBuilder javaBinary(Path javaBinary) {
        this.javaBinary = javaBinary;
        return this;
    }

    /** The JVM of the command and query services and the console (default: SERVICES_JAVA_HOME, else {@link #javaBinary}). */
    public LocalSystemBuilder servicesJavaBinary(Path servicesJavaBinary) {
        this.servicesJavaBinary = servicesJavaBinary;
        return this;
    }

    public LocalSystemBuilder stackJar(Path stackJar) {
        this.stackJar = stackJar;
        return this;
    }

    public LocalSystemBuilder commandJar(Path commandJar) {
        this.commandJar = commandJar;
        return this;
    }

    public LocalSystemBuilder queryJar(Path queryJar) {
        this.queryJar = queryJar;
        return this;
    }

    public LocalSystemBuilder consoleJar(Path consoleJar) {
        this.consoleJar = consoleJar;
        return this;
    }

    /**
     * Starts the query service with QUERY_FAULTS_ENABLED, so that tests can make a read model fail for an order
     * through /admin/faults. Off by default, as in production.
     */
    public LocalSystemBuilder queryFaultsEnabled(boolean enabled) {
        this.queryFaultsEnabled = enabled;
        return this;
    }

    /** How long one component may take from launch to ready (default 180 s, env START_TIMEOUT_SECONDS). */
    public LocalSystemBuilder startTimeout(Duration startTimeout) {
        this.startTimeout = startTimeout;
        return this;
    }

    /**
     * The operators of the services' /admin and /actuator endpoints, {@code name:password[,...]} (default: env
     * ADMIN_USERS, else {@code operator:<random>}); the first one is what {@link LocalSystem#adminUser()} gives.
     */
    public LocalSystemBuilder adminUsers(String adminUsers) {
        this.admin = new AdminCredentials(adminUsers);
        return this;
    }

    /**
     * Whether the services check bearer tokens on the public APIs (default: on, unless env API_AUTH_ENABLED=false).
     * Off means anyone who reaches the ports may read and change every order.
     */
    public LocalSystemBuilder apiAuthEnabled(boolean enabled) {
        this.apiAuthEnabled = enabled;
        return this;
    }

    /**
     * JVM options for one component, after the defaults (the last {@code -XX} flag wins); replaces those given before
     * for it, including {@code <COMPONENT>_JVM_OPTIONS} from the environment.
     */
    public LocalSystemBuilder jvmOptions(Component component, String... jvmOptions) {
        this.options = options.withJvmOptions(component, java.util.List.of(jvmOptions));
        return this;
    }

    /** An environment variable of one component's process, set after (so over) the ones the system sets itself. */
    public LocalSystemBuilder env(Component component, String name, String value) {
        this.options = options.withEnv(component, name, value);
        return this;
    }

    public LocalSystem build() {
        return new LocalSystem(config());
    }

    /** What {@link #build()} starts the system with; also what a service started on its own gets. */
    SystemConfig config() {
        return new SystemConfig(ports, abs(dataDir), abs(javaBinary),
                abs(servicesJavaBinary == null ? javaBinary : servicesJavaBinary), abs(stackJar), abs(commandJar), abs(queryJar),
                abs(consoleJar), startTimeout, admin, apiAuthEnabled, queryFaultsEnabled, options);
    }

    private static Path abs(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
