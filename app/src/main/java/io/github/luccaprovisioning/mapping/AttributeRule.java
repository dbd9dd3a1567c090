package io.github.luccaprovisioning.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a profile's {@code attributes}: a SCIM attribute and where its value comes from.
 *
 * @param attribute the SCIM attribute: {@code title}, {@code name.givenName}, {@code emails[work]} or
 *                  {@code <schema alias>.<attribute>}
 * @param fields    Lucca field paths tried in order, the first with a value wins (empty for an expression)
 * @param simple    a Camel simple expression over the Lucca record, or null
 * @param date      whether the value is a Lucca date to write in the profile's date format
 * @param values    Lucca value → target value, for enumerations (empty: the value as it is)
 * @param detail    the optional detail (gender, birth-date, phone, manager) that must be asked for, or null
 */
public record AttributeRule(String attribute, List<String> fields, String simple, boolean date, Map<String, String> values,
                            String detail) {

    private static final Pattern FIELD_IN_EXPRESSION = Pattern.compile("body\\[([A-Za-z0-9_]+)]");

    static AttributeRule parse(String attribute, JsonNode definition) {
        boolean block = definition.isObject();
        String source = (block ? definition.path("from") : definition).asText("").strip();
        if (source.isEmpty()) {
            throw new IllegalArgumentException("the mapping of " + attribute + " says nowhere to take its value from");
        }
        Map<String, String> values = new LinkedHashMap<>();
        definition.path("values").fields().forEachRemaining(value -> values.put(value.getKey(), value.getValue().asText()));
        String detail = definition.path("detail").asText(null);
        boolean date = definition.path("date").asBoolean(false);
        if (source.contains("${")) {
            return new AttributeRule(attribute, List.of(), source, date, values, detail);
        }
        List<String> fields = List.of(source.split("\\s*\\|\\s*"));
        return new AttributeRule(attribute, fields, null, date, values, detail);
    }

    /** The Lucca fields this rule reads, as dotted paths, so that the directory read asks for them. */
    List<String> luccaFields() {
        if (simple == null) {
            return fields;
        }
        List<String> read = new ArrayList<>();
        Matcher field = FIELD_IN_EXPRESSION.matcher(simple);
        while (field.find()) {
            read.add(field.group(1));
        }
        return read;
    }
}
