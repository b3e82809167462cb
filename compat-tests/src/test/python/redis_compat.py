#!/usr/bin/python3
"""redis-py, unchanged, against a live trustgate listener.

Usage: /usr/bin/python3 redis_compat.py --host 127.0.0.1 --port 6380 --target passthrough|cluster|embedded
           [--backend NAME] [--lacks pubsub,blocking,...]

--backend and --lacks default to the table below; RedisPyIT passes them from Target.java, the one declaration.

Runs every check, prints one line per check and a final "N passed, M failed" line; exits 1 when any failed.
What a target lacks (see Target.java) is checked as a clear refusal instead of the feature.
"""
import argparse
import os
import inspect
import sys
import threading
import time
import traceback
import uuid

import redis

# Mirrors Target.java: the features each target lacks, and its backend name in refusals.
LACKS = {
    "passthrough": set(),
    "cluster": {"select", "resp3"},
    "embedded": set(),
    "postgres": set(),
    "mariadb": set(),
}
BACKEND = {"passthrough": "redis", "cluster": "cluster", "embedded": "embedded", "postgres": "postgres",
           "mariadb": "mariadb"}
TIMEOUT = 20  # seconds: every call has a socket timeout, so a silent gateway fails instead of hanging


class Checks:
    def __init__(self, host, port, target, backend, lacks):
        self.host, self.port, self.target = host, port, target
        self.backend, self.lacks = backend, lacks
        self.passed, self.failed = 0, 0
        self.prefix = "compat:py:%s:" % uuid.uuid4()
        self.keys = []  # (db, key) to delete at the end

    def client(self, **kwargs):
        return redis.Redis(host=self.host, port=self.port, socket_timeout=TIMEOUT,
                           socket_connect_timeout=5, **kwargs)

    def key(self, name, db=0):
        k = self.prefix + name
        self.keys.append((db, k))
        return k

    def has(self, feature):
        return feature not in self.lacks

    def refusal(self, command):
        return "command '%s' is not supported by backend '%s' (" % (command, self.backend)

    def run(self, check):
        name = check.__name__
        try:
            check()
        except Exception:  # a failed check must not stop the others
            self.failed += 1
            print("FAIL %s\n%s" % (name, traceback.format_exc()), flush=True)
        else:
            self.passed += 1
            print("ok   %s" % name, flush=True)

    def cleanup(self):
        for db in sorted({db for db, _ in self.keys}):
            if db != 0 and not self.has("select"):
                continue
            r = self.client(db=db)
            for d, k in self.keys:
                if d == db:
                    r.delete(k)
            r.close()


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def expect_error(error_type, text, call, *args):
    try:
        result = call(*args)
    except error_type as e:
        expect(text in str(e), "expected an error containing %r, got %r" % (text, str(e)))
        return
    raise AssertionError("expected %s containing %r, got the reply %r" % (error_type.__name__, text, result))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--target", choices=sorted(LACKS), required=True)
    parser.add_argument("--backend", help="backend name in refusals (default: by target)")
    parser.add_argument("--lacks", help="comma-separated features the target lacks (default: by target)")
    args = parser.parse_args()
    lacks = LACKS[args.target] if args.lacks is None else {f for f in args.lacks.lower().split(",") if f}
    c = Checks(args.host, args.port, args.target, args.backend or BACKEND[args.target], lacks)
    print("redis-py %s against %s on %s:%d (lacks: %s)" % (redis.__version__, args.target, args.host, args.port,
                                                           ",".join(sorted(lacks)) or "nothing"), flush=True)

    def set_get():
        r = c.client()
        k, n = c.key("k"), c.key("n")
        expect(r.ping() is True, "PING")
        expect(r.set(k, "v") is True, "SET")
        expect(r.get(k) == b"v", "GET")
        expect(r.expire(k, 100) is True, "EXPIRE")
        expect(0 < r.ttl(k) <= 100, "TTL")
        expect(r.incr(n) == 1 and r.incr(n) == 2, "INCR")
        a, b = c.key("a"), c.key("b")
        expect(r.mset({a: "A", b: "B"}) is True, "MSET")
        expect(r.mget(a, c.prefix + "none", b) == [b"A", None, b"B"], "MGET")
        expect(r.delete(k) == 1 and r.get(k) is None, "DEL")
        expect_error(redis.ResponseError, "unknown command 'NOSUCHCOMMAND'", r.execute_command, "NOSUCHCOMMAND")

    def pipeline_without_transaction():
        r = c.client()
        n = c.key("pn")
        pipe = r.pipeline(transaction=False)
        for i in range(1000):
            if i % 2 == 0:
                pipe.set(c.key("p%d" % i), "v%d" % i)
            else:
                pipe.get(c.prefix + "p%d" % (i - 1))
        pipe.incr(n)
        replies = pipe.execute()
        expect(len(replies) == 1001, "1001 replies, got %d" % len(replies))
        for i in range(1000):
            want = True if i % 2 == 0 else ("v%d" % (i - 1)).encode()
            expect(replies[i] == want, "reply %d: %r != %r" % (i, replies[i], want))
        expect(replies[1000] == 1, "INCR in pipeline")

    def pipeline_with_transaction():
        r = c.client()
        tag = "{%s}" % uuid.uuid4()
        a, b = c.key(tag + "a"), c.key(tag + "b")
        pipe = r.pipeline(transaction=True)
        pipe.set(a, "1").incr(a).set(b, "x").get(b)
        if not c.has("transactions"):
            expect_error(redis.ResponseError, c.refusal("MULTI"), pipe.execute)
            return
        expect(pipe.execute() == [True, 2, True, b"x"], "MULTI/EXEC replies")
        expect(r.get(a) == b"2", "after EXEC")

    def watch_conflict():
        r, other = c.client(), c.client()
        k = c.key("watched")
        r.set(k, "start")
        with r.pipeline(transaction=True) as pipe:
            pipe.watch(k)
            other.set(k, "changed")
            pipe.multi()
            pipe.set(k, "mine")
            try:
                pipe.execute()
            except redis.WatchError:
                pass
            else:
                raise AssertionError("EXEC after a conflicting write must raise WatchError")
        expect(r.get(k) == b"changed", "the other connection's write stays")

    def pubsub():
        r, publisher = c.client(), c.client()
        channel = c.prefix + "channel"
        p = r.pubsub()
        if not c.has("pubsub"):
            # redis-py sends SUBSCRIBE without reading; the refusal arrives as the next message.
            expect_error(redis.ResponseError, c.refusal("SUBSCRIBE"),
                         lambda: (p.subscribe(channel), p.get_message(timeout=10))[1])
            expect_error(redis.ResponseError, c.refusal("PUBLISH"), publisher.publish, channel, "hello")
            return
        p.subscribe(channel)
        first = p.get_message(timeout=10)
        expect(first is not None and first["type"] == "subscribe", "subscribe confirmation: %r" % (first,))
        publisher.publish(channel, "hello")
        message = p.get_message(timeout=10)
        expect(message is not None and message["type"] == "message" and message["data"] == b"hello",
               "message: %r" % (message,))
        p.unsubscribe(channel)
        p.close()

    def blpop_timeout():
        r = c.client()
        lst = c.key("list")
        if not c.has("blocking"):
            expect_error(redis.ResponseError, c.refusal("BLPOP"), r.blpop, [lst], 1)
            expect(r.ping() is True, "connection usable after the refusal")
            return
        start = time.monotonic()
        expect(r.blpop([lst], 1) is None, "BLPOP on an empty list returns None")
        expect(time.monotonic() - start < 10, "BLPOP returned within 10 s")
        result = {}
        waiter = threading.Thread(target=lambda: result.update(popped=c.client().blpop([lst], 10)))
        waiter.start()
        time.sleep(0.2)
        r.rpush(lst, "item")
        waiter.join(15)
        expect(result.get("popped") == (lst.encode(), b"item"), "BLPOP served by RPUSH: %r" % (result,))

    def select():
        k = c.key("db", db=2)
        c.keys.append((0, k))
        r2, r0 = c.client(db=2), c.client(db=0)
        expect(r2.set(k, "two") is True, "SET in db 2")
        expect(r0.get(k) is None, "db 0 does not see db 2")
        r0.set(k, "zero")
        expect(r2.get(k) == b"two", "db 2 keeps its value")

    def select_refused():
        r = c.client()
        expect_error(redis.ResponseError, "SELECT is not allowed in cluster mode", r.execute_command, "SELECT", 2)
        expect(r.ping() is True, "connection usable after the refusal")

    def large_value():
        r = c.client()
        k = c.key("big")
        value = os.urandom(10 * 1024 * 1024 + 3)
        expect(r.set(k, value) is True, "SET 10 MB")
        back = r.get(k)
        expect(back == value, "10 MB value read back byte-exact (got %d bytes)" % len(back or b""))

    def server_introspection():
        r = c.client()
        info = r.info()
        expect("redis_version" in info and "connected_clients" in info, "INFO has server and clients fields")
        expect(r.config_get("databases") == {"databases": "16"}, "CONFIG GET databases")
        expect(r.command_count() >= 200, "COMMAND COUNT")
        expect(r.command()["get"]["arity"] == 2, "COMMAND parsed: GET has arity 2")
        seconds, micros = r.time()
        expect(seconds > 1_600_000_000 and 0 <= micros < 1_000_000, "TIME")

    def scores_in_both_protocols():
        z = c.key("scores")
        # redis-py speaks RESP3 from 5.0 on (the protocol= argument); Debian's 4.3 speaks RESP2 only, and the
        # RESP3 shapes are then checked by the Lettuce suites and the differential tests instead.
        speaks_resp3 = "protocol" in inspect.signature(redis.Redis.__init__).parameters
        for protocol in (2, 3) if c.has("resp3") and speaks_resp3 else (2,):
            r = c.client(protocol=protocol) if speaks_resp3 else c.client()
            r.delete(z)
            r.zadd(z, {"a": 1.5, "b": 2})
            expect([tuple(p) for p in r.zrange(z, 0, -1, withscores=True)] == [(b"a", 1.5), (b"b", 2.0)],
                   "ZRANGE WITHSCORES in RESP%d" % protocol)
            expect([tuple(p) for p in r.zpopmin(z, 1)] == [(b"a", 1.5)], "ZPOPMIN count in RESP%d" % protocol)
            expect(r.zscore(z, "b") == 2.0, "ZSCORE in RESP%d" % protocol)

    checks = [set_get, pipeline_without_transaction, pipeline_with_transaction, watch_conflict, pubsub,
              blpop_timeout, large_value, select if c.has("select") else select_refused, server_introspection,
              scores_in_both_protocols]
    for check in checks:
        c.run(check)
    try:
        c.cleanup()
    except Exception:
        print("cleanup failed:\n%s" % traceback.format_exc(), flush=True)
    print("%d passed, %d failed" % (c.passed, c.failed), flush=True)
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main())
