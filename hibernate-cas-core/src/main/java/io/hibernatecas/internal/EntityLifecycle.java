package io.hibernatecas.internal;

import java.util.ArrayList;
import java.util.List;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;
import org.hibernate.generator.Generator;
import org.hibernate.generator.OnExecutionGenerator;
import org.hibernate.jpa.event.spi.CallbackRegistry;
import org.hibernate.jpa.event.spi.CallbackType;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.persister.entity.EntityPersister;

/**
 * What a {@code persist} or a flushed update of an entity runs besides its SQL, for the operations that write rows
 * with their own: the JPA callbacks ({@code @PrePersist}, {@code @PostPersist}, {@code @PreUpdate},
 * {@code @PostUpdate}) of the entity and its {@code @EntityListeners} (Spring Data's auditing listener among them),
 * and the update-time generators ({@code @UpdateTimestamp}, {@code @CurrentTimestamp}, {@code @Generated(event =
 * UPDATE)} with SQL). Read once per entity ({@link EntityModel}).
 * <p>
 * <b>Hibernate SPI touched here</b>: {@code EventEngine#getCallbackRegistry} and {@code CallbackRegistry}
 * ({@code org.hibernate.jpa.event.spi}), {@code EntityPersister#getGenerators}, {@code BeforeExecutionGenerator},
 * {@code OnExecutionGenerator#getReferencedColumnValues}.
 */
final class EntityLifecycle {

    private final EntityPersister persister;
    private final CallbackRegistry callbacks;
    private final boolean updateCallbacks;
    private final List<AttributeMapping> generatedInMemory = new ArrayList<>();
    private final List<AttributeMapping> generatedInSql = new ArrayList<>();
    private final List<String> generatedSql = new ArrayList<>();

    EntityLifecycle(EntityPersister persister, List<AttributeMapping> attributes) {
        this.persister = persister;
        this.callbacks = persister.getFactory().getEventEngine().getCallbackRegistry();
        Class<?> type = persister.getMappedClass();
        this.updateCallbacks = callbacks.hasRegisteredCallbacks(type, CallbackType.PRE_UPDATE)
                || callbacks.hasRegisteredCallbacks(type, CallbackType.POST_UPDATE);
        var dialect = persister.getFactory().getJdbcServices().getDialect();
        var version = persister.getVersionMapping();
        Generator[] generators = persister.getGenerators();
        for (AttributeMapping attribute : attributes) {
            Generator generator = generators[attribute.getStateArrayPosition()];
            if (generator == null || !generator.generatesOnUpdate() || attribute.getJdbcTypeCount() != 1
                    || version != null && version.getVersionAttribute() == attribute) {
                continue;
            }
            if (!generator.generatedOnExecution()) {
                generatedInMemory.add(attribute);
            }
            else if (generator instanceof OnExecutionGenerator onExecution
                    && onExecution.referenceColumnsInSql(dialect)) {
                generatedInSql.add(attribute);
                generatedSql.add(onExecution.getReferencedColumnValues(dialect)[0]);
            }
        }
    }

    /** Whether the entity or its listeners have {@code @PreUpdate} or {@code @PostUpdate} callbacks. */
    boolean hasUpdateCallbacks() {
        return updateCallbacks;
    }

    void prePersist(Object entity) {
        callbacks.preCreate(entity);
    }

    void postPersist(Object entity) {
        callbacks.postCreate(entity);
    }

    void preUpdate(Object entity) {
        callbacks.preUpdate(entity);
    }

    void postUpdate(Object entity) {
        callbacks.postUpdate(entity);
    }

    /** Attributes whose update-time value Hibernate generates in memory (bound as a parameter). */
    List<AttributeMapping> generatedInMemory() {
        return generatedInMemory;
    }

    /** {@code , col=<sql>} for the attributes whose update-time value the database generates from SQL. */
    void appendGeneratedInSql(StringBuilder sql) {
        for (int i = 0; i < generatedInSql.size(); i++) {
            sql.append(',').append(generatedInSql.get(i).getSelectable(0).getSelectionExpression()).append('=')
                    .append(generatedSql.get(i));
        }
    }

    /** {@code , col=?} for {@link #generatedInMemory()}. */
    void appendGeneratedInMemory(StringBuilder sql) {
        for (AttributeMapping attribute : generatedInMemory) {
            sql.append(',').append(attribute.getSelectable(0).getSelectionExpression()).append("=?");
        }
    }

    /** The update-time value of {@code attribute} for {@code owner} ({@code null} for a write by id). */
    Object generate(SharedSessionContractImplementor session, Object owner, AttributeMapping attribute,
            Object current) {
        Generator generator = persister.getGenerators()[attribute.getStateArrayPosition()];
        return ((BeforeExecutionGenerator) generator).generate(session, owner, current, EventType.UPDATE);
    }
}
