package io.github.luccaprovisioning.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.lucca.DirectoryRead;
import io.github.luccaprovisioning.lucca.LuccaTenant;
import io.github.luccaprovisioning.lucca.LuccaV5Reader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The people of the reviewed golden payloads, read from Lucca API v5 (golden/lucca-v5-employees.json, the same
 * two people as lucca-users.json), map to the same payloads through every profile, but for the fields v5 has no
 * equivalent of on the employee: culture (preferredLanguage), gender, birth date and the cost-center axis.
 */
class V5GoldenPayloadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path GOLDEN = Path.of("app/src/test/resources/golden");
    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final String TRAVELPERK = "urn:ietf:params:scim:schemas:extension:travelperk:2.0:User";

    @ParameterizedTest
    @ValueSource(strings = {"scim", "travelperk", "rewardgateway"})
    void theSamePeopleFromV5MapToTheReviewedPayloads(String profile) throws Exception {
        LuccaV5Reader reader = new LuccaV5Reader(new LuccaTenant(null, "https://acme.ilucca-demo.net"));
        LuccaV5Reader.Names names = reader.newNames();
        reader.namesPage(200, null, json("{\"items\":[{\"id\":\"17\",\"name\":\"Sales\"},{\"id\":\"21\",\"name\":\"Customer Support\"}]}"),
                names, "departments");
        reader.namesPage(200, null, json("{\"items\":[{\"id\":\"2\",\"legalName\":\"Acme France SAS\"}]}"), names, "legal-entities");
        DirectoryRead read = new DirectoryRead(100);
        ArrayNode employees = reader.readPage(200, null, Files.newInputStream(GOLDEN.resolve("lucca-v5-employees.json")), read, names);
        assertThat(read.isComplete()).isTrue();

        ScimUserMapper mapper = ScimUserMapperTest.mapper(profile, "full");
        ArrayNode fromV5 = JSON.createArrayNode();
        employees.forEach(employee -> fromV5.add(mapper.toScimUser(employee)));
        ArrayNode golden = (ArrayNode) JSON.readTree(GOLDEN.resolve(profile + "-users.json").toFile());
        golden.forEach(payload -> withoutWhatV5Lacks((ObjectNode) payload));

        assertThat(fromV5).isEqualTo(golden);
    }

    private static void withoutWhatV5Lacks(ObjectNode payload) {
        payload.remove("preferredLanguage");
        ((ObjectNode) payload.path(ENTERPRISE)).remove("costCenter");
        if (payload.has(TRAVELPERK)) {
            ((ObjectNode) payload.get(TRAVELPERK)).remove(List.of("gender", "dateOfBirth"));
            if (payload.get(TRAVELPERK).isEmpty()) {
                payload.remove(TRAVELPERK);
                ArrayNode schemas = (ArrayNode) payload.get("schemas");
                for (int i = schemas.size() - 1; i >= 0; i--) {
                    if (TRAVELPERK.equals(schemas.get(i).asText())) {
                        schemas.remove(i);
                    }
                }
            }
        }
    }

    private static InputStream json(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
