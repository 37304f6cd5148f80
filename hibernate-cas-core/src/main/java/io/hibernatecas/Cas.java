package io.hibernatecas;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an entity attribute as a compare-and-swap guard: the value loaded from the database is added to the
 * {@code WHERE} clause of the same {@code UPDATE} and {@code DELETE} that Hibernate issues for the entity,
 * next to the {@code @Version} check when there is one.
 * <pre>{@code
 * @Entity
 * class Account {
 *     @Id Long id;
 *     @Version int version;
 *     @Cas BigDecimal balance;   // update account set ... where id=? and balance=? and version=?
 * }
 * }</pre>
 * If another transaction changed the column, even with plain SQL that did not bump the version, the statement
 * matches no row and the flush fails with a {@link FieldConflictException}.
 * <p>
 * Applies to basic attributes (including enums, {@code java.time} types, {@code UUID} and
 * {@code AttributeConverter}-mapped ones), {@code @Embedded} attributes (every column is guarded) and to-one
 * associations (the foreign-key columns). A loaded {@code null} is compared with {@code IS NULL}.
 * Placing it on an identifier, a {@code @Version}, a collection, a formula or a non-persistent attribute fails
 * at bootstrap.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface Cas {

    /**
     * When the guard is applied to an {@code UPDATE}. A {@code DELETE} always checks every guard.
     */
    When when() default When.ALWAYS;

    /** The scope of a guard. */
    enum When {
        /** Every {@code UPDATE} of the entity checks the loaded value, whatever it changes. */
        ALWAYS,
        /**
         * Only an {@code UPDATE} that changes this attribute checks its loaded value, so two transactions may
         * change different attributes of the same row. Such an update is issued as dynamic SQL and is not batched.
         */
        DIRTY
    }
}
