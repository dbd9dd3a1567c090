package io.github.luccaprovisioning.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.mapping.ScimUserMapper;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The SCIM 2.0 messages the routes send and read, beyond the mapped user itself (RFC 7644). */
public final class ScimUsers {

    public static final String PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final String MANAGER_PATH = ScimUserMapper.ENTERPRISE_SCHEMA + ":manager";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ScimUsers() {
    }

    /** The target's id of the user it confirmed; a confirmation without one is not a confirmation. */
    public static String idOf(JsonNode confirmedUser) {
        JsonNode id = confirmedUser == null ? null : confirmedUser.get("id");
        if (id == null || id.isNull() || id.asText().isBlank()) {
            throw new IllegalStateException("the target answered without the user's id");
        }
        return id.asText();
    }

    /** The query that finds the account provisioned for this user's Lucca id. */
    public static String externalIdFilter(ObjectNode scimUser) {
        return filter("externalId", scimUser.path("externalId").asText());
    }

    /** The query that finds an account with this user's email as userName (matched regardless of case by the target). */
    public static String userNameFilter(ObjectNode scimUser) {
        return filter("userName", scimUser.path("userName").asText());
    }

    /** Both in one query: the account provisioned for this Lucca id, or the one with this email as userName. */
    public static String lookupFilter(ObjectNode scimUser) {
        return query(equalTo("externalId", scimUser.path("externalId").asText()) + " or "
                + equalTo("userName", scimUser.path("userName").asText()));
    }

    private static String filter(String attribute, String value) {
        return query(equalTo(attribute, value));
    }

    private static String equalTo(String attribute, String value) {
        String escaped = value.replace("\\", "\\\\").replace("\"", "\\\"");
        return attribute + " eq \"" + escaped + "\"";
    }

    private static String query(String filter) {
        return "filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8);
    }

    /**
     * The account a search found for this user, or null. The account provisioned for their Lucca id comes first
     * (a search with {@code or} may also return another one with their email); otherwise an account already
     * provisioned for another Lucca employee is never taken over, and neither is one of several matches: a person
     * must decide.
     *
     * @param othersAreNone true when an account of another employee simply means this one has none (a former
     *                      employee whose email now belongs to someone else), rather than a conflict
     */
    public static JsonNode adoptableAccount(JsonNode listResponse, ObjectNode scimUser, Boolean othersAreNone) {
        JsonNode found = listResponse.path("Resources");
        if (found.isEmpty()) {
            return null;
        }
        String userName = scimUser.path("userName").asText();
        List<JsonNode> provisioned = new ArrayList<>();
        found.forEach(account -> {
            if (account.path("externalId").asText("").equals(scimUser.path("externalId").asText())) {
                provisioned.add(account);
            }
        });
        if (provisioned.size() == 1) {
            return provisioned.get(0);
        }
        if (found.size() > 1) {
            throw new AccountConflictException(found.size() + " target accounts match " + userName + ": link the right one by hand");
        }
        JsonNode account = found.get(0);
        String owner = account.path("externalId").asText("");
        if (!owner.isEmpty() && !owner.equals(scimUser.path("externalId").asText())) {
            if (Boolean.TRUE.equals(othersAreNone)) {
                return null;
            }
            throw new AccountConflictException("email " + userName + " is already the target account of Lucca employee #" + owner);
        }
        return account;
    }

    /** The account a 409 said exists; a target that refuses a duplicate but cannot show it needs a person. */
    public static JsonNode requireFound(JsonNode account, ObjectNode scimUser) {
        if (account == null) {
            throw new AccountConflictException("the target says " + scimUser.path("userName").asText()
                    + " already has an account (409) but does not return it when looked up: link it by hand");
        }
        return account;
    }

    /** The user to PUT: a PUT replaces the whole account, so the manager link it already has goes with it. */
    public static ObjectNode withManager(ObjectNode scimUser, String managerTargetId) {
        if (managerTargetId == null) {
            return scimUser;
        }
        ObjectNode copy = scimUser.deepCopy();
        ((ObjectNode) copy.path(ScimUserMapper.ENTERPRISE_SCHEMA)).putObject("manager").put("value", managerTargetId);
        return copy;
    }

    /** PATCH body that deactivates an account (what Entra ID and Okta send too). */
    public static ObjectNode deactivation() {
        ObjectNode patch = patchOp();
        patch.withArray("Operations").addObject().put("op", "replace").put("path", "active").put("value", false);
        return patch;
    }

    /** PATCH body that points the account to its manager's account, or clears the link when there is none. */
    public static ObjectNode managerLink(String managerTargetId) {
        ObjectNode patch = patchOp();
        ObjectNode operation = patch.withArray("Operations").addObject();
        if (managerTargetId == null) {
            operation.put("op", "remove").put("path", MANAGER_PATH);
        } else {
            operation.put("op", "replace").put("path", MANAGER_PATH).putObject("value").put("value", managerTargetId);
        }
        return patch;
    }

    private static ObjectNode patchOp() {
        ObjectNode patch = NODES.objectNode();
        patch.putArray("schemas").add(PATCH_OP_SCHEMA);
        patch.putArray("Operations");
        return patch;
    }
}
