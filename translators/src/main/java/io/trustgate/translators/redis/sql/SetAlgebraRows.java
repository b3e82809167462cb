package io.trustgate.translators.redis.sql;

import io.trustgate.redis.spi.SetAlgebra;
import org.jdbi.v3.core.statement.SqlStatement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SINTER, SUNION, SDIFF, their STORE forms and SINTERCARD computed by the database over the sets' rows, so that
 * only the result travels, and for the STORE forms nothing does ({@code INSERT ... SELECT}, {@link StoredResult}). The key rows come from {@link SqlKeyspace#row}
 * (cached, expired keys absent, locked in a WRITE unit); a key named twice is one set. Each statement reads the
 * members of one set, {@code s}, and keeps or drops each by whether the other sets hold it ({@code EXISTS} on the
 * member's hash index, then its bytes): an intersection keeps the members of the smallest set that every other set
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
        bind(q, 0, sel.ids());
        return q.mapTo(byte[].class).list();
    }

    /** SINTERSTORE, SUNIONSTORE, SDIFFSTORE: the result inserted by the database under a new key row. */
    long store(SetAlgebra op, byte[] destination, List<byte[]> keys) {
        Selection sel = select(op, keys);
        return StoredResult.replace(ks, destination, "set", sel == null ? List.of() : sel.ids(),
                sel == null ? null : id -> {
                    var u = tx.update("INSERT INTO " + tx.tables.sets() + " (key_id, member) SELECT ?, s.member FROM "
                            + tx.tables.sets() + " s WHERE " + sel.where());
                    u.bind(0, id);
                    bind(u, 1, sel.ids());
                    return u.execute();
                });
    }

    long interCard(List<byte[]> keys, long limit) {
        Selection sel = select(SetAlgebra.INTER, keys);
        if (sel == null) {
            return 0;
        }
        String rows = "FROM " + tx.tables.sets() + " s WHERE " + sel.where();
        var q = tx.query(limit > 0 ? "SELECT COUNT(*) FROM (SELECT 1 AS one " + rows + " LIMIT " + limit + ") c"
                : "SELECT COUNT(*) " + rows);
        bind(q, 0, sel.ids());
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
                ids = smallestFirst(tx, tx.tables.sets(), ids);
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

    private String sameMember() {
        return sameMember(tx.dialect, "t", "s");
    }

    /**
     * That the member of the row aliased {@code a} is that of {@code b}: by the member's hash where the dialect
     * indexes one, then the bytes.
     */
    static String sameMember(SqlDialect d, String a, String b) {
        return d.childHash("member") == null ? d.bytesMatch(a + ".member", b + ".member")
                : d.childHash(a + ".member") + " = " + d.childHash(b + ".member") + " AND " + a + ".member = " + b
                        + ".member";
    }

    static String marks(int n) {
        return "?" + ", ?".repeat(n - 1);
    }

    static void bind(SqlStatement<?> q, int first, List<?> ids) {
        for (int i = 0; i < ids.size(); i++) {
            q.bind(first + i, ids.get(i));
        }
    }

    /** Puts the number of rows of each of the distinct key {@code ids} (non-empty) of {@code table} into {@code sizes}. */
    static void counts(SqlTransaction tx, String table, List<Long> ids, Map<Long, Long> sizes) {
        var q = tx.query("SELECT key_id, COUNT(*) FROM " + table + " WHERE key_id IN (" + marks(ids.size())
                + ") GROUP BY key_id");
        bind(q, 0, ids);
        q.map((rs, ctx) -> sizes.put(rs.getLong(1), rs.getLong(2))).forEach(x -> { });
    }

    /**
     * {@code ids} from the smallest set to the largest, as Redis orders an intersection: the statement reads the
     * smallest set's rows and probes the others. Sets of equal size keep their order.
     */
    static List<Long> smallestFirst(SqlTransaction tx, String table, List<Long> ids) {
        if (ids.size() < 2) {
            return ids;
        }
        Map<Long, Long> sizes = new HashMap<>();
        counts(tx, table, ids, sizes);
        List<Long> sorted = new ArrayList<>(ids);
        sorted.sort(Comparator.comparingLong(id -> sizes.getOrDefault(id, 0L)));
        return sorted;
    }
}
