package io.github.luccaprovisioning.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lucca fixture of shared/reference/lucca-api.md §7 mapped through each target profile gives the payloads in
 * app/src/test/resources/golden/&lt;profile&gt;-users.json, which are reviewed by hand. After a deliberate mapping change,
 * regenerate them with -Dgolden.update=true and review the diff.
 */
class ProfileGoldenFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Path GOLDEN = Path.of("app/src/test/resources/golden");

    @ParameterizedTest
    @ValueSource(strings = {"scim", "travelperk", "rewardgateway"})
    void theFixtureMapsToTheReviewedPayloads(String profile) throws Exception {
        ScimUserMapper mapper = ScimUserMapperTest.mapper(profile, "full");
        ArrayNode payloads = JSON.createArrayNode();
        for (JsonNode user : JSON.readTree(GOLDEN.resolve("lucca-users.json").toFile())) {
            payloads.add(mapper.toScimUser(user));
        }
        String actual = JSON.writeValueAsString(payloads) + "\n";
        Path golden = GOLDEN.resolve(profile + "-users.json");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
