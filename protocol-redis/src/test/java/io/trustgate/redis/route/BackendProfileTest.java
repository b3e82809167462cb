package io.trustgate.redis.route;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.util.ReferenceCountUtil;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.command.CommandSpec;
import io.trustgate.redis.command.keyspace.CommandSupport;
import io.trustgate.redis.command.keyspace.KeyspaceCommandExecutor;
import io.trustgate.redis.route.BackendProfile.Answer;
import io.trustgate.redis.session.SessionCommands;
import io.trustgate.redis.spi.Capability;
import io.trustgate.redis.spi.KeyspaceEngine;
import io.trustgate.redis.spi.KeyspaceTransaction;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackendProfileTest {

    /** Declares capabilities and nothing else: any command that reaches the data fails the test. */
    private record DeclaringEngine(Set<Capability> capabilities) implements KeyspaceEngine {
        @Override
        public int databases() {
            return 16;
        }

        @Override
        public <T> CompletionStage<T> atomically(Access access, Function<KeyspaceTransaction, T> work) {
            throw new AssertionError("a refused command reached the engine");
        }

        @Override
        public void close() {
        }
    }

    private final KeyspaceCommandExecutor stringsOnly = new KeyspaceCommandExecutor("kv",
            new DeclaringEngine(EnumSet.of(Capability.STRINGS, Capability.EXPIRY)));
    private final BackendProfile profile = BackendProfile.of("kv",
            new KeyspaceTarget("kv", stringsOnly).declaration());

    @Test
    void keyspaceAnswersFollowTheEngineCapabilities() {
        assertThat(profile.answer("get")).isEqualTo(Answer.nativeAnswer(null));
        assertThat(profile.answer("LPUSH")).isEqualTo(Answer.refused("no lists"));
        assertThat(profile.answer("HSET")).isEqualTo(Answer.refused("no hashes"));
        assertThat(profile.answer("BLPOP").support()).isEqualTo(CommandSupport.REFUSED);
        assertThat(profile.answer("EXEC")).isEqualTo(Answer.refused("no transactions"));
        assertThat(profile.answer("WATCH")).isEqualTo(Answer.refused("no transactions"));
    }

    @Test
    void emulatedAndIgnoredCommandsSayWhatDiffers() {
        assertThat(profile.answer("UNLINK").support()).isEqualTo(CommandSupport.EMULATED);
        assertThat(profile.answer("UNLINK").reason()).contains("DEL");
        assertThat(profile.answer("TOUCH").support()).isEqualTo(CommandSupport.IGNORED);
        assertThat(profile.answer("TOUCH").reason()).contains("access clock");
        assertThat(profile.answer("WAIT").support()).isEqualTo(CommandSupport.IGNORED);
        assertThat(profile.answer("WAIT").reason()).contains("replicas");
    }

    @Test
    void connectionCommandsAreTheGatewaysForEveryBackend() {
        for (String name : SessionCommands.CONNECTION) {
            Answer answer = profile.answer(name);
            assertThat(answer.support()).as(name).isEqualTo(CommandSupport.NATIVE);
            assertThat(answer.reason()).as(name).startsWith("answered by the gateway");
        }
        assertThat(profile.answer("CLIENT").reason()).contains("TRACKING starts relay mode");
    }

    @Test
    void relayFormsAskTheTarget() {
        RespRequest subscribe = sample("SSUBSCRIBE", "news");
        String targetSays = new KeyspaceTarget("kv", stringsOnly).relayUnsupportedReason(subscribe);
        subscribe.release();
        assertThat(targetSays).isEqualTo("no sharded pub/sub");
        assertThat(profile.answer("SSUBSCRIBE")).isEqualTo(Answer.refused(targetSays));
        assertThat(profile.answer("SUBSCRIBE").support()).as("the gateway's hub").isEqualTo(CommandSupport.EMULATED);
        assertThat(profile.answer("PUBLISH").support()).isEqualTo(CommandSupport.EMULATED);
        assertThat(profile.answer("CLIENT TRACKING").support()).isEqualTo(CommandSupport.REFUSED);
        assertThat(profile.answer("MONITOR").support()).isEqualTo(CommandSupport.REFUSED);
        assertThat(profile.answer("hello 3").support()).isEqualTo(CommandSupport.NATIVE);
        assertThat(profile.answer("HELLO").support()).isEqualTo(CommandSupport.NATIVE);
        assertThat(profile.answer("SELECT 1")).isEqualTo(Answer.nativeAnswer(null));
    }

    @Test
    void unknownNamesAreUnknown() {
        assertThat(profile.answer("FROB").support()).isEqualTo(CommandSupport.UNKNOWN);
    }

    @Test
    void rowsAreEveryCommandPlusTheFormsThatDiffer() {
        List<String> forms = profile.forms();
        assertThat(forms).contains("GET", "HELLO", "HELLO 3", "CLIENT TRACKING", "SELECT 1", "ZADD")
                .isSorted().doesNotHaveDuplicates();
        assertThat(forms.indexOf("HELLO 3")).isEqualTo(forms.indexOf("HELLO") + 1);
        assertThat(forms).hasSize(io.trustgate.redis.command.CommandTable.standard().all().size()
                + SessionCommands.FORMS.size());
        for (String form : forms) {
            assertThat(profile.answer(form).support()).as(form).isNotEqualTo(CommandSupport.UNKNOWN);
        }
    }

    @Test
    void groupsComeFromRedisCommandDocs() {
        assertThat(BackendProfile.group("GET")).isEqualTo("string");
        assertThat(BackendProfile.group("ZADD")).isEqualTo("sorted-set");
        assertThat(BackendProfile.group("SCRIPT LOAD")).isEqualTo("scripting");
        assertThat(BackendProfile.group("HELLO 3")).isEqualTo("connection");
        assertThat(BackendProfile.group("FROB")).isNull();
    }

    @Test
    void everyDeclaredRefusalIsTheRefusalTheExecutorAnswers() {
        int checked = 0;
        for (String form : profile.forms()) {
            Answer answer = profile.answer(form);
            RespRequest request = sample(form.split(" "));
            CommandSpec spec = io.trustgate.redis.command.CommandTable.standard().lookup(request);
            boolean routed = !SessionCommands.CONNECTION.contains(spec.name())
                    && !SessionCommands.startsRelay(spec, request);
            if (answer.support() != CommandSupport.REFUSED || !routed) {
                request.release();
                continue;
            }
            RedisMessage reply = stringsOnly.execute(0, request).toCompletableFuture().join();
            request.release();
            assertThat(reply).as(form).isInstanceOf(ErrorRedisMessage.class);
            assertThat(((ErrorRedisMessage) reply).content()).as(form)
                    .endsWith("is not supported by backend 'kv' (" + answer.reason() + ")");
            ReferenceCountUtil.release(reply);
            checked++;
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void onlyNativeAnswersMayGoWithoutAReason() {
        assertThatThrownBy(() -> new Answer(CommandSupport.REFUSED, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Answer(CommandSupport.EMULATED, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Answer(CommandSupport.NATIVE, null).reason()).isNull();
    }

    private static RespRequest sample(String... args) {
        return RespRequest.of(ByteBufAllocator.DEFAULT, args);
    }
}
