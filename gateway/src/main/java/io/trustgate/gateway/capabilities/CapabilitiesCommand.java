package io.trustgate.gateway.capabilities;

import io.trustgate.gateway.config.ConfigException;
import io.trustgate.gateway.config.ConfigLoader;
import io.trustgate.gateway.config.TrustgateConfig;
import io.trustgate.s3.operation.OperationSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code trustgate capabilities}: prints what each backend does with every Redis command and every S3 operation
 * (native, emulated, ignored or refused, and why), from the same declarations the gateway decides with. Starts nothing: no port is
 * bound and no backend is contacted. Public because {@code Main} names it as a subcommand.
 */
@Command(name = "capabilities", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Prints the Redis command x backend and S3 operation x backend matrices: N native, "
                + "E emulated (correct, maybe slower), I ignored (a hint), R refused, with the reason for E, I and R.",
                "",
                "Without --config the columns are the backend kinds (redis, redis-cluster, embedded, postgres, "
                        + "mariadb; filesystem, azure, s3); with it, the configured backends. `--format markdown` is "
                        + "docs/compatibility.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed", "2:invalid arguments, unknown backend or command, or invalid configuration"})
public final class CapabilitiesCommand implements Callable<Integer> {

    static final int EXIT_OK = 0;
    static final int EXIT_BAD_INPUT = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = "--format", paramLabel = "text|markdown", defaultValue = "text",
            description = "text (one line per command, default) or markdown (docs/compatibility.md)")
    private String format;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "only this backend kind (e.g. redis-cluster, filesystem) or, with --config, this backend")
    private String backend;

    @Option(names = "--command", paramLabel = "NAME",
            description = "only this Redis command and its argument forms (e.g. hello), one form (e.g. 'select 5'), "
                    + "or one S3 operation (e.g. UploadPartCopy)")
    private String command;

    @Option(names = "--protocol", paramLabel = "redis|s3",
            description = "only this protocol's matrix (default: both)")
    private String protocol;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "columns are the backends configured in this YAML file")
    private Path config;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("text") && !fmt.equals("markdown")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--format must be text or markdown, not '" + format + "'");
        }
        String proto = protocol == null ? null : protocol.toLowerCase(Locale.ROOT);
        if (proto != null && !proto.equals("redis") && !proto.equals("s3")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--protocol must be redis or s3, not '" + protocol + "'");
        }
        CompatibilityMatrix redis;
        S3Matrix s3;
        try {
            TrustgateConfig loaded = config == null ? null : ConfigLoader.load(config, System.getenv());
            redis = loaded == null ? CompatibilityMatrix.ofKinds() : CompatibilityMatrix.ofConfig(loaded);
            s3 = loaded == null ? S3Matrix.ofKinds() : S3Matrix.ofConfig(loaded);
            if ("redis".equals(proto)) {
                s3 = null;
            } else if ("s3".equals(proto)) {
                redis = null;
            }
            if (command != null) {
                boolean isS3 = OperationSupport.row(command) != null;
                if (isS3 && s3 == null || !isS3 && redis == null) {
                    throw new IllegalArgumentException("no " + (proto.equals("s3") ? "S3 operation" : "Redis command")
                            + " '" + command.trim() + "'");
                }
                if (isS3) {
                    s3 = s3.onlyOperation(command);
                    redis = null;
                } else {
                    redis = redis.onlyCommand(command);
                    s3 = null;
                }
            }
            if (backend != null) {
                boolean inRedis = redis != null && redis.columns().stream()
                        .anyMatch(c -> c.name().equalsIgnoreCase(backend));
                boolean inS3 = s3 != null && s3.hasBackend(backend);
                if (!inRedis && !inS3) {
                    List<String> names = new ArrayList<>();
                    if (redis != null) {
                        redis.columns().forEach(c -> names.add(c.name()));
                    }
                    if (s3 != null) {
                        names.addAll(s3.backendNames());
                    }
                    throw new IllegalArgumentException("no backend '" + backend + "'; expected one of: "
                            + String.join(", ", names));
                }
                redis = inRedis ? redis.onlyBackend(backend) : null;
                s3 = inS3 ? s3.onlyBackend(backend) : null;
            }
        } catch (ConfigException | IllegalArgumentException e) {
            err.println(e.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        }
        if (fmt.equals("markdown")) {
            out.print(CompatibilityDoc.markdown(redis, s3));
        } else {
            if (redis != null) {
                out.print(MatrixWriter.text(redis));
            }
            if (s3 != null) {
                out.print(redis != null ? "\n" + S3MatrixWriter.text(s3) : S3MatrixWriter.text(s3));
            }
        }
        out.flush();
        return EXIT_OK;
    }
}
