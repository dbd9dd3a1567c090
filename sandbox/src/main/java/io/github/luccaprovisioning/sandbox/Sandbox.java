package io.github.luccaprovisioning.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.fakes.FakeLuccaApi;
import io.github.luccaprovisioning.fakes.FakeLuccaV5Api;
import io.github.luccaprovisioning.fakes.FakeScimTarget;
import io.github.luccaprovisioning.fakes.SandboxDirectory;
import io.github.luccaprovisioning.lucca.Employment;
import io.github.luccaprovisioning.mapping.ScimUserMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Everything a sync needs, on this machine: an embedded Lucca API (v3, or v5 with its OAuth2 token endpoint, as
 * lucca.api says) serving a generated directory, the same people either way, an embedded
 * SCIM 2.0 target that keeps its users in the sandbox folder between runs, and a loopback SMTP server whose mails
 * are saved in that folder. No tenant, no internet.
 */
public final class Sandbox implements AutoCloseable {

    /** Credentials of the embedded servers only; they open nothing anywhere else. */
    public static final String LUCCA_API_KEY = "sandbox-lucca-key";
    /** v5's OAuth client; its secret is made up at each start. */
    public static final String LUCCA_CLIENT_ID = "sandbox-client";
    public static final String TARGET_TOKEN = "sandbox-target-token";

    /** The embedded Lucca API of either version: the settings that point the sync at it, its calls, how to stop it. */
    private record Lucca(Map<String, String> settings, IntSupplier calls, Runnable stop) {
    }

    private final Lucca lucca;
    private final FakeScimTarget target;
    private final SandboxMailbox mailbox;

    private Sandbox(Lucca lucca, FakeScimTarget target, SandboxMailbox mailbox) {
        this.lucca = lucca;
        this.target = target;
        this.mailbox = mailbox;
    }

    /** @param luccaApi lucca.api: v5 serves the Lucca API v5, anything else v3 */
    public static Sandbox start(Path folder, int employees, long seed, String luccaApi) throws IOException {
        List<ObjectNode> directory = SandboxDirectory.generate(employees, seed, LocalDate.now());
        Path targetUsers = folder.resolve("scim-target-users.json");
        boolean firstStart = !Files.exists(targetUsers);
        FakeScimTarget target = new FakeScimTarget(TARGET_TOKEN, targetUsers);
        if (firstStart) {
            addAccountsMadeBeforeTheSync(directory, target);
        }
        addDataEntryMistakes(directory);
        Lucca lucca = "v5".equals(luccaApi == null ? null : luccaApi.strip()) ? luccaV5(directory) : luccaV3(directory);
        return new Sandbox(lucca, target, new SandboxMailbox(folder.resolve("mail")));
    }

    private static Lucca luccaV3(List<ObjectNode> directory) throws IOException {
        FakeLuccaApi v3 = new FakeLuccaApi(LUCCA_API_KEY, directory);
        return new Lucca(Map.of("lucca.base-url", v3.baseUrl(), "lucca.api-key", LUCCA_API_KEY),
                () -> v3.requests().size(), v3::close);
    }

    private static Lucca luccaV5(List<ObjectNode> directory) throws IOException {
        String secret = newSecret();
        FakeLuccaV5Api v5 = new FakeLuccaV5Api(LUCCA_CLIENT_ID, secret, directory);
        return new Lucca(Map.of("lucca.base-url", v5.baseUrl(), "lucca.token-url", v5.tokenUrl(),
                "lucca.client-id", LUCCA_CLIENT_ID, "lucca.client-secret", secret), () -> v5.requests().size(), v5::close);
    }

    /** A random secret of 24 bytes, URL-safe. */
    static String newSecret() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /**
     * A target is rarely empty when a company starts syncing: the first sandbox run meets an account someone made by
     * hand (adopted, not duplicated), the old account of a rehire (reactivated), and the account of someone who left
     * and was never deactivated (deactivated).
     */
    static void addAccountsMadeBeforeTheSync(List<ObjectNode> directory, FakeScimTarget target) {
        LocalDate today = LocalDate.now();
        List<ObjectNode> employed = directory.stream().filter(user -> !Employment.hasLeft(user, today)
                && !Employment.contractStart(user).isAfter(today) && !user.path("manager").isNull()).toList();
        ObjectNode leaver = directory.stream().filter(user -> Employment.hasLeft(user, today)).findFirst().orElseThrow();
        ObjectNode madeByHand = employed.get(employed.size() / 3);
        ObjectNode rehire = employed.get(2 * employed.size() / 3);

        target.addAccount(account(madeByHand, null, true).put("userName", madeByHand.get("mail").asText().toUpperCase()));
        rehire.put("dtContractStart", today.minusDays(14) + "T00:00:00");
        target.addAccount(account(rehire, rehire.get("id").asText(), false));
        target.addAccount(account(leaver, leaver.get("id").asText(), true));
    }

    /**
     * Real directories have typos: the sandbox's has an employee without an email and one whose email, in other
     * letter case, is a colleague's, so that its first run shows error rows and an error file.
     */
    static void addDataEntryMistakes(List<ObjectNode> directory) {
        LocalDate today = LocalDate.now();
        List<ObjectNode> employed = directory.stream().filter(user -> !Employment.hasLeft(user, today)).toList();
        ObjectNode colleague = employed.get(employed.size() - 3);
        employed.get(employed.size() - 1).putNull("mail");
        employed.get(employed.size() - 2).put("mail", colleague.get("mail").asText().toUpperCase());
    }

    private static ObjectNode account(ObjectNode employee, String externalId, boolean active) {
        ObjectNode account = JsonNodeFactory.instance.objectNode();
        account.putArray("schemas").add(ScimUserMapper.CORE_SCHEMA);
        if (externalId != null) {
            account.put("externalId", externalId);
        }
        account.put("userName", employee.get("mail").asText());
        account.putObject("name").put("givenName", employee.get("firstName").asText()).put("familyName", employee.get("lastName").asText());
        account.put("active", active);
        return account;
    }

    /** The settings that point the sync at the embedded servers. */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>(lucca.settings());
        settings.put("target.base-url", target.scimBaseUrl());
        settings.put("target.token", TARGET_TOKEN);
        settings.put("target.cost-centers-url", target.baseUrl() + "/cost_centers");
        settings.put("mail.host", mailbox.host());
        settings.put("mail.port", String.valueOf(mailbox.port()));
        return settings;
    }

    /** What the sandbox saw, for the person who ran it: the target's calls and users, and where the mails are. */
    public String report(String summaryRecipient) throws IOException {
        List<Path> mails = mailbox.save();
        StringBuilder text = new StringBuilder("Sandbox:\n");
        line(text, "Lucca API calls", lucca.calls().getAsInt());
        line(text, "SCIM target calls", target.requests().size());
        line(text, "accounts in the SCIM target", target.users().size());
        line(text, "mails received", mails.size());
        mails.stream().filter(mail -> mail.getFileName().toString().endsWith(summaryRecipient + ".eml"))
                .forEach(mail -> line(text, "run summary mail", mail));
        mails.stream().filter(mail -> !mail.getFileName().toString().endsWith(summaryRecipient + ".eml")).findFirst()
                .ifPresent(mail -> line(text, "welcome mails, for example", mail));
        return text.toString();
    }

    private static void line(StringBuilder text, String label, Object value) {
        text.append(String.format("  %-40s %s%n", label, value));
    }

    @Override
    public void close() {
        lucca.stop().run();
        target.close();
        mailbox.close();
    }
}
