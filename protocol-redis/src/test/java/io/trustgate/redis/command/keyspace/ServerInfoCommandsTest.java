package io.trustgate.redis.command.keyspace;

import io.trustgate.redis.command.RedisVersion;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trustgate.redis.command.keyspace.Harness.err;
import static org.assertj.core.api.Assertions.assertThat;

class ServerInfoCommandsTest {

    private final Harness r = new Harness();

    @Test
    void infoHasTheServerClientsAndKeyspaceSectionsInRedisOrder() {
        r.call("SET", "a", "1");
        r.callDb(3, "SET", "b", "1");
        r.callDb(3, "SET", "c", "1");
        String all = (String) r.call("INFO");
        assertThat(all).startsWith("# Server\r\nredis_version:" + RedisVersion.ANNOUNCED + "\r\n")
                .contains("\r\n\r\n# Clients\r\nconnected_clients:0\r\nblocked_clients:0\r\n")
                .endsWith("\r\n\r\n# Keyspace\r\ndb0:keys=1\r\ndb3:keys=2\r\n")
                .contains("trustgate_backend:embedded\r\n");
        assertThat(r.call("INFO", "keyspace", "SERVER")).isEqualTo(r.call("INFO", "server", "keyspace"));
        assertThat(r.call("INFO", "keyspace")).isEqualTo("# Keyspace\r\ndb0:keys=1\r\ndb3:keys=2\r\n");
        assertThat(r.call("INFO", "nosuchsection")).isEqualTo("");
    }

    @Test
    void configGetAnswersKnownParametersAndRefusesChanges() {
        assertThat(r.call("CONFIG", "GET", "databases")).isEqualTo(List.of("databases", "16"));
        assertThat(r.call("CONFIG", "GET", "MaxMemory")).isEqualTo(List.of("MaxMemory", "0"));
        assertThat(r.call("CONFIG", "GET", "maxmemory*")).isEqualTo(List.of("maxmemory", "0", "maxmemory-policy",
                "noeviction"));
        assertThat(r.call("CONFIG", "GET", "timeout", "databases", "timeout"))
                .isEqualTo(List.of("timeout", "0", "databases", "16"));
        assertThat(r.call("CONFIG", "GET", "port")).as("machine-specific: not answered").isEqualTo(List.of());
        assertThat(r.call("CONFIG", "GET")).isEqualTo(err("ERR wrong number of arguments for 'config|get' command"));
        assertThat(r.call("CONFIG", "SET", "timeout", "5")).isEqualTo(err("ERR command 'CONFIG SET' is not "
                + "supported by backend 'embedded' (the gateway's configuration is its YAML file)"));
        assertThat(r.call("CONFIG", "NOPE")).isEqualTo(err("ERR unknown subcommand 'NOPE'. Try CONFIG HELP."));
    }

    @Test
    void timeIsTheEngineClockInSecondsAndMicroseconds() {
        r.engine.advance(123_456); // from 1_700_000_000_000
        assertThat(r.call("TIME")).isEqualTo(List.of("1700000123", "456000"));
    }

    @Test
    void objectAnswersFreqAsUnderNoevictionAndRefusesWhatIsNotKept() {
        r.call("SET", "k", "v");
        assertThat(r.call("OBJECT", "FREQ", "missing")).isNull();
        assertThat((Object) r.call("OBJECT", "FREQ", "k")).isInstanceOf(Harness.Err.class)
                .asString().contains("An LFU maxmemory policy is not selected");
        assertThat(r.call("OBJECT", "ENCODING", "k")).isEqualTo(err("ERR command 'OBJECT ENCODING' is not "
                + "supported by backend 'embedded' (the engine keeps no Redis encodings, access times or shared "
                + "objects)"));
        assertThat(r.call("OBJECT", "IDLETIME")).isEqualTo(
                err("ERR wrong number of arguments for 'object|idletime' command"));
        assertThat(r.call("OBJECT", "NOPE", "k")).isEqualTo(err("ERR unknown subcommand 'NOPE'. Try OBJECT HELP."));
        assertThat(r.executor.support("OBJECT")).isEqualTo(CommandSupport.EMULATED);
    }
}
