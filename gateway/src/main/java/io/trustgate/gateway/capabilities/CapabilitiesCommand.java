package io.trustgate.gateway.capabilities;

import io.trustgate.gateway.config.ConfigException;
import io.trustgate.gateway.config.ConfigLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code trustgate capabilities}: prints what each backend does with every Redis command (native, emulated,
 * ignored or refused, and why), from the same declarations the gateway decides with. Starts nothing: no port is
 * bound and no backend is contacted. Public because {@code Main} names it as a subcommand.
 */
@Command(name = "capabilities", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Prints the command x backend matrix: N native, E emulated (correct, maybe slower), "
                + "I ignored (a hint), R refused, with the reason for E, I and R.",
                "",
                "Without --config the columns are the backend kinds (redis, redis-cluster, embedded); with it, the "
                        + "configured backends. `--format markdown` is docs/compatibility.md."},
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
            description = "only this backend kind (redis, redis-cluster, embedded) or, with --config, this backend")
    private String backend;

    @Option(names = "--command", paramLabel = "NAME",
            description = "only this command and its argument forms (e.g. hello), or one form (e.g. 'select 5')")
    private String command;

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
        CompatibilityMatrix matrix;
        try {
            matrix = config == null ? CompatibilityMatrix.ofKinds()
                    : CompatibilityMatrix.ofConfig(ConfigLoader.load(config, System.getenv()));
            if (backend != null) {
                matrix = matrix.onlyBackend(backend);
            }
            if (command != null) {
                matrix = matrix.onlyCommand(command);
            }
        } catch (ConfigException | IllegalArgumentException e) {
            err.println(e.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        }
        out.print(fmt.equals("markdown") ? MatrixWriter.markdown(matrix) : MatrixWriter.text(matrix));
        out.flush();
        return EXIT_OK;
    }
}
