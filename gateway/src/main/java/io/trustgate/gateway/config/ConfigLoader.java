package io.trustgate.gateway.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads, overrides, binds and validates the configuration. The single entry point of this package.
 *
 * <p>Pipeline: read the YAML into a tree of source text plus a line index (rejecting duplicate keys), apply
 * {@code TRUSTGATE__*} environment overrides to the tree, bind the tree strictly (unknown keys fail), then
 * validate and freeze. Every failure is one {@link ConfigException} whose lines name the file and line (or the
 * environment variable), the field path, and what was expected. Stateless and thread-safe.
 */
public final class ConfigLoader {

    /** Environment variable holding the config file path; read by the CLI, not here. */
    public static final String CONFIG_ENV = "TRUSTGATE_CONFIG";

    private static final String DEFAULTS_RESOURCE = "/trustgate/defaults.yaml";
    private static final String DEFAULTS_LABEL = "built-in defaults";

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
            .build();
    private static final ObjectReader ROOT_READER = MAPPER.readerFor(ConfigDocument.Root.class);

    private ConfigLoader() {
    }

    /**
     * Loads {@code file}, applies the {@code TRUSTGATE__*} variables of {@code env}, validates.
     *
     * @throws ConfigException for an unreadable file or any invalid setting
     */
    public static TrustgateConfig load(Path file, Map<String, String> env) {
        byte[] yaml;
        try {
            yaml = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": cannot read: no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e);
        }
        return parse(file.toString(), yaml, file, env);
    }

    /**
     * The configuration used without a file: admin on 127.0.0.1:9090, a {@code redis} listener on 0.0.0.0:6380
     * routed to an {@code embedded} backend, and an {@code s3} listener on 0.0.0.0:9000 on a {@code filesystem} backend
     * under {@code ./data/s3}; {@code TRUSTGATE__*} and {@code TRUSTGATE_S3_*} variables of {@code env} apply.
     *
     * @throws ConfigException if an environment override is invalid
     */
    public static TrustgateConfig defaults(Map<String, String> env) {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULTS_RESOURCE);
            }
            return parse(DEFAULTS_LABEL, in.readAllBytes(), null, env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TrustgateConfig parse(String label, byte[] yaml, Path source, Map<String, String> env) {
        YamlReader.Document document;
        try (JsonParser parser = MAPPER.getFactory().createParser(yaml)) {
            document = YamlReader.read(parser);
        } catch (YamlReader.ProblemException e) {
            throw new ConfigException(label + ":" + e.line + ": " + (e.path.isEmpty() ? "" : e.path + ": ")
                    + e.getMessage());
        } catch (JacksonException e) {
            throw syntaxError(label, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode tree = document.root();
        if (tree == null || tree.isNull()) {
            throw new ConfigException(label + ": empty; expected a mapping with listeners, backends and routes");
        }
        if (!(tree instanceof ObjectNode root)) {
            throw new ConfigException(label + ":1: expected a mapping with listeners, backends and routes at "
                    + "the top level");
        }
        Origins origins = new Origins(label, document.index(), EnvOverrides.apply(root, env));
        ConfigDocument.Root bound;
        try {
            bound = ROOT_READER.readValue(root);
        } catch (DatabindException e) {
            throw new ConfigException(JacksonErrors.problem(e, origins, root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ConfigValidator.validate(bound, origins, source, env);
    }

    private static ConfigException syntaxError(String label, JacksonException e) {
        JsonLocation where = e.getLocation();
        String line = where == null || where.getLineNr() < 1 ? "" : ":" + where.getLineNr();
        return new ConfigException(label + line + ": not valid YAML: "
                + JacksonErrors.firstLine(e.getOriginalMessage()) + "; expected a YAML mapping");
    }
}
