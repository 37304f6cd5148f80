package io.hibernatecas.internal;

import java.lang.reflect.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.hibernatecas.CasConfigurationException;

import org.hibernate.boot.Metadata;
import org.hibernate.engine.OptimisticLockStyle;
import org.hibernate.mapping.Collection;
import org.hibernate.mapping.Component;
import org.hibernate.mapping.JoinedSubclass;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;

/**
 * Checks every {@link io.hibernatecas.Cas @Cas} of the boot model before any persister is built, so a guard that
 * could not be honoured fails the bootstrap instead of running unguarded. Messages name the class and attribute,
 * what is wrong and what is allowed, in the form of Hibernate's own {@code PropertyBinder} errors.
 */
final class CasMappingValidator {

    static final String ALLOWED = "; @Cas applies to basic, embedded and to-one attributes";

    private CasMappingValidator() {
    }

    /** The names of the entities that use {@code @Cas}, in model order. */
    static List<String> entitiesUsingCas(Metadata metadata) {
        List<String> names = new ArrayList<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            Class<?> type = mappedClass(entity);
            if (type != null && !CasAnnotations.annotatedMembers(type).isEmpty()) {
                names.add(entity.getEntityName());
            }
        }
        return names;
    }

    /** Throws {@link CasConfigurationException} for the first misplaced or unsupported {@code @Cas}. */
    static void validate(Metadata metadata) {
        for (PersistentClass entity : metadata.getEntityBindings()) {
            Class<?> type = mappedClass(entity);
            if (type == null) {
                continue;
            }
            checkEmbeddables(entity.getPropertyClosure(), entity);
            if (entity.getIdentifierProperty() != null && entity.getIdentifierProperty().getValue() instanceof Component id) {
                checkEmbeddable(id, entity.getIdentifierProperty().getName(), entity);
            }
            Map<String, Member> annotated = CasAnnotations.annotatedMembers(type);
            if (annotated.isEmpty()) {
                continue;
            }
            checkEntity(entity);
            for (String name : annotated.keySet()) {
                checkAttribute(entity, type, name);
            }
            checkDirtyScope(entity, type, annotated);
        }
    }

    private static void checkEntity(PersistentClass entity) {
        var root = entity.getRootClass();
        String prefix = "Entity '" + entity.getEntityName() + "' uses @Cas but ";
        OptimisticLockStyle style = root.getOptimisticLockStyle();
        if (style == OptimisticLockStyle.ALL || style == OptimisticLockStyle.DIRTY) {
            throw new CasConfigurationException(prefix + "declares @OptimisticLocking(type = " + style
                    + "); @Cas works with VERSION (the default) or NONE");
        }
        if (entity.getCustomSQLUpdate() != null || entity.getCustomSQLDelete() != null) {
            throw new CasConfigurationException(prefix + "has custom SQL (@SQLUpdate or @SQLDelete); "
                    + "@Cas cannot add its guards to custom SQL");
        }
        String stateManagement = CoordinatorInstallation.customStateManagement(root);
        if (stateManagement != null) {
            throw new CasConfigurationException(prefix + "its state is managed by " + stateManagement
                    + " (@SoftDelete, @Temporal or @Audited); @Cas supports standard state management only");
        }
    }

    private static void checkAttribute(PersistentClass entity, Class<?> type, String name) {
        String attribute = "Attribute '" + type.getName() + "." + name + "' is annotated @Cas but ";
        Property id = entity.getIdentifierProperty();
        if (id != null && id.getName().equals(name)
                || entity.getIdentifierMapper() != null && hasProperty(entity.getIdentifierMapper(), name)) {
            throw new CasConfigurationException(attribute + "is the identifier" + ALLOWED);
        }
        if (entity.getVersion() != null && entity.getVersion().getName().equals(name)) {
            throw new CasConfigurationException(attribute + "is the @Version attribute; the version is always "
                    + "checked" + ALLOWED);
        }
        Property property = find(entity, name);
        if (property == null) {
            throw new CasConfigurationException(attribute + "is not persistent (@Transient or not mapped)" + ALLOWED);
        }
        var value = property.getValue();
        if (value instanceof Collection) {
            throw new CasConfigurationException(attribute + "is a collection" + ALLOWED);
        }
        if (value.hasFormula()) {
            throw new CasConfigurationException(attribute + "is a formula (@Formula) and has no column to guard"
                    + ALLOWED);
        }
        if (value.getColumnSpan() == 0) {
            throw new CasConfigurationException(attribute + "has no column in the entity's table (the inverse, "
                    + "mappedBy side of an association)" + ALLOWED);
        }
        if (entity instanceof JoinedSubclass && value.getTable() != entity.getRootTable()
                || isInSecondaryTable(entity, property)) {
            throw new CasConfigurationException(attribute + "is mapped to table '" + value.getTable().getName()
                    + "', not to the table that holds the identifier and version ('" + entity.getRootTable().getName()
                    + "'); @Cas guards columns of that table only");
        }
    }

    private static void checkDirtyScope(PersistentClass entity, Class<?> type, Map<String, Member> annotated) {
        for (String name : annotated.keySet()) {
            var cas = CasAnnotations.find(type, name);
            if (cas != null && cas.when() == io.hibernatecas.Cas.When.DIRTY && !entity.useDynamicUpdate()) {
                throw new CasConfigurationException("Attribute '" + type.getName() + "." + name
                        + "' is annotated @Cas(when = DIRTY) but entity '" + entity.getEntityName()
                        + "' is not annotated @DynamicUpdate; without it every UPDATE writes all columns and would "
                        + "overwrite what another transaction changed in the columns it does not check");
            }
        }
    }

    private static boolean isInSecondaryTable(PersistentClass entity, Property property) {
        for (var join : entity.getJoinClosure()) {
            if (join.containsProperty(property)) {
                return true;
            }
        }
        return false;
    }

    private static void checkEmbeddables(List<Property> properties, PersistentClass entity) {
        for (Property property : properties) {
            // an @IdClass entity's identifier mapper is Hibernate's virtual copy of the entity's own id attributes
            if (property.getValue() instanceof Component component && !isIdentifierMapper(entity, component)) {
                checkEmbeddable(component, property.getName(), entity);
            }
        }
    }

    private static void checkEmbeddable(Component component, String path, PersistentClass entity) {
        Class<?> type = component.getComponentClass();
        if (type != null) {
            for (String name : CasAnnotations.annotatedMembers(type).keySet()) {
                throw new CasConfigurationException("Attribute '" + type.getName() + "." + name
                        + "' is annotated @Cas but belongs to an @Embeddable (embedded as '" + entity.getEntityName()
                        + "." + path + "'); put @Cas on the @Embedded attribute of the entity instead");
            }
        }
        for (Property property : component.getProperties()) {
            if (property.getValue() instanceof Component nested) {
                checkEmbeddable(nested, path + "." + property.getName(), entity);
            }
        }
    }

    private static boolean isIdentifierMapper(PersistentClass entity, Component component) {
        for (PersistentClass type = entity; type != null; type = type.getSuperclass()) {
            if (type.getIdentifierMapper() == component) {
                return true;
            }
        }
        return component == entity.getRootClass().getIdentifierMapper();
    }

    private static Property find(PersistentClass entity, String name) {
        for (Property property : entity.getPropertyClosure()) {
            if (property.getName().equals(name)) {
                return property;
            }
        }
        return null;
    }

    private static boolean hasProperty(Component component, String name) {
        return component.getProperties().stream().anyMatch(p -> p.getName().equals(name));
    }

    private static Class<?> mappedClass(PersistentClass entity) {
        try {
            return entity.getMappedClass();
        }
        catch (RuntimeException e) {
            return null;
        }
    }
}
