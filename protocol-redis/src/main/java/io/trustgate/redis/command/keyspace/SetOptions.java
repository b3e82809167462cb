package io.trustgate.redis.command.keyspace;

/**
 * The options of SET and GETEX (NX, XX, GET, KEEPTTL, PERSIST, EX, PX, EXAT, PXAT), parsed as Redis's
 * {@code parseExtendedStringArgumentsOrReply}: an option is a syntax error when it conflicts with another one
 * already given or does not belong to the command, but repeating the same option is allowed (the last time wins).
 */
final class SetOptions {

    enum Unit {
        EX(1000, true), PX(1, true), EXAT(1000, false), PXAT(1, false);

        final long millisPerUnit;
        final boolean relative;

        Unit(long millisPerUnit, boolean relative) {
            this.millisPerUnit = millisPerUnit;
            this.relative = relative;
        }
    }

    boolean nx;
    boolean xx;
    boolean get;
    boolean keepTtl;
    boolean persist;
    /** The expiry unit given, or null. */
    Unit unit;
    /** The raw expiry argument, parsed only when the command reaches that step (GETEX checks the key first). */
    byte[] expireArg;

    private SetOptions() {
    }

    /** Parses {@code c}'s arguments from {@code from}; {@code forSet} selects SET's options, else GETEX's. */
    static SetOptions parse(Call c, int from, boolean forSet) {
        SetOptions o = new SetOptions();
        for (int j = from; j < c.argc(); j++) {
            boolean hasNext = j + 1 < c.argc();
            if (forSet && c.argIs(j, "NX") && !o.xx) {
                o.nx = true;
            } else if (forSet && c.argIs(j, "XX") && !o.nx) {
                o.xx = true;
            } else if (forSet && c.argIs(j, "GET")) {
                o.get = true;
            } else if (forSet && c.argIs(j, "KEEPTTL") && o.unit == null) {
                o.keepTtl = true;
            } else if (!forSet && c.argIs(j, "PERSIST") && o.unit == null) {
                o.persist = true;
            } else if (hasNext && o.unitFor(c, j) != null) {
                o.unit = o.unitFor(c, j);
                o.expireArg = c.arg(++j);
            } else {
                throw CommandException.syntax();
            }
        }
        return o;
    }

    /** The unit argument {@code j} names, when it does not conflict with options already given. */
    private Unit unitFor(Call c, int j) {
        if (keepTtl || persist) {
            return null;
        }
        for (Unit u : Unit.values()) {
            if (c.argIs(j, u.name())) {
                return unit == null || unit == u ? u : null;
            }
        }
        return null;
    }

    boolean hasExpiry() {
        return unit != null;
    }

    /**
     * The absolute expiry in Unix ms, validated as Redis's {@code getExpireMillisecondsOrReply}: an integer, then
     * positive and convertible to ms without overflow, relative times added to the unit's clock.
     */
    long expireAt(Call c) {
        return expireAt(c, Numbers.parseLong(expireArg), unit);
    }

    static long expireAt(Call c, long value, Unit unit) {
        if (value <= 0 || (unit.millisPerUnit == 1000 && value > Long.MAX_VALUE / 1000)) {
            throw CommandException.invalidExpire(c.name());
        }
        long millis = value * unit.millisPerUnit;
        if (unit.relative) {
            if (millis > Long.MAX_VALUE - c.now()) {
                throw CommandException.invalidExpire(c.name());
            }
            millis += c.now();
        }
        return millis;
    }
}
