package io.trustgate.redis.route;

import io.netty.buffer.ByteBufAllocator;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.command.CommandTable;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FeedsTest {

    private static List<String> keys(String... args) {
        RespRequest request = RespRequest.of(ByteBufAllocator.DEFAULT, args);
        try {
            List<byte[]> out = Feeds.keys(CommandTable.standard().lookup(request), request, new ArrayList<>());
            return out.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
        } finally {
            request.release();
        }
    }

    @Test
    void pushesReportTheirKeysNotTheirValues() {
        assertThat(keys("RPUSH", "jobs", "a", "b")).containsExactly("jobs");
        assertThat(keys("ZADD", "z", "1", "m")).containsExactly("z");
        assertThat(keys("LMOVE", "src", "dst", "LEFT", "RIGHT")).containsExactly("src", "dst");
        assertThat(keys("ZUNIONSTORE", "out", "2", "a", "b")).containsExactly("out", "a", "b");
    }

    @Test
    void writesThatCannotServeAWaiterReportNothing() {
        assertThat(keys("SET", "k", "v")).isEmpty();
        assertThat(keys("LPOP", "jobs")).isEmpty();
        assertThat(keys("DEL", "jobs")).isEmpty();
        assertThat(keys("GET", "k")).isEmpty();
    }

    @Test
    void unknownCommandsReportNothing() {
        assertThat(Feeds.keys(null, null, new ArrayList<>())).isEmpty();
    }
}
