package io.trustgate.redis.session;

import io.netty.buffer.ByteBufAllocator;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.command.CommandTable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionCommandsTest {

    private static boolean startsRelay(String... args) {
        RespRequest r = RespRequest.of(ByteBufAllocator.DEFAULT, args);
        try {
            return SessionCommands.startsRelay(CommandTable.standard().lookup(r), r);
        } finally {
            r.release();
        }
    }

    @Test
    void connectionWideModesStartRelay() {
        assertThat(startsRelay("SUBSCRIBE", "news")).isTrue();
        assertThat(startsRelay("PSUBSCRIBE", "n*")).isTrue();
        assertThat(startsRelay("SSUBSCRIBE", "news")).isTrue();
        assertThat(startsRelay("MONITOR")).isTrue();
        assertThat(startsRelay("client", "tracking", "on")).isTrue();
        assertThat(startsRelay("HELLO", "3")).isTrue();
    }

    @Test
    void ordinaryFormsDoNot() {
        assertThat(startsRelay("PUBLISH", "news", "x")).isFalse();
        assertThat(startsRelay("PUBSUB", "CHANNELS")).isFalse();
        assertThat(startsRelay("CLIENT", "SETNAME", "x")).isFalse();
        assertThat(startsRelay("HELLO", "2")).isFalse();
        assertThat(startsRelay("HELLO")).isFalse();
        assertThat(startsRelay("GET", "k")).isFalse();
        assertThat(SessionCommands.startsRelay(null, null)).isFalse();
    }

    @Test
    void everyDeclaredNameIsARedisCommand() {
        assertThat(SessionCommands.ANSWERED).hasSize(SessionCommands.CONNECTION.size()
                + SessionCommands.TRANSACTION.size());
        for (String name : SessionCommands.ANSWERED) {
            assertThat(CommandTable.standard().lookup(name)).as(name).isNotNull();
        }
        for (String form : SessionCommands.FORMS) {
            assertThat(SessionCommands.ANSWERED).contains(form.split(" ")[0]);
        }
    }
}
