package io.hibernatecas.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;

import io.hibernatecas.Cas;

/**
 * Finds {@link Cas @Cas} on Java members. The annotation may sit on the field or on the getter, whatever access type
 * the entity uses, so both are looked at, up the class hierarchy (for {@code @MappedSuperclass} attributes).
 */
final class CasAnnotations {

    private CasAnnotations() {
    }

    /** The {@code @Cas} of the attribute {@code name} declared in {@code type} or a superclass, or {@code null}. */
    static Cas find(Class<?> type, String name) {
        return find(type, name, Cas.class);
    }

    /** The annotation of the attribute {@code name}, on its field or getter, in {@code type} or a superclass. */
    static <A extends java.lang.annotation.Annotation> A find(Class<?> type, String name, Class<A> annotation) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getName().equals(name) && field.isAnnotationPresent(annotation)) {
                    return field.getAnnotation(annotation);
                }
            }
            for (Method method : c.getDeclaredMethods()) {
                if (method.isAnnotationPresent(annotation) && name.equals(propertyName(method))) {
                    return method.getAnnotation(annotation);
                }
            }
        }
        return null;
    }

    /** Every attribute name annotated {@code @Cas} in {@code type} and its superclasses, with the member. */
    static Map<String, Member> annotatedMembers(Class<?> type) {
        Map<String, Member> found = new LinkedHashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.isAnnotationPresent(Cas.class)) {
                    found.putIfAbsent(field.getName(), field);
                }
            }
            for (Method method : c.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Cas.class)) {
                    String property = propertyName(method);
                    found.putIfAbsent(property == null ? method.getName() : property, method);
                }
            }
        }
        return found;
    }

    private static String propertyName(Method method) {
        String name = method.getName();
        if (name.startsWith("get") && name.length() > 3) {
            return decapitalize(name.substring(3));
        }
        if (name.startsWith("is") && name.length() > 2) {
            return decapitalize(name.substring(2));
        }
        return null;
    }

    private static String decapitalize(String name) {
        if (name.length() > 1 && Character.isUpperCase(name.charAt(0)) && Character.isUpperCase(name.charAt(1))) {
            return name;
        }
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
