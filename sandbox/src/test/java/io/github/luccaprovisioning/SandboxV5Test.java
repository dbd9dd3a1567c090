package io.github.luccaprovisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.mapping.ScimUserMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code LUCCA_API=v5 java -jar target/lucca-provisioning.jar --profile sandbox --once}: the sandbox serves the same
 * people through the Lucca API v5, and its target ends with the same accounts as after a v3 run, less what v5 does
 * not have on the employee.
 */
class SandboxV5Test {

    /** What the scim profile maps from v3 fields v5 lacks: culture, the direct line (before the mobile), the cost-center axis. */
    private static final String PREFERRED_LANGUAGE = "preferredLanguage";
    private static final String WORK_PHONE = "phoneNumbers";
    private static final String COST_CENTER = "costCenter";

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void aV5SandboxRunLeavesTheAccountsOfAV3RunLessWhatV5DoesNotCarry() throws IOException {
        ConsoleCapture v3 = ConsoleCapture.run(settings(folder.resolve("v3"), "v3"), "--profile", "sandbox", "--once");
        ConsoleCapture v5 = ConsoleCapture.run(settings(folder.resolve("v5"), "v5"), "--profile", "sandbox", "--once");

        assertThat(v3.exitCode()).isZero();
        assertThat(v5.exitCode()).as(v5.err()).isZero();
        assertThat(v5.out()).contains("read from Lucca                          200 of 200 announced, 2 page(s)");
        for (String label : new String[] {"created", "linked to an existing account", "reactivated", "deactivated",
                "not started yet", "skipped (former employees)", "failed", "accounts in the SCIM target"}) {
            assertThat(count(v5.out(), label)).as(label).isEqualTo(count(v3.out(), label));
        }
        assertThat(count(v5.out(), "Lucca API calls")).as("a token, the names of departments and legal entities, two pages")
                .isEqualTo(5);

        Map<String, ObjectNode> fromV3 = accounts(folder.resolve("v3"));
        Map<String, ObjectNode> fromV5 = accounts(folder.resolve("v5"));
        assertThat(fromV3.values()).filteredOn(account -> account.has(PREFERRED_LANGUAGE)).hasSizeGreaterThan(100);
        assertThat(fromV3.values()).filteredOn(account -> account.path(ScimUserMapper.ENTERPRISE_SCHEMA).has(COST_CENTER))
                .hasSizeGreaterThan(100);
        assertThat(fromV5.values()).noneMatch(account -> account.has(PREFERRED_LANGUAGE)
                || account.path(ScimUserMapper.ENTERPRISE_SCHEMA).has(COST_CENTER));
        assertThat(fromV5.values()).as("v5's phoneNumber, the professional mobile").filteredOn(account -> account.has(WORK_PHONE))
                .isNotEmpty();
        fromV3.values().forEach(SandboxV5Test::withoutWhatV5Lacks);
        fromV5.values().forEach(SandboxV5Test::withoutWhatV5Lacks);
        assertThat(fromV5).isEqualTo(fromV3);
    }

    private static Map<String, String> settings(Path sandbox, String luccaApi) {
        Map<String, String> settings = new HashMap<>();
        settings.put("lucca.api", luccaApi);
        settings.put("sandbox.folder", sandbox.toString());
        settings.put("db.url", "jdbc:h2:file:" + sandbox.resolve("db").toAbsolutePath());
        settings.put("sync.reports-dir", sandbox.resolve("reports").toString());
        settings.put("camel.main.shutdown-timeout", "5");
        return settings;
    }

    /**
     * The target's accounts by userName, without what the target made up (its ids, meta), the manager as the
     * manager's externalId.
     */
    private static Map<String, ObjectNode> accounts(Path sandbox) throws IOException {
        JsonNode users = JSON.readTree(sandbox.resolve("scim-target-users.json").toFile());
        Map<String, String> externalIdsByTargetId = new HashMap<>();
        users.forEach(user -> externalIdsByTargetId.put(user.get("id").asText(), user.path("externalId").asText()));
        Map<String, ObjectNode> accounts = new TreeMap<>();
        for (JsonNode user : users) {
            ObjectNode account = user.deepCopy();
            account.remove("id");
            account.remove("meta");
            JsonNode manager = account.path(ScimUserMapper.ENTERPRISE_SCHEMA).path("manager");
            if (manager.has("value")) {
                ((ObjectNode) manager).put("value", externalIdsByTargetId.get(manager.get("value").asText()));
            }
            accounts.put(account.get("userName").asText(), account);
        }
        return accounts;
    }

    private static void withoutWhatV5Lacks(ObjectNode account) {
        account.remove(PREFERRED_LANGUAGE);
        account.remove(WORK_PHONE);
        if (account.get(ScimUserMapper.ENTERPRISE_SCHEMA) instanceof ObjectNode enterprise) {
            enterprise.remove(COST_CENTER);
        }
    }

    private static int count(String output, String label) {
        Matcher line = Pattern.compile("(?m)^\\s+" + Pattern.quote(label) + "\\s+(\\d+)").matcher(output);
        assertThat(line.find()).as("a '%s' line in:%n%s", label, output).isTrue();
        return Integer.parseInt(line.group(1));
    }
}
