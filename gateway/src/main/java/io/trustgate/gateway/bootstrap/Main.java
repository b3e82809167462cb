package io.trustgate.gateway.bootstrap;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trustgate.gateway.capabilities.CapabilitiesCommand;
import io.trustgate.gateway.config.BackendConfig;
import io.trustgate.gateway.config.ConfigException;
import io.trustgate.gateway.config.ConfigLoader;
import io.trustgate.gateway.config.EmbeddedBackendConfig;
import io.trustgate.gateway.config.ListenerConfig;
import io.trustgate.gateway.config.RedisBackendConfig;
import io.trustgate.gateway.config.RedisClusterBackendConfig;
import io.trustgate.gateway.config.RouteConfig;
import io.trustgate.gateway.config.TrustgateConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * The {@code trustgate} command: loads the configuration ({@code --config FILE}, else {@code $TRUSTGATE_CONFIG},
 * else the built-in defaults), starts a {@link TrustgateServer}, and runs until SIGTERM/SIGINT, when a shutdown
 * hook closes the server gracefully (draining for {@code shutdown.grace}).
 *
 * <p>Subcommand {@code capabilities} ({@link CapabilitiesCommand}) prints what each backend does with each
 * command, without starting anything.
 *
 * <p>Exit codes: 0 after a clean stop, 1 if the server cannot start (e.g. a port is taken), 2 for an invalid
 * configuration (every problem printed to stderr, one per line) or invalid command-line arguments.
 */
@Command(name = "trustgate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false, usageHelpAutoWidth = true, exitCodeOnInvalidInput = Main.EXIT_BAD_CONFIG,
        subcommands = CapabilitiesCommand.class,
        description = {"A gateway that speaks Redis natively and routes each request to the backend of your choice.",
                "",
                "Configuration comes from --config, else the file named by $TRUSTGATE_CONFIG, else built-in "
                        + "defaults (Redis on 0.0.0.0:6380 backed by an embedded store, admin on 127.0.0.1:9090). "
                        + "TRUSTGATE__<PATH> variables override single values, e.g. "
                        + "TRUSTGATE__LISTENERS__REDIS__PORT=6390."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped cleanly", "1:could not start (e.g. a port is in use)",
                "2:invalid configuration or arguments"})
public final class Main implements Callable<Integer> {

    static final int EXIT_OK = 0;
    static final int EXIT_START_FAILED = 1;
    static final int EXIT_BAD_CONFIG = 2;

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML configuration file (default: $TRUSTGATE_CONFIG, else built-in defaults)")
    private Path config;

    private final Map<String, String> env;
    private final PrintStream err;

    Main(Map<String, String> env, PrintStream err) {
        this.env = env;
        this.err = err;
    }

    public static void main(String[] args) {
        int code = new CommandLine(new Main(System.getenv(), System.err)).execute(args);
        System.exit(code);
    }

    @Override
    public Integer call() throws InterruptedException {
        TrustgateConfig cfg;
        try {
            cfg = loadConfig();
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return EXIT_BAD_CONFIG;
        }
        LOG.info("trustgate {} starting with {}", Version.current(),
                cfg.source().map(p -> "config " + p).orElse("built-in defaults"));

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);

        TrustgateServer server = new TrustgateServer(cfg, registry);
        // Registered before the listeners bind, so a SIGTERM that arrives as soon as a port answers still drains
        // (close() waits for a start() in progress).
        Thread hook = new Thread(() -> {
            LOG.info("shutting down; draining for up to {} ms", cfg.shutdownGrace().toMillis());
            server.close();
            gc.close();
        }, "trustgate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            server.start();
        } catch (RuntimeException e) {
            LOG.error("cannot start: {}", e.getMessage());
            LOG.debug("start failure", e);
            Runtime.getRuntime().removeShutdownHook(hook);
            server.close();
            gc.close();
            return EXIT_START_FAILED;
        }
        banner(cfg);
        server.awaitClose();
        return EXIT_OK;
    }

    private TrustgateConfig loadConfig() {
        if (config != null) {
            return ConfigLoader.load(config, env);
        }
        String fromEnv = env.get(ConfigLoader.CONFIG_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return ConfigLoader.load(Path.of(fromEnv.trim()), env);
        }
        return ConfigLoader.defaults(env);
    }

    private static void banner(TrustgateConfig cfg) {
        for (ListenerConfig l : cfg.listeners()) {
            String routes = cfg.routesFor(l.name()).stream()
                    .map(r -> describe(r) + " -> " + describe(cfg.backend(r.backend())))
                    .collect(Collectors.joining(", "));
            LOG.info("ready: {} listener '{}' on {}:{}{}; routes: {}", l.protocol(), l.name(), l.host(), l.port(),
                    l.redis() != null && l.redis().password() != null ? " (AUTH required)" : "", routes);
        }
    }

    private static String describe(RouteConfig r) {
        if (r.isDefault()) {
            return "default";
        }
        String prefix = r.keyPrefix() == null ? "" : "keyPrefix '" + r.keyPrefix() + "'";
        String db = r.db() == null ? "" : "db " + r.db();
        return prefix.isEmpty() || db.isEmpty() ? prefix + db : prefix + " in " + db;
    }

    private static String describe(BackendConfig b) {
        if (b instanceof RedisBackendConfig r) {
            return b.name() + " (redis " + r.address() + ")";
        }
        if (b instanceof RedisClusterBackendConfig c) {
            return b.name() + " (redis-cluster " + c.nodes() + ")";
        }
        if (b instanceof EmbeddedBackendConfig e) {
            return b.name() + (e.dataDir() == null ? " (embedded, memory only)"
                    : " (embedded, " + e.dataDir() + ", fsync " + e.fsync() + ")");
        }
        return b.name() + " (" + b.type() + ")";
    }

    /** {@code --version}: the Maven project version, filtered into {@code trustgate/version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {

        static String current() {
            try (InputStream in = Main.class.getResourceAsStream("/trustgate/version.properties")) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    String v = p.getProperty("version", "");
                    if (!v.isBlank() && !v.startsWith("${")) {
                        return v;
                    }
                }
            } catch (IOException ignored) {
                // fall through to the development marker
            }
            return "development build";
        }

        @Override
        public String[] getVersion() {
            return new String[] {"trustgate " + current(), "Java " + Runtime.version() + " ("
                    + System.getProperty("java.vendor") + ")"};
        }
    }
}
