package io.hibernatecas.internal;

import java.util.List;

import io.hibernatecas.Cas;

import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.SelectableMapping;

/**
 * One {@link Cas @Cas} attribute of an entity persister: its position in the state array and the columns the
 * guard compares (one for a basic attribute, every column of an embeddable, the foreign key of a to-one).
 */
record Guard(int index, String name, AttributeMapping attribute, Cas.When when, List<SelectableMapping> columns,
             String table) {

    boolean always() {
        return when == Cas.When.ALWAYS;
    }

    boolean singleColumn() {
        return columns.size() == 1;
    }
}
