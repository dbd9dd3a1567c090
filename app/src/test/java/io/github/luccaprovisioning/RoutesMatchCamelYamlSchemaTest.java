package io.github.luccaprovisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kaoto and Karavan open the routes against the JSON schema of Camel's YAML DSL, stricter than the YAML loader
 * (a placeholder where it wants a boolean, a number where it wants a string): every route file must pass it, the
 * schema being the one inside the camel-yaml-dsl jar the routes run on.
 */
class RoutesMatchCamelYamlSchemaTest {

    private static final String SCHEMA = "classpath:schema/camelYamlDsl.json";

    @Test
    void everyRouteFileMatchesTheSchemaOfCamelsYamlDsl() throws IOException {
        // the schema says draft 04 in its $schema; naming it here too keeps a change of draft from going unseen
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(SchemaLocation.of(SCHEMA));
        assertThat(schema.getSchemaNode().path("$schema").asText()).isEqualTo("http://json-schema.org/draft-04/schema#");
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> routes = Files.newDirectoryStream(Path.of("routes"), "*.camel.yaml")) {
            routes.forEach(files::add);
        }
        assertThat(files).as("route files in routes/").isNotEmpty();

        Map<String, List<String>> violations = new TreeMap<>();
        for (Path file : files) {
            JsonNode routes = yaml.readTree(file.toFile());
            List<String> found = violations(schema.validate(routes));
            if (!found.isEmpty()) {
                violations.put(file.toString(), found);
            }
        }

        StringBuilder report = new StringBuilder();
        violations.forEach((file, found) -> {
            report.append(System.lineSeparator()).append(file).append(':');
            found.forEach(violation -> report.append(System.lineSeparator()).append("  ").append(violation));
        });
        assertThat(violations).withFailMessage("%d of %d route files break the schema of Camel's YAML DSL:%s",
                violations.size(), files.size(), report).isEmpty();
    }

    /**
     * One line per place in the file. Where the schema offers alternatives (an expression is a string or an
     * object in any of 26 languages), the validator also reports each alternative that did not match: the choice
     * and the alternatives' required keys are left out when a plainer error names the same place or one inside
     * it, and a wrong type when an error inside the value shows that another alternative was meant.
     */
    private static List<String> violations(List<Error> errors) {
        List<String> plainPlaces = errors.stream().filter(error -> !ALTERNATIVES.contains(error.getKeyword()))
                .map(error -> error.getInstanceLocation().toString()).toList();
        Map<String, Set<String>> byPlace = new TreeMap<>();
        for (Error error : errors) {
            String place = error.getInstanceLocation().toString();
            boolean inside = plainPlaces.stream().anyMatch(other -> other.startsWith(place + "/"));
            boolean explained = ALTERNATIVES.contains(error.getKeyword()) ? inside || plainPlaces.contains(place)
                    : "type".equals(error.getKeyword()) && inside;
            if (!explained) {
                byPlace.computeIfAbsent(place, key -> new LinkedHashSet<>()).add(error.getMessage());
            }
        }
        List<String> lines = new ArrayList<>();
        byPlace.forEach((place, messages) -> lines.add(place + ": " + String.join("; ", messages)));
        return lines;
    }

    private static final Set<String> ALTERNATIVES = Set.of("oneOf", "anyOf", "not", "required");
}
