package io.trustgate.redis.session;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.IntegerRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.handler.codec.redis.SimpleStringRedisMessage;
import io.trustgate.redis.codec.RespRequest;
import io.trustgate.redis.codec.RespVersion;
import io.trustgate.redis.codec.resp3.MapRedisMessage;
import io.trustgate.redis.command.CommandSpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Commands about the connection itself, answered by the gateway whatever the backend: PING, ECHO, AUTH,
 * HELLO, SELECT, CLIENT, QUIT, RESET, and the MULTI/EXEC/DISCARD/WATCH/UNWATCH verbs (delegated to
 * {@link Transaction}). Replies and errors are the ones Redis 7 gives, because clients send these on connect
 * and match on them.
 */
final class ConnectionCommands {

    static final String SERVER_VERSION = io.trustgate.redis.command.RedisVersion.ANNOUNCED;
    private static final SimpleStringRedisMessage OK = new SimpleStringRedisMessage("OK");
    private static final SimpleStringRedisMessage PONG = new SimpleStringRedisMessage("PONG");
    private static final Set<String> LOCAL = SessionCommands.ANSWERED;
    /** Inside MULTI these still act at once; every other command is queued. */
    private static final Set<String> IMMEDIATE_IN_MULTI = Set.of("MULTI", "EXEC", "DISCARD", "WATCH", "QUIT",
            "RESET");
    private static final Set<String> BEFORE_AUTH = Set.of("AUTH", "HELLO", "QUIT", "RESET");
    /** {@link #LOCAL} by command index, so the per-command test is an array read. */
    private static final boolean[] LOCAL_BY_INDEX = byIndex(LOCAL);

    private static boolean[] byIndex(Set<String> names) {
        var all = io.trustgate.redis.command.CommandTable.standard().all();
        boolean[] flags = new boolean[all.size()];
        for (CommandSpec spec : all) {
            flags[spec.index()] = names.contains(spec.name());
        }
        return flags;
    }

    private final ClientSession session;

    ConnectionCommands(ClientSession session) {
        this.session = session;
    }

    static boolean allowedBeforeAuth(CommandSpec spec) {
        return spec != null && BEFORE_AUTH.contains(spec.name());
    }

    boolean handles(CommandSpec spec) {
        if (spec == null || !LOCAL_BY_INDEX[spec.index()]) {
            return false;
        }
        return !session.transaction.isOpen() || IMMEDIATE_IN_MULTI.contains(spec.name());
    }

    void execute(CommandSpec spec, RespRequest request) {
        if (!spec.arityAccepts(request.argc())) {
            request.release();
            session.reply(new ErrorRedisMessage(spec.arityError()));
            return;
        }
        switch (spec.name()) {
            case "WATCH" -> {
                session.transaction.watch(request, spec);
                return;
            }
            case "HELLO" -> {
                hello(request);
                return;
            }
            case "CLIENT" -> {
                if (request.argIs(1, "TRACKING")) {
                    session.enterRelay(request, spec);
                    return;
                }
            }
            default -> {
            }
        }
        try {
            RedisMessage reply = switch (spec.name()) {
                case "PING" -> request.argc() == 1 ? PONG : bulk(request.argBytes(1));
                case "ECHO" -> bulk(request.argBytes(1));
                case "AUTH" -> auth(request.argc() == 3 ? request.argString(1) : "default",
                        request.argString(request.argc() - 1));
                case "SELECT" -> select(request);
                case "CLIENT" -> client(request);
                case "QUIT" -> {
                    session.reply(OK);
                    session.quit();
                    yield null;
                }
                case "RESET" -> {
                    session.reset();
                    yield new SimpleStringRedisMessage("RESET");
                }
                case "MULTI" -> {
                    session.transaction.multi();
                    yield null;
                }
                case "EXEC" -> {
                    session.transaction.exec();
                    yield null;
                }
                case "DISCARD" -> {
                    session.transaction.discard();
                    yield null;
                }
                case "UNWATCH" -> {
                    session.transaction.unwatch();
                    yield null;
                }
                default -> throw new IllegalStateException(spec.name());
            };
            if (reply != null) {
                session.reply(reply);
            }
        } finally {
            request.release();
        }
    }

    private RedisMessage auth(String user, String password) {
        if (session.settings.password() == null) {
            if (user.equals("default")) {
                return new ErrorRedisMessage("ERR AUTH <password> called without any password configured for the "
                        + "default user. Are you sure your configuration is correct?");
            }
            return wrongPass();
        }
        if (user.equals("default") && constantTimeEquals(password, session.settings.password())) {
            session.authenticated = true;
            return OK;
        }
        session.metrics.error("auth");
        return wrongPass();
    }

    private static ErrorRedisMessage wrongPass() {
        return new ErrorRedisMessage("WRONGPASS invalid username-password pair or user is disabled.");
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private void hello(RespRequest request) {
        int protocol = session.protocol().number();
        int i = 1;
        if (request.argc() > 1) {
            try {
                protocol = (int) request.argLong(1);
            } catch (NumberFormatException e) {
                request.release();
                session.reply(new ErrorRedisMessage("ERR Protocol version is not an integer or out of range"));
                return;
            }
            i = 2;
            if (protocol != 2 && protocol != 3) {
                request.release();
                session.reply(new ErrorRedisMessage("NOPROTO unsupported protocol version"));
                return;
            }
        }
        String setName = null;
        for (; i < request.argc(); i++) {
            if (request.argIs(i, "AUTH") && i + 2 < request.argc()) {
                RedisMessage result = auth(request.argString(i + 1), request.argString(i + 2));
                if (result instanceof ErrorRedisMessage) {
                    request.release();
                    session.reply(result);
                    return;
                }
                i += 2;
            } else if (request.argIs(i, "SETNAME") && i + 1 < request.argc()) {
                setName = request.argString(++i);
            } else {
                String option = request.argString(i);
                request.release();
                session.reply(new ErrorRedisMessage("ERR Syntax error in HELLO option '" + option + "'"));
                return;
            }
        }
        if (!session.authenticated) {
            request.release();
            session.reply(new ErrorRedisMessage("NOAUTH HELLO must be called with the client already "
                    + "authenticated, otherwise the HELLO <proto> AUTH <user> <pass> option can be used to "
                    + "authenticate the client and select the RESP protocol version at the same time"));
            return;
        }
        if (setName != null) {
            if (!validName(setName)) {
                request.release();
                session.reply(new ErrorRedisMessage("ERR Client names cannot contain spaces, newlines or special "
                        + "characters."));
                return;
            }
            session.name = setName.isEmpty() ? null : setName;
        }
        request.release();
        if (protocol == 3 && session.protocol() != RespVersion.RESP3 && !composesEveryReply()) {
            // RESP3 is relayed to a connection of the client's own where the backend allows it; the backend's
            // own HELLO reply (a RESP3 map) then reaches the client unchanged. Elsewhere the session refuses it
            // with -NOPROTO, on which clients fall back to RESP2.
            RespRequest hello3 = RespRequest.of(session.channel.alloc(), "HELLO", "3");
            session.enterRelay(hello3, session.table.lookup("HELLO"));
            return;
        }
        // Like Redis, the version changes before the reply, so HELLO 3 is answered with a RESP3 map and
        // HELLO 2 with the flat array the encoder downgrades the map to.
        session.switchProtocol(protocol == 3 ? RespVersion.RESP3 : RespVersion.RESP2);
        session.reply(helloReply(protocol));
    }

    /** True when every backend of the listener has its replies composed by the gateway, which can then
     *  encode them in RESP3; a backend whose bytes pass through would answer a RESP3 client in RESP2. */
    private boolean composesEveryReply() {
        for (io.trustgate.redis.route.RedisRouter.Route route : session.router.routes()) {
            if (!route.target().speaksResp3()) {
                return false;
            }
        }
        return true;
    }

    private RedisMessage helloReply(int protocol) {
        return new MapRedisMessage(List.of(
                bulk("server"), bulk("redis"),
                bulk("version"), bulk(SERVER_VERSION),
                bulk("proto"), new IntegerRedisMessage(protocol),
                bulk("id"), new IntegerRedisMessage(session.id),
                bulk("mode"), bulk("standalone"),
                bulk("role"), bulk("master"),
                bulk("modules"), ArrayRedisMessage.EMPTY_INSTANCE));
    }

    private RedisMessage select(RespRequest request) {
        long db;
        try {
            db = request.argLong(1);
        } catch (NumberFormatException e) {
            return new ErrorRedisMessage("ERR value is not an integer or out of range");
        }
        if (db < 0 || db >= io.trustgate.redis.route.RedisRouter.DATABASES || !session.router.servesDb((int) db)) {
            return new ErrorRedisMessage("ERR DB index is out of range");
        }
        io.trustgate.redis.route.RouteTarget target = session.router.defaultTarget((int) db);
        String refusal = target == null ? null : target.selectError((int) db);
        if (refusal != null) {
            return new ErrorRedisMessage(refusal);
        }
        session.db = (int) db;
        return OK;
    }

    private RedisMessage client(RespRequest request) {
        String sub = request.argString(1).toUpperCase(Locale.ROOT);
        int argc = request.argc();
        switch (sub) {
            case "SETNAME" -> {
                if (argc != 3) {
                    return subArity("setname");
                }
                String name = request.argString(2);
                if (!validName(name)) {
                    return new ErrorRedisMessage("ERR Client names cannot contain spaces, newlines or special "
                            + "characters.");
                }
                session.name = name.isEmpty() ? null : name;
                return OK;
            }
            case "GETNAME" -> {
                return session.name == null ? FullBulkStringRedisMessage.NULL_INSTANCE : bulk(session.name);
            }
            case "ID" -> {
                return new IntegerRedisMessage(session.id);
            }
            case "SETINFO" -> {
                if (argc != 4) {
                    return subArity("setinfo");
                }
                String value = request.argString(3);
                if (request.argIs(2, "LIB-NAME")) {
                    if (!validName(value)) {
                        return new ErrorRedisMessage("ERR lib-name cannot contain spaces, newlines or special "
                                + "characters.");
                    }
                    session.libName = value;
                } else if (request.argIs(2, "LIB-VER")) {
                    if (!validName(value)) {
                        return new ErrorRedisMessage("ERR lib-ver cannot contain spaces, newlines or special "
                                + "characters.");
                    }
                    session.libVersion = value;
                } else {
                    return new ErrorRedisMessage("ERR Unrecognized option '" + request.argString(2) + "'");
                }
                return OK;
            }
            case "INFO" -> {
                return bulk(ClientInfo.line(session) + "\n");
            }
            case "LIST" -> {
                return bulk(ClientInfo.list(session));
            }
            case "NO-EVICT", "NO-TOUCH" -> {
                if (argc != 3 || !(request.argIs(2, "ON") || request.argIs(2, "OFF"))) {
                    return new ErrorRedisMessage("ERR syntax error");
                }
                return OK;
            }
            default -> {
                return new ErrorRedisMessage("ERR command 'CLIENT " + sub + "' is not supported by trustgate "
                        + "(it would act on the gateway's shared backend connections, not on this client)");
            }
        }
    }

    private static ErrorRedisMessage subArity(String sub) {
        return new ErrorRedisMessage("ERR wrong number of arguments for 'client|" + sub + "' command");
    }

    private static boolean validName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '!' || c > '~') {
                return false;
            }
        }
        return true;
    }

    /** Redis 7's reply to a command it does not know. */
    static String unknownCommand(RespRequest request) {
        StringBuilder sb = new StringBuilder("ERR unknown command '").append(abbreviate(request.argString(0)))
                .append("', with args beginning with: ");
        for (int i = 1; i < request.argc() && sb.length() < 128; i++) {
            sb.append('\'').append(abbreviate(request.argString(i))).append("' ");
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 128 ? s.substring(0, 128) + "..." : s;
    }

    private static FullBulkStringRedisMessage bulk(String s) {
        return bulk(s.getBytes(StandardCharsets.UTF_8));
    }

    private static FullBulkStringRedisMessage bulk(byte[] bytes) {
        return new FullBulkStringRedisMessage(Unpooled.wrappedBuffer(bytes));
    }
}
