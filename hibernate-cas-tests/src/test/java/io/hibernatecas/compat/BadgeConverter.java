package io.hibernatecas.compat;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
public class BadgeConverter implements AttributeConverter<Badge, String> {

    @Override
    public String convertToDatabaseColumn(Badge badge) {
        return badge == null ? null : badge.name();
    }

    @Override
    public Badge convertToEntityAttribute(String name) {
        return name == null ? null : new Badge(name);
    }
}
