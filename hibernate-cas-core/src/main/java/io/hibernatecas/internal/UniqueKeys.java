package io.hibernatecas.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.hibernate.boot.Metadata;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.JoinedSubclass;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Table;

/**
 * The column sets that the mapping declares unique, per entity, on the table that holds the entity's identifier:
 * the primary key, {@code @Column(unique = true)}, {@code @NaturalId}, {@code @Table(uniqueConstraints = ...)} and
 * unique {@code @Index}es. {@code findOrCreate} relies on the database rejecting a second row with the same key,
 * so it accepts a key only when one of these sets has exactly the key's columns.
 * <p>
 * Read once from the boot model at bootstrap ({@link OperationsIntegrator}); the runtime mapping model does not
 * keep unique constraints. Column names are compared without quotes and case, the way the runtime model's
 * {@code getSelectionExpression()} may render them differently from the boot model.
 */
final class UniqueKeys {

    private static final UniqueKeys NONE = new UniqueKeys(Map.of());

    private final Map<String, List<Set<String>>> byEntity;

    private UniqueKeys(Map<String, List<Set<String>>> byEntity) {
        this.byEntity = byEntity;
    }

    static UniqueKeys none() {
        return NONE;
    }

    static UniqueKeys from(Metadata metadata) {
        Map<String, List<Set<String>>> byEntity = new HashMap<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            // a joined subclass keeps its identifier in the root table, every other entity in its own table
            Table table = entity instanceof JoinedSubclass ? entity.getRootTable() : entity.getTable();
            byEntity.put(entity.getEntityName(), uniqueColumnSets(table));
        }
        return new UniqueKeys(Map.copyOf(byEntity));
    }

    private static List<Set<String>> uniqueColumnSets(Table table) {
        List<Set<String>> sets = new ArrayList<>();
        if (table.getPrimaryKey() != null) {
            sets.add(names(table.getPrimaryKey().getColumns()));
        }
        for (Column column : table.getColumns()) {
            if (column.isUnique()) {
                sets.add(Set.of(normalize(column.getName())));
            }
        }
        table.getUniqueKeys().values().forEach(key -> sets.add(names(key.getColumns())));
        table.getIndexes().values().stream().filter(index -> index.isUnique())
                .forEach(index -> sets.add(names(index.getColumns())));
        return List.copyOf(sets);
    }

    private static Set<String> names(List<Column> columns) {
        Set<String> names = new LinkedHashSet<>();
        columns.forEach(column -> names.add(normalize(column.getName())));
        return Set.copyOf(names);
    }

    /** Whether the mapping declares exactly these columns (runtime selection expressions) unique for the entity. */
    boolean covers(String entityName, Set<String> columns) {
        Set<String> wanted = new LinkedHashSet<>();
        columns.forEach(column -> wanted.add(normalize(column)));
        return byEntity.getOrDefault(entityName, List.of()).contains(wanted);
    }

    static String normalize(String column) {
        StringBuilder plain = new StringBuilder(column.length());
        for (int i = 0; i < column.length(); i++) {
            char c = column.charAt(i);
            if (c != '"' && c != '`' && c != '[' && c != ']') {
                plain.append(c);
            }
        }
        return plain.toString().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return byEntity.toString();
    }
}
