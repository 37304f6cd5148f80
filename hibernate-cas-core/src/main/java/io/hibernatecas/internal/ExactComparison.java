package io.hibernatecas.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.hibernate.boot.Metadata;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.MariaDBDialect;
import org.hibernate.dialect.MySQLDialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.sql.ast.tree.expression.ColumnReference;
import org.hibernate.sql.model.ast.ColumnValueBinding;
import org.hibernate.sql.model.ast.ColumnWriteFragment;
import org.hibernate.sql.model.ast.builder.RestrictedTableMutationBuilder;
import org.hibernate.type.SqlTypes;

/**
 * The one place that decides how a guard compares a column with its expected value, so that the comparison is true
 * exactly when the stored value equals the expected one: both the flush ({@link RowPlan}, {@link GuardModel}) and
 * the toolkit ({@link CasStatements}) render a guard through here.
 * <p>
 * A plain {@code col = ?} is not exact everywhere. The column's collation may call different strings equal
 * (MariaDB's and MySQL's default collations ignore case, accents and trailing spaces; PostgreSQL's {@code citext}
 * and nondeterministic ICU collations; H2's {@code VARCHAR_IGNORECASE} and {@code IGNORECASE=TRUE}), or the
 * database cannot compare the column with the bound value at all (a PostgreSQL {@code json} column with a
 * {@code jsonb} parameter), or compares it at another precision (a MariaDB {@code FLOAT} column with a parameter
 * read as a double). Per database and column type this class gives:
 * <table>
 * <caption>comparisons</caption>
 * <tr><th>database</th><th>character column</th><th>other</th></tr>
 * <tr><td>H2</td><td>{@code cast(col as varbinary)=cast(? as varbinary)} ({@code CHAR}: {@code col=?}, H2
 *     has no case-insensitive {@code CHAR})</td><td>{@code col=?}</td></tr>
 * <tr><td>PostgreSQL</td><td>{@code col=cast(? as varchar) collate "C"}</td><td>JSON:
 *     {@code cast(col as jsonb)=cast(? as jsonb)}; LOBs ({@code oid}) and {@code xml} are refused</td></tr>
 * <tr><td>MariaDB</td><td>{@code col=convert(? using utf8mb4) collate utf8mb4_nopad_bin} ({@code CHAR}:
 *     {@code utf8mb4_bin}, which pads like the column: a {@code CHAR} drops trailing spaces when it stores a value,
 *     so {@code 'a '} held in memory must match the stored {@code 'a'})</td><td>{@code FLOAT}:
 *     {@code col=cast(? as float)}; JSON (also arrays, stored as JSON): {@code col=json_extract(?,'$')}, the
 *     column's write expression, so the bound text is normalised as the stored one was</td></tr>
 * <tr><td>MySQL</td><td>as MariaDB with {@code utf8mb4_0900_bin}</td><td>as MariaDB</td></tr>
 * <tr><td>other</td><td>refused</td><td>{@code col=?}</td></tr>
 * </table>
 * {@code convert(? using utf8mb4)} makes the comparison independent of the connection's and the column's character
 * set (a {@code latin1} column is converted to {@code utf8mb4}, losslessly). Only the expression differs from
 * Hibernate's {@code col=?}: every statement keeps one parameter per column, so it stays static and batchable.
 * <p>
 * Hibernate SPI: {@link #addRestriction} renders the comparison into Hibernate's own statement builders by replacing
 * the restriction that {@code addOptimisticLockRestriction} created with one whose column and value fragments are
 * ours, keeping Hibernate's parameter ({@code ColumnValueBindingList} is {@code @Internal}). The parameter keeps the
 * column's name, so binding by column name ({@code JdbcValueBindings#bindValue}) is unchanged.
 */
final class ExactComparison {

    private enum Vendor {
        H2, POSTGRESQL, MARIADB, MYSQL, OTHER
    }

    /**
     * Per factory, the columns whose DDL its mapping declares ({@code columnDefinition}), named as the persisters
     * render them ({@link #key}), and whether that DDL is a {@code CHAR}: the runtime model keeps only Hibernate's
     * type, so {@link #declare} reads them from the boot model while the factory is built, and {@link #forget} drops
     * them when it closes.
     */
    private static final Map<SessionFactoryImplementor, Map<String, Boolean>> DECLARED_FIXED_LENGTH =
            new ConcurrentHashMap<>();

    /** {@code char(n)}, {@code character}, {@code nchar}, {@code national char}, {@code bpchar}; not {@code varying}. */
    private static final Pattern FIXED_LENGTH_DEFINITION = Pattern.compile(
            "\\s*(national\\s+)?(char|character|nchar|bpchar)(?![\\w])(?!\\s+varying)", Pattern.CASE_INSENSITIVE);

    private final Vendor vendor;
    private final String databaseName;
    private final SessionFactoryImplementor factory;
    private final Map<String, Boolean> declaredFixedLength;

    private ExactComparison(Vendor vendor, String databaseName, SessionFactoryImplementor factory) {
        this.vendor = vendor;
        this.databaseName = databaseName;
        this.factory = factory;
        this.declaredFixedLength = DECLARED_FIXED_LENGTH.getOrDefault(factory, Map.of());
    }

    static ExactComparison of(SessionFactoryImplementor factory) {
        Dialect dialect = factory.getJdbcServices().getDialect();
        if (dialect instanceof H2Dialect) {
            return new ExactComparison(Vendor.H2, "H2", factory);
        }
        if (dialect instanceof PostgreSQLDialect) {
            return new ExactComparison(Vendor.POSTGRESQL, "PostgreSQL", factory);
        }
        if (dialect instanceof MariaDBDialect) {
            return new ExactComparison(Vendor.MARIADB, "MariaDB", factory);
        }
        if (dialect instanceof MySQLDialect) {
            return new ExactComparison(Vendor.MYSQL, "MySQL", factory);
        }
        return new ExactComparison(Vendor.OTHER, dialect.getClass().getSimpleName(), factory);
    }

    /** Records the columns whose DDL {@code metadata} declares, and which are {@code CHAR}, for the guards. */
    static void declare(SessionFactoryImplementor factory, Metadata metadata) {
        Dialect dialect = factory.getJdbcServices().getDialect();
        Map<String, Boolean> columns = new HashMap<>();
        for (var table : metadata.collectTableMappings()) {
            if (table.getSubselect() != null) {
                continue;
            }
            // the table as the persisters render it (qualified, quoted), the column as its selection expression
            String tableName = factory.getSqlStringGenerationContext().format(table.getQualifiedTableName());
            for (var column : table.getColumns()) {
                String definition = column.getSqlType();
                if (definition != null) {
                    columns.put(key(tableName, column.getQuotedName(dialect)),
                            FIXED_LENGTH_DEFINITION.matcher(definition).lookingAt());
                }
            }
        }
        if (!columns.isEmpty()) {
            DECLARED_FIXED_LENGTH.put(factory, Map.copyOf(columns));
        }
    }

    static void forget(SessionFactoryImplementor factory) {
        DECLARED_FIXED_LENGTH.remove(factory);
    }

    /**
     * The column exactly as the runtime model names it: qualified table and column, quoted as rendered, case kept.
     * Two tables whose names differ only in schema or case (or quoting) are different tables.
     */
    private static String key(String table, String column) {
        return table + '\u0000' + column;
    }

    /** The compared column, as it stands left of {@code =}. */
    String column(SelectableMapping column) {
        String name = column.getSelectionExpression();
        int type = typeCode(column);
        if (vendor == Vendor.H2 && isCharacter(type) && !isFixedLength(column)) {
            return "cast(" + name + " as varbinary)";
        }
        if (vendor == Vendor.POSTGRESQL && SqlTypes.isJsonType(type)) {
            return "cast(" + name + " as jsonb)";
        }
        return name;
    }

    /** The expected value, right of {@code =}: the column's write expression ({@code ?}) wrapped as needed. */
    String parameter(SelectableMapping column) {
        String value = column.getWriteExpression();
        int type = typeCode(column);
        return switch (vendor) {
            case H2 -> isCharacter(type) && !isFixedLength(column) ? "cast(" + value + " as varbinary)" : value;
            case POSTGRESQL -> isCharacter(type) ? "cast(" + value + " as varchar) collate \"C\""
                    : SqlTypes.isJsonType(type) ? "cast(" + value + " as jsonb)" : value;
            case MARIADB, MYSQL -> isCharacter(type) ? "convert(" + value + " using utf8mb4) collate "
                    + (isFixedLength(column) ? "utf8mb4_bin" : vendor == Vendor.MARIADB ? "utf8mb4_nopad_bin"
                            : "utf8mb4_0900_bin")
                    : isSinglePrecision(column) ? "cast(" + value + " as float)" : value;
            case OTHER -> value;
        };
    }

    /** {@code col=?} as this database compares exactly, for native SQL. */
    StringBuilder appendGuard(StringBuilder sql, SelectableMapping column) {
        return sql.append(column(column)).append('=').append(parameter(column));
    }

    /**
     * Why a guard on {@code column} cannot be exact on this database, in words that follow "cannot be compared
     * exactly: ", with the alternative; {@code null} when it can.
     */
    String refusal(SelectableMapping column) {
        int type = typeCode(column);
        if (vendor == Vendor.POSTGRESQL && (column.isLob() || type == SqlTypes.BLOB || type == SqlTypes.CLOB
                || type == SqlTypes.NCLOB)) {
            return "PostgreSQL keeps a @Lob as a reference to a large object, and Hibernate writes a new large object "
                    + "on every update, so the guard would compare references, not contents, and never match; "
                    + "map it without @Lob (text or bytea are compared by value), or guard the entity with @Version";
        }
        if (vendor == Vendor.POSTGRESQL && SqlTypes.isXmlType(type)) {
            return "PostgreSQL has no equality operator for xml; map it as text, or guard the entity with @Version";
        }
        if (vendor == Vendor.OTHER && isCharacter(type)) {
            return "hibernate-cas knows no case-, accent- and space-exact string comparison for " + databaseName
                    + ", and the column's collation may call different strings equal; guard the entity with @Version "
                    + "instead (exact string guards exist for H2, PostgreSQL, MariaDB and MySQL)";
        }
        return null;
    }

    /** The database type of the column as Hibernate's DDL names it on this database, for messages. */
    String databaseType(SelectableMapping column) {
        int type = typeCode(column);
        try {
            return factory.getTypeConfiguration().getDdlTypeRegistry().getDescriptor(type)
                    .getTypeName(column.getLength(), column.getPrecision(), column.getScale()) + " on " + databaseName;
        }
        catch (RuntimeException e) {
            return "JDBC type " + type + " on " + databaseName;
        }
    }

    /**
     * Adds {@code column}'s guard to one of Hibernate's statement builders: {@code col=?} as
     * {@code addOptimisticLockRestriction} renders it, with the column and the value replaced by this database's
     * exact forms when they differ.
     */
    void addRestriction(RestrictedTableMutationBuilder<?, ?> builder, SelectableMapping column) {
        builder.addOptimisticLockRestriction(column);
        String left = column(column);
        String right = parameter(column);
        if (left.equals(column.getSelectionExpression()) && right.equals(column.getWriteExpression())) {
            return;
        }
        var bindings = builder.getOptimisticLockBindings();
        int last = bindings.size() - 1;
        ColumnValueBinding plain = bindings.get(last);
        ColumnReference reference = left.equals(column.getSelectionExpression()) ? plain.getColumnReference()
                : new ColumnReference(builder.getMutatingTable(), left, true, null, column.getJdbcMapping());
        bindings.set(last, new ColumnValueBinding(reference,
                new ColumnWriteFragment(right, new ArrayList<>(plain.getValueExpression().getParameters()), column)));
    }

    private static int typeCode(SelectableMapping column) {
        return column.getJdbcMapping().getJdbcType().getDdlTypeCode();
    }

    private static boolean isCharacter(int type) {
        return SqlTypes.isCharacterOrClobType(type) || type == SqlTypes.LONG32VARCHAR
                || type == SqlTypes.LONG32NVARCHAR;
    }

    /**
     * A {@code CHAR} column: the mapping declares the column's DDL as one ({@code @Column(columnDefinition =
     * "char(3)")}), or declares no DDL and Hibernate's type is {@code CHAR} or {@code NCHAR} ({@code char},
     * {@code Character}, {@code @JdbcTypeCode(SqlTypes.CHAR)}). Declared DDL wins: a {@code CHAR} type in a
     * {@code varchar(8)} column is a {@code varchar}, whose trailing spaces count. A {@code CHAR} pads what it stores
     * (H2 and PostgreSQL return the padding, MariaDB drops it), so a value held in memory with fewer or more trailing
     * spaces is the stored one, and the guard must compare the way the column pads.
     */
    boolean isFixedLength(SelectableMapping column) {
        Boolean declared = declaredFixedLength.isEmpty() ? null
                : declaredFixedLength.get(key(column.getContainingTableExpression(), column.getSelectionExpression()));
        if (declared != null) {
            return declared;
        }
        int type = typeCode(column);
        return type == SqlTypes.CHAR || type == SqlTypes.NCHAR;
    }

    /**
     * A {@code float} bound as such: Hibernate's JDBC type code {@code FLOAT} or {@code REAL} (a {@code double} is
     * {@code DOUBLE}; its DDL code is {@code FLOAT}, so the DDL code cannot tell them apart).
     */
    private static boolean isSinglePrecision(SelectableMapping column) {
        int type = column.getJdbcMapping().getJdbcType().getJdbcTypeCode();
        return type == SqlTypes.FLOAT || type == SqlTypes.REAL;
    }
}
