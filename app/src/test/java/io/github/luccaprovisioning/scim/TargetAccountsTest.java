package io.github.luccaprovisioning.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.lucca.DirectoryRead;
import io.github.luccaprovisioning.sync.RunOptions;
import io.github.luccaprovisioning.sync.SyncRun;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetAccountsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final SyncRun run = new SyncRun(7, "manual", new RunOptions(false, false), Instant.now(), new DirectoryRead(10));
    private final ObjectNode camille = JsonNodeFactory.instance.objectNode()
            .put("externalId", "1201").put("userName", "camille.moreau@acme.example");

    private JsonNode page(int totalResults, String... accounts) throws IOException {
        return json.readTree("{\"totalResults\":" + totalResults + ",\"Resources\":[" + String.join(",", accounts) + "]}");
    }

    private TargetAccounts listed(String... accounts) throws IOException {
        TargetAccounts target = new TargetAccounts("list", 1000, 100);
        target.start(run);
        target.pageRead(run, page(accounts.length, accounts));
        assertThat(target.listed(run)).isTrue();
        return target;
    }

    @Test
    void autoProbesWithOneAccountThenReadsPagesUntilTotalResults() throws Exception {
        TargetAccounts target = new TargetAccounts("auto", 1000, 100);
        assertThat(target.shouldList(run)).isTrue();
        target.start(run);

        assertThat(target.nextPageQuery(run)).isEqualTo("startIndex=1&count=1");
        target.pageRead(run, page(3, "{\"id\":\"a\",\"userName\":\"a@x\"}"));
        assertThat(target.nextPageQuery(run)).isEqualTo("startIndex=2&count=100");
        // fewer than asked: the target's own page size
        target.pageRead(run, page(3, "{\"id\":\"b\",\"userName\":\"b@x\"}"));
        assertThat(target.isListing(run)).isTrue();
        target.pageRead(run, page(3, "{\"id\":\"c\",\"userName\":\"c@x\"}"));

        assertThat(target.isListing(run)).isFalse();
        assertThat(target.listed(run)).isTrue();
        assertThat(target.shouldList(run)).as("once a run").isFalse();
        assertThat(target.outcome(run)).startsWith("3 target accounts listed in 3 pages");
    }

    @Test
    void pagesThatEndBeforeTotalResultsAreNoListing() throws Exception {
        TargetAccounts target = new TargetAccounts("list", 1000, 2);
        target.start(run);
        target.pageRead(run, page(5, "{\"id\":\"a\",\"userName\":\"a@x\"}", "{\"id\":\"b\",\"userName\":\"b@x\"}"));
        target.pageRead(run, page(5));

        assertThat(target.isListing(run)).isFalse();
        assertThat(target.listed(run)).isFalse();
        assertThat(target.outcome(run)).contains("ended at account 2 of 5", "each new employee is looked up");
    }

    @Test
    void aFailedPageOrAnAnswerThatIsNoListOrTooManyAccountsAreNoListing() throws Exception {
        TargetAccounts failed = new TargetAccounts("list", 1000, 2);
        failed.start(run);
        failed.pageFailed(run, new IOException("Connection reset"));
        assertThat(failed.listed(run)).isFalse();

        TargetAccounts notAList = new TargetAccounts("auto", 1000, 2);
        notAList.start(run);
        notAList.pageRead(run, json.readTree("{\"id\":\"a\"}"));
        assertThat(notAList.listed(run)).isFalse();

        TargetAccounts tooMany = new TargetAccounts("auto", 2, 2);
        tooMany.start(run);
        tooMany.pageRead(run, page(3, "{\"id\":\"a\",\"userName\":\"a@x\"}"));
        assertThat(tooMany.listed(run)).isFalse();
        assertThat(tooMany.outcome(run)).contains("more than target.match-list-max-accounts (2)");
    }

    @Test
    void lookupNeverLists() {
        assertThat(new TargetAccounts("lookup", 1000, 100).shouldList(run)).isFalse();
        assertThat(new TargetAccounts(" LIST ", 1000, 100).shouldList(run)).isTrue();
        assertThatThrownBy(() -> new TargetAccounts("always", 1000, 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target.match must be auto, list or lookup, not 'always'");
    }

    @Test
    void aListingIsTheRunsOwn() throws Exception {
        TargetAccounts target = listed("{\"id\":\"a\",\"externalId\":\"1201\",\"userName\":\"camille.moreau@acme.example\"}");
        SyncRun next = new SyncRun(8, "manual", new RunOptions(false, false), Instant.now(), new DirectoryRead(10));

        assertThat(target.listed(next)).isFalse();
        assertThat(target.shouldList(next)).isTrue();
        assertThat(target.listed(run)).as("let go once the next run asked").isFalse();
    }

    @Test
    void theAccountOfTheLuccaIdComesFirstThenTheEmailInAnyCase() throws Exception {
        TargetAccounts byExternalId = listed("{\"id\":\"other\",\"userName\":\"Camille.Moreau@acme.example\"}",
                "{\"id\":\"mine\",\"externalId\":\"1201\",\"userName\":\"old@acme.example\",\"active\":false}");
        assertThat(byExternalId.adoptableAccount(run, camille, false).path("id").asText()).isEqualTo("mine");
        assertThat(byExternalId.adoptableAccount(run, camille, false).path("active").asBoolean()).isFalse();

        TargetAccounts byUserName = listed("{\"id\":\"made-by-hand\",\"userName\":\"Camille.Moreau@ACME.example\"}");
        JsonNode found = byUserName.adoptableAccount(run, camille, false);
        assertThat(found.path("id").asText()).isEqualTo("made-by-hand");
        assertThat(found.path("active").asBoolean()).as("active unless it says otherwise").isTrue();

        assertThat(listed("{\"id\":\"x\",\"userName\":\"someone@acme.example\"}").adoptableAccount(run, camille, false)).isNull();
    }

    @Test
    void anAccountOfAnotherEmployeeIsNeverTaken() throws Exception {
        TargetAccounts target = listed("{\"id\":\"theirs\",\"externalId\":\"1188\",\"userName\":\"camille.moreau@acme.example\"}");

        assertThatThrownBy(() -> target.adoptableAccount(run, camille, false)).isInstanceOf(AccountConflictException.class)
                .hasMessage("email camille.moreau@acme.example is already the target account of Lucca employee #1188");
        assertThat(target.adoptableAccount(run, camille, true)).as("a former employee has none").isNull();
    }

    @Test
    void anAccountRepeatedByShiftedPagesIsKeptOnce() throws Exception {
        TargetAccounts target = new TargetAccounts("list", 1000, 1);
        target.start(run);
        String account = "{\"id\":\"mine\",\"externalId\":\"1201\",\"userName\":\"camille.moreau@acme.example\"}";
        target.pageRead(run, page(2, account));
        target.pageRead(run, page(2, account));

        assertThat(target.listed(run)).isTrue();
        assertThat(target.adoptableAccount(run, camille, false).path("id").asText()).isEqualTo("mine");
        assertThat(target.outcome(run)).startsWith("1 target accounts listed");
    }
}
