package io.trustgate.redis.command.keyspace;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.trustgate.redis.command.keyspace.Harness.err;
import static org.assertj.core.api.Assertions.assertThat;

class ScanCommandsTest {

    private final Harness r = new Harness();

    @SuppressWarnings("unchecked")
    private Set<String> scanAll(String... options) {
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        int rounds = 0;
        do {
            List<String> args = new ArrayList<>(List.of("SCAN", cursor));
            args.addAll(List.of(options));
            List<Object> reply = (List<Object>) r.call(args.toArray(new String[0]));
            cursor = (String) reply.get(0);
            seen.addAll((List<String>) reply.get(1));
            assertThat(++rounds).isLessThan(10_000);
        } while (!cursor.equals("0"));
        return seen;
    }

    @SuppressWarnings("unchecked")
    private List<String> keys(String pattern) {
        return (List<String>) r.call("KEYS", pattern);
    }

    @Test
    void keysFiltersWithTheGlob() {
        r.call("MSET", "user:1", "a", "user:2", "b", "order:1", "c");
        assertThat(keys("user:*")).containsExactlyInAnyOrder("user:1", "user:2");
        assertThat(keys("*")).hasSize(3);
        assertThat(keys("nothing*")).isEmpty();
    }

    @Test
    void keysSkipsExpiredKeys() {
        r.call("SET", "a", "1", "PX", "10");
        r.call("SET", "b", "1");
        r.engine.advance(11);
        assertThat(r.call("KEYS", "*")).isEqualTo(List.of("b"));
    }

    @Test
    void fullScanReturnsEveryKey() {
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 57; i++) {
            r.call("SET", "k" + i, "v");
            expected.add("k" + i);
        }
        assertThat(scanAll("COUNT", "7")).isEqualTo(expected);
        assertThat(scanAll()).isEqualTo(expected);
    }

    @Test
    void matchAndTypeFilterTheReturnedKeys() {
        r.call("MSET", "s:1", "a", "s:2", "b");
        r.call("RPUSH", "l:1", "x");
        assertThat(scanAll("MATCH", "s:*")).containsExactlyInAnyOrder("s:1", "s:2");
        assertThat(scanAll("TYPE", "LIST")).containsExactly("l:1");
        assertThat(scanAll("TYPE", "zset")).isEmpty();
        assertThat(scanAll("TYPE", "nosuchtype")).isEmpty();
        assertThat(scanAll("MATCH", "*", "TYPE", "string", "COUNT", "1")).containsExactlyInAnyOrder("s:1", "s:2");
    }

    @Test
    void cursorParsingFollowsStrtoul() {
        r.call("SET", "k", "v");
        assertThat(r.call("SCAN", "abc")).isEqualTo(err("ERR invalid cursor"));
        assertThat(r.call("SCAN", " 1")).isEqualTo(err("ERR invalid cursor"));
        assertThat(r.call("SCAN", "18446744073709551616")).isEqualTo(err("ERR invalid cursor"));
        assertThat(r.call("SCAN", "18446744073709551615")).isEqualTo(List.of("0", List.of()));
        assertThat(r.call("SCAN", "-1")).isEqualTo(List.of("0", List.of()));
        assertThat(r.call("SCAN", "")).isEqualTo(List.of("0", List.of("k")));
    }

    @Test
    void scanOptionErrors() {
        assertThat(r.call("SCAN", "0", "COUNT", "0")).isEqualTo(err("ERR syntax error"));
        assertThat(r.call("SCAN", "0", "COUNT", "x")).isEqualTo(err("ERR value is not an integer or out of range"));
        assertThat(r.call("SCAN", "0", "MATCH")).isEqualTo(err("ERR syntax error"));
        assertThat(r.call("SCAN", "0", "foo", "bar")).isEqualTo(err("ERR syntax error"));
    }

    @Test
    void randomkeyReturnsAnExistingKeyOrNil() {
        assertThat(r.call("RANDOMKEY")).isNull();
        r.call("MSET", "a", "1", "b", "2");
        assertThat(r.call("RANDOMKEY")).isIn("a", "b");
    }
}
