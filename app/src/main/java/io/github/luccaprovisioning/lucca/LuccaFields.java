package io.github.luccaprovisioning.lucca;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Lucca v3 field paths: {@code department.name} in a mapping, {@code department[id,name]} in a fields= list. */
public final class LuccaFields {

    private LuccaFields() {
    }

    /** The value at a dotted path of a record, missing when any step is. */
    public static JsonNode at(JsonNode record, String path) {
        JsonNode value = record;
        for (String step : path.split("\\.")) {
            value = value.path(step);
        }
        return value;
    }

    /**
     * A fields= list with every field of {@code configured} and every dotted path of {@code paths}, one entry per
     * top-level field, sub-fields merged: {@code department[id,name]}.
     */
    public static String merge(String configured, Collection<String> paths) {
        Map<String, Set<String>> fields = new LinkedHashMap<>();
        for (String entry : splitTopLevel(configured)) {
            int bracket = entry.indexOf('[');
            if (bracket < 0) {
                add(fields, entry);
            } else {
                String top = entry.substring(0, bracket);
                for (String sub : entry.substring(bracket + 1, entry.length() - 1).split(",")) {
                    add(fields, top + "." + sub.strip());
                }
            }
        }
        paths.forEach(path -> add(fields, path));
        return fields.entrySet().stream()
                .map(field -> field.getValue().isEmpty() ? field.getKey()
                        : field.getKey() + "[" + String.join(",", field.getValue()) + "]")
                .collect(Collectors.joining(","));
    }

    private static void add(Map<String, Set<String>> fields, String path) {
        String trimmed = path.strip();
        if (trimmed.isEmpty()) {
            return;
        }
        // not a field but an instruction to Lucca: count the whole collection in data.count
        int dot = trimmed.equals("collection.count") ? -1 : trimmed.indexOf('.');
        String top = dot < 0 ? trimmed : trimmed.substring(0, dot);
        Set<String> subs = fields.computeIfAbsent(top, key -> new LinkedHashSet<>());
        if (dot >= 0) {
            subs.add(trimmed.substring(dot + 1));
        }
    }

    private static Iterable<String> splitTopLevel(String fields) {
        Set<String> entries = new LinkedHashSet<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : (fields + ",").toCharArray()) {
            if (c == ',' && depth == 0) {
                if (!current.toString().isBlank()) {
                    entries.add(current.toString().strip());
                }
                current.setLength(0);
                continue;
            }
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            current.append(c);
        }
        return entries;
    }
}
