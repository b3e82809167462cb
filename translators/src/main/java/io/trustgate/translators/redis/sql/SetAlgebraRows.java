package io.trustgate.translators.redis.sql;

import io.trustgate.redis.spi.SetAlgebra;
import org.jdbi.v3.core.statement.Query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * SINTER, SUNION, SDIFF (and their STORE forms, which store the result whole) and SINTERCARD computed by the
 * database over the sets' rows, so that only the result travels. The key rows come from {@link SqlKeyspace#row}
 * (cached, expired keys absent, locked in a WRITE unit); a key named twice is one set. Each statement reads the
 * members of one set, {@code s}, and keeps or drops each by whether the other sets hold it ({@code EXISTS} on the
 * member's hash index, then its bytes): an intersection keeps the members of the first set that every other set
 * holds, a difference those that no other set holds, and a union takes each member from the set of lowest id that
 * holds it. Members are unique within a set, so no statement needs DISTINCT or GROUP BY (which MariaDB would apply
 * to a BLOB's first bytes only). Callers have checked that every key holds a set or does not exist.
 */
final class SetAlgebraRows {

    private final SqlKeyspace ks;
    private final SqlTransaction tx;

    SetAlgebraRows(SqlKeyspace ks) {
        this.ks = ks;
        this.tx = ks.tx;
    }

    /** A condition on {@code s}'s rows and the key ids it binds in order; null when the result is empty. */
    private record Selection(String where, List<Long> ids) {
    }

    List<byte[]> combine(SetAlgebra op, List<byte[]> keys) {
        Selection sel = select(op, keys);
        if (sel == null) {
            return new ArrayList<>();
        }
        var q = tx.query("SELECT s.member FROM " + tx.tables.sets() + " s WHERE " + sel.where());
        bind(q, sel.ids());
        return q.mapTo(byte[].class).list();
    }

    long interCard(List<byte[]> keys, long limit) {
        Selection sel = select(SetAlgebra.INTER, keys);
        if (sel == null) {
            return 0;
        }
        String rows = "FROM " + tx.tables.sets() + " s WHERE " + sel.where();
        var q = tx.query(limit > 0 ? "SELECT COUNT(*) FROM (SELECT 1 AS one " + rows + " LIMIT " + limit + ") c"
                : "SELECT COUNT(*) " + rows);
        bind(q, sel.ids());
        return q.mapTo(Long.class).one();
    }

    private Selection select(SetAlgebra op, List<byte[]> keys) {
        Set<Long> live = new LinkedHashSet<>();
        boolean anyAbsent = false;
        for (byte[] key : keys) {
            KeyRow r = ks.row(key);
            if (r == KeyRow.ABSENT) {
                anyAbsent = true;
            } else {
                live.add(r.id);
            }
        }
        List<Long> ids = new ArrayList<>(live);
        switch (op) {
            case INTER -> {
                if (anyAbsent) {
                    return null;
                }
                StringBuilder where = new StringBuilder("s.key_id = ?");
                for (int i = 1; i < ids.size(); i++) {
                    where.append(" AND EXISTS (SELECT 1 FROM ").append(tx.tables.sets())
                            .append(" t WHERE t.key_id = ? AND ").append(sameMember()).append(')');
                }
                return new Selection(where.toString(), ids);
            }
            case DIFF -> {
                KeyRow first = ks.row(keys.get(0));
                if (first == KeyRow.ABSENT) {
                    return null;
                }
                List<Long> others = new ArrayList<>();
                for (int i = 1; i < keys.size(); i++) {
                    KeyRow r = ks.row(keys.get(i));
                    if (r.id == first.id) {
                        return null; // a set less itself
                    }
                    if (r != KeyRow.ABSENT && !others.contains(r.id)) {
                        others.add(r.id);
                    }
                }
                List<Long> bound = new ArrayList<>(others.size() + 1);
                bound.add(first.id);
                bound.addAll(others);
                return new Selection(others.isEmpty() ? "s.key_id = ?" : "s.key_id = ? AND NOT EXISTS (SELECT 1 FROM "
                        + tx.tables.sets() + " t WHERE t.key_id IN (" + marks(others.size()) + ") AND "
                        + sameMember() + ")", bound);
            }
            case UNION -> {
                if (ids.isEmpty()) {
                    return null;
                }
                if (ids.size() == 1) {
                    return new Selection("s.key_id = ?", ids);
                }
                List<Long> bound = new ArrayList<>(ids);
                bound.addAll(ids);
                return new Selection("s.key_id IN (" + marks(ids.size()) + ") AND NOT EXISTS (SELECT 1 FROM "
                        + tx.tables.sets() + " t WHERE t.key_id IN (" + marks(ids.size()) + ") AND t.key_id < s.key_id"
                        + " AND " + sameMember() + ")", bound);
            }
            default -> throw new AssertionError(op);
        }
    }

    /** That {@code t}'s member is {@code s}'s: by the member's hash where the dialect indexes one, then the bytes. */
    private String sameMember() {
        String hash = tx.dialect.childHash("member");
        return hash == null ? tx.dialect.bytesMatch("t.member", "s.member")
                : tx.dialect.childHash("t.member") + " = " + tx.dialect.childHash("s.member")
                        + " AND t.member = s.member";
    }

    private static String marks(int n) {
        return "?" + ", ?".repeat(n - 1);
    }

    private static void bind(Query q, List<Long> ids) {
        for (int i = 0; i < ids.size(); i++) {
            q.bind(i, ids.get(i));
        }
    }
}
