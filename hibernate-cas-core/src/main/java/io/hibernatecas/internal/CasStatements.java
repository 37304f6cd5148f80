package io.hibernatecas.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.SelectableMapping;

/**
 * The native SQL of the operations for one entity, built once per shape and cached.
 * <p>
 * SQL is assembled only from mapping metadata: the table that holds the identifier, and column names as Hibernate's
 * runtime model renders them ({@link SelectableMapping#getSelectionExpression()}, already quoted where the mapping
 * asks for it). Every value is a {@code ?} parameter. A shape is the entity, the operation, its attributes and which
 * guard values are {@code null} (bit {@code i} of {@code nullMask} set: guard column {@code i} is compared with
 * {@code is null}), so an entity has at most a handful of statements per attribute. Keywords are lower case and
 * assignments unspaced, as in Hibernate's own SQL: {@code update t set a=?,version=version+1 where id=? and a=?}.
 * A guard ({@code and a=?}) is rendered in its {@link ExactComparison exact} form for the database, the same as in a
 * flush; a lookup key ({@code findOrCreate}) is compared with the column's own {@code =}, the comparison its unique
 * constraint uses.
 */
final class CasStatements {

    private record CompareAndSetShape(AttributeMapping attribute, long nullMask) {
    }


    private record UpdateShape(List<AttributeMapping> set, List<AttributeMapping> guards, long nullMask) {
    }

    private record LookupShape(List<AttributeMapping> keys, boolean lock) {
    }

    private record InsertShape(List<AttributeMapping> keys) {
    }

    private record ExistsShape(boolean lock) {
    }

    private final EntityModel model;
    private final Map<Object, String> cache = new ConcurrentHashMap<>();
    /**
     * The statements of the two per-call operations by attribute alone (identity hash and equality, no shape record
     * per call): {@code increment} and {@code compareAndSet} with no {@code null} guard, the common case.
     */
    private final Map<AttributeMapping, String> increments = new ConcurrentHashMap<>();
    private final Map<AttributeMapping, String> compareAndSets = new ConcurrentHashMap<>();

    CasStatements(EntityModel model) {
        this.model = model;
    }

    /** {@code update t set a=?,version=version+1 where id=? and a=?}: parameters new value, (version), id, expected. */
    String compareAndSet(AttributeMapping attribute, long nullMask) {
        if (nullMask == 0L) {
            return perAttribute(compareAndSets, attribute, CasStatements::compareAndSetWithoutNulls);
        }
        return cached(new CompareAndSetShape(attribute, nullMask), shape -> compareAndSetSql(attribute, nullMask));
    }

    private String compareAndSetWithoutNulls(AttributeMapping attribute) {
        return compareAndSetSql(attribute, 0L);
    }

    private String compareAndSetSql(AttributeMapping attribute, long nullMask) {
        List<SelectableMapping> columns = AttributeRules.columns(attribute);
        StringBuilder sql = update();
        assignments(sql, columns);
        bumpVersion(sql);
        model.lifecycle().appendGeneratedInMemory(sql);
        model.lifecycle().appendGeneratedInSql(sql);
        whereId(sql);
        exactGuards(sql, columns, nullMask);
        return sql.toString();
    }

    /** {@code update t set a=a+?,version=version+1 where id=?}: parameters delta, (version), id. */
    String increment(AttributeMapping attribute) {
        return perAttribute(increments, attribute, CasStatements::incrementSql);
    }

    private String incrementSql(AttributeMapping attribute) {
        String column = AttributeRules.columns(attribute).get(0).getSelectionExpression();
        StringBuilder sql = update().append(column).append('=').append(column).append("+?");
        bumpVersion(sql);
        model.lifecycle().appendGeneratedInMemory(sql);
        model.lifecycle().appendGeneratedInSql(sql);
        return whereId(sql).toString();
    }

    /**
     * The statement of {@code attribute} in {@code statements}, built by {@code builder} the first time. The builder
     * is an unbound method reference (no capture), so a lookup allocates nothing.
     */
    private String perAttribute(Map<AttributeMapping, String> statements, AttributeMapping attribute,
            BiFunction<CasStatements, AttributeMapping, String> builder) {
        String sql = statements.get(attribute);
        if (sql == null) {
            sql = builder.apply(this, attribute);
            statements.putIfAbsent(attribute, sql);
        }
        return sql;
    }

    /**
     * {@code update t set a=?,version=? where id=? and a=? and g is null and version=?}: parameters new values, next
     * version, id, non-null guard values, loaded version. The guards are the changed and the {@code @Cas(ALWAYS)}
     * attributes.
     */
    String guardedUpdate(List<AttributeMapping> set, List<AttributeMapping> guards, long nullMask) {
        return cached(new UpdateShape(set, guards, nullMask), shape -> {
            StringBuilder sql = update();
            set.forEach(attribute -> assignments(sql, AttributeRules.columns(attribute)));
            if (model.version() != null) {
                sql.append(',').append(model.version().getSelectionExpression()).append("=?");
            }
            model.lifecycle().appendGeneratedInSql(sql);
            whereId(sql);
            exactGuards(sql, guards.stream().flatMap(guard -> AttributeRules.columns(guard).stream()).toList(),
                    nullMask);
            if (model.version() != null) {
                sql.append(" and ").append(model.version().getSelectionExpression()).append("=?");
            }
            return sql.toString();
        });
    }

    /** {@code select id from t where k=? [for update]}: parameters the key values. */
    String idLookup(List<AttributeMapping> keys, boolean lock) {
        return cached(new LookupShape(keys, lock), shape -> {
            StringBuilder sql = new StringBuilder("select ");
            selectIds(sql);
            sql.append(" from ").append(model.table()).append(" where ");
            guards(sql, keys.stream().flatMap(key -> AttributeRules.columns(key).stream()).toList(), 0L, "");
            return lock ? sql.append(forUpdate()).toString() : sql.toString();
        });
    }

    /** {@code select id from t where id=? [for update]}: whether the row exists. */
    String exists(boolean lock) {
        return cached(new ExistsShape(lock), shape -> {
            StringBuilder sql = new StringBuilder("select ");
            selectIds(sql);
            whereId(sql.append(" from ").append(model.table()));
            return lock ? sql.append(forUpdate()).toString() : sql.toString();
        });
    }

    /** The insert of {@link NaturalKeyInsert} for this key, built by {@code builder} on first use. */
    String insert(List<AttributeMapping> keys, Function<List<AttributeMapping>, String> builder) {
        return cached(new InsertShape(keys), shape -> builder.apply(keys));
    }

    private String cached(Object shape, Function<Object, String> builder) {
        String sql = cache.get(shape);
        return sql != null ? sql : cache.computeIfAbsent(shape, builder);
    }

    private void selectIds(StringBuilder sql) {
        List<SelectableMapping> ids = model.idColumns();
        for (int i = 0; i < ids.size(); i++) {
            sql.append(i == 0 ? "" : ",").append(ids.get(i).getSelectionExpression());
        }
    }

    private String forUpdate() {
        return model.persister().getFactory().getJdbcServices().getDialect().getForUpdateString();
    }

    private StringBuilder update() {
        return new StringBuilder(128).append("update ").append(model.table()).append(" set ");
    }

    private static void assignments(StringBuilder sql, List<SelectableMapping> columns) {
        for (SelectableMapping column : columns) {
            if (sql.charAt(sql.length() - 1) == '?') {
                sql.append(',');
            }
            sql.append(column.getSelectionExpression()).append("=?");
        }
    }

    private void bumpVersion(StringBuilder sql) {
        if (model.version() != null) {
            String column = model.version().getSelectionExpression();
            sql.append(',').append(column).append('=')
                    .append(model.versionIncrementedInSql() ? column + "+1" : "?");
        }
    }

    private StringBuilder whereId(StringBuilder sql) {
        sql.append(" where ");
        List<SelectableMapping> ids = model.idColumns();
        for (int i = 0; i < ids.size(); i++) {
            sql.append(i == 0 ? "" : " and ").append(ids.get(i).getSelectionExpression()).append("=?");
        }
        if (model.tenantColumn() != null) {
            sql.append(" and ").append(model.tenantColumn().getSelectionExpression()).append("=?");
        }
        return sql;
    }

    /**
     * The guards of a write: {@code col is null}, or {@code col=?} in this database's exact form
     * ({@link ExactComparison}), as the flush renders them.
     */
    private void exactGuards(StringBuilder sql, List<SelectableMapping> columns, long nullMask) {
        ExactComparison exact = model.exact();
        for (int i = 0; i < columns.size(); i++) {
            sql.append(" and ");
            if ((nullMask & (1L << i)) != 0) {
                sql.append(columns.get(i).getSelectionExpression()).append(" is null");
            }
            else {
                exact.appendGuard(sql, columns.get(i));
            }
        }
    }

    /** Key comparisons of a lookup: the column's own {@code =}, as its unique constraint compares. */
    private static void guards(StringBuilder sql, List<SelectableMapping> columns, long nullMask, String first) {
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? first : " and ").append(columns.get(i).getSelectionExpression())
                    .append((nullMask & (1L << i)) != 0 ? " is null" : "=?");
        }
    }
}
