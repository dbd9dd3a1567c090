package io.github.luccaprovisioning.scim;

import com.fasterxml.jackson.databind.JsonNode;
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

    private final SyncRun run = new SyncRun(7, "manual", new RunOptions(false, false), Instant.now(), new DirectoryRead(10));
    private final ObjectNode camille = JsonNodeFactory.instance.objectNode()
            .put("externalId", "1201").put("userName", "camille.moreau@acme.example");

    private static String page(int totalResults, String... accounts) {
        return "{\"totalResults\":" + totalResults + ",\"Resources\":[" + String.join(",", accounts) + "]}";
    }

    private TargetAccounts listed(String... accounts) throws InterruptedException {
        TargetAccounts target = new TargetAccounts("list", 1000, 100, 60_000);
        assertThat(target.claimListing(run)).isTrue();
        target.pageRead(run, page(accounts.length, accounts));
        assertThat(target.listed(run)).isTrue();
        return target;
    }

    @Test
    void autoProbesWithOneAccountThenReadsPagesUntilTotalResults() throws Exception {
        TargetAccounts target = new TargetAccounts("auto", 1000, 100, 60_000);
        assertThat(target.claimListing(run)).as("the first to ask lists").isTrue();

        assertThat(target.nextPageQuery(run)).isEqualTo("startIndex=1&count=1");
        target.pageRead(run, page(3, "{\"id\":\"a\",\"userName\":\"a@x\"}"));
        assertThat(target.nextPageQuery(run)).isEqualTo("startIndex=2&count=100");
        // fewer than asked: the target's own page size
        target.pageRead(run, page(3, "{\"id\":\"b\",\"userName\":\"b@x\"}"));
        assertThat(target.isListing(run)).isTrue();
        target.pageRead(run, page(3, "{\"id\":\"c\",\"userName\":\"c@x\"}"));

        assertThat(target.isListing(run)).isFalse();
        target.listingDone(run);
        assertThat(target.listed(run)).isTrue();
        assertThat(target.claimListing(run)).as("once a run").isFalse();
        assertThat(target.outcome(run)).startsWith("3 target accounts listed in 3 pages");
    }

    @Test
    void pagesThatEndBeforeTotalResultsAreNoListing() throws Exception {
        TargetAccounts target = new TargetAccounts("list", 1000, 2, 60_000);
        assertThat(target.claimListing(run)).isTrue();
        target.pageRead(run, page(5, "{\"id\":\"a\",\"userName\":\"a@x\"}", "{\"id\":\"b\",\"userName\":\"b@x\"}"));
        target.pageRead(run, page(5));

        assertThat(target.isListing(run)).isFalse();
        assertThat(target.listed(run)).isFalse();
        assertThat(target.outcome(run)).contains("ended at account 2 of 5", "each new employee is looked up");
    }

    @Test
    void aFailedPageOrAnAnswerThatIsNoListOrTooManyAccountsAreNoListing() throws Exception {
        TargetAccounts failed = new TargetAccounts("list", 1000, 2, 60_000);
        assertThat(failed.claimListing(run)).isTrue();
        failed.pageFailed(run, new IOException("Connection reset"));
        assertThat(failed.listed(run)).isFalse();

        TargetAccounts notAList = new TargetAccounts("auto", 1000, 2, 60_000);
        assertThat(notAList.claimListing(run)).isTrue();
        notAList.pageRead(run, "{\"id\":\"a\"}");
        assertThat(notAList.listed(run)).isFalse();

        TargetAccounts tooMany = new TargetAccounts("auto", 2, 2, 60_000);
        assertThat(tooMany.claimListing(run)).isTrue();
        tooMany.pageRead(run, page(3, "{\"id\":\"a\",\"userName\":\"a@x\"}"));
        assertThat(tooMany.listed(run)).isFalse();
        assertThat(tooMany.outcome(run)).contains("more than target.match-list-max-accounts (2)");
    }

    @Test
    void aTargetThatIgnoresStartIndexOrLosesAnAccountBetweenPagesIsNoListing() throws Exception {
        TargetAccounts ignoresStartIndex = new TargetAccounts("list", 1000, 1, 60_000);
        assertThat(ignoresStartIndex.claimListing(run)).isTrue();
        ignoresStartIndex.pageRead(run, "{\"totalResults\":2,\"startIndex\":1,\"Resources\":[{\"id\":\"a\",\"userName\":\"a@x\"}]}");
        ignoresStartIndex.pageRead(run, "{\"totalResults\":2,\"startIndex\":1,\"Resources\":[{\"id\":\"a\",\"userName\":\"a@x\"}]}");
        assertThat(ignoresStartIndex.listed(run)).isFalse();
        assertThat(ignoresStartIndex.outcome(run)).contains("startIndex 1 when asked for 2");

        TargetAccounts shifted = new TargetAccounts("list", 1000, 1, 60_000);
        assertThat(shifted.claimListing(run)).isTrue();
        shifted.pageRead(run, page(3, "{\"id\":\"a\",\"userName\":\"a@x\"}"));
        shifted.pageRead(run, page(3, "{\"id\":\"a\",\"userName\":\"a@x\"}"));
        shifted.pageRead(run, page(3, "{\"id\":\"c\",\"userName\":\"c@x\"}"));
        assertThat(shifted.listed(run)).isFalse();
        assertThat(shifted.outcome(run)).contains("2 different accounts of 3");
    }

    @Test
    void whoAsksWhileTheListingIsReadWaitsForItThenMatchesFromIt() throws Exception {
        TargetAccounts target = new TargetAccounts("list", 1000, 100, 60_000);
        assertThat(target.claimListing(run)).isTrue();
        boolean[] claimedToo = {true};
        Thread other = new Thread(() -> {
            try {
                claimedToo[0] = target.claimListing(run);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        other.start();
        target.pageRead(run, page(1, "{\"id\":\"mine\",\"externalId\":\"1201\",\"userName\":\"c@x\"}"));
        target.listingDone(run);
        other.join();

        assertThat(claimedToo[0]).as("listed once").isFalse();
        assertThat(target.listed(run)).isTrue();
        assertThat(target.adoptableAccount(run, camille, false).path("id").asText()).isEqualTo("mine");
    }

    @Test
    void aListingThatReadsNoPageForTooLongIsGivenUpByWhoWaitsForIt() throws Exception {
        TargetAccounts target = new TargetAccounts("list", 1000, 100, 1);
        assertThat(target.claimListing(run)).isTrue();

        assertThat(target.claimListing(run)).isFalse();
        assertThat(target.isListing(run)).isFalse();
        assertThat(target.outcome(run)).contains("no page for 1 ms");
    }

    @Test
    void aListingWhoseReadingStoppedIsNotUsed() throws Exception {
        TargetAccounts target = new TargetAccounts("list", 1000, 1, 60_000);
        assertThat(target.claimListing(run)).isTrue();
        target.pageRead(run, page(2, "{\"id\":\"a\",\"userName\":\"a@x\"}"));
        target.listingDone(run);

        assertThat(target.listed(run)).isFalse();
        assertThat(target.outcome(run)).contains("its reading stopped");
    }

    @Test
    void lookupNeverLists() throws InterruptedException {
        assertThat(new TargetAccounts("lookup", 1000, 100, 60_000).claimListing(run)).isFalse();
        assertThat(new TargetAccounts(" LIST ", 1000, 100, 60_000).claimListing(run)).isTrue();
        assertThatThrownBy(() -> new TargetAccounts("always", 1000, 100, 60_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target.match must be auto, list or lookup, not 'always'");
    }

    @Test
    void aListingIsTheRunsOwn() throws Exception {
        TargetAccounts target = listed("{\"id\":\"a\",\"externalId\":\"1201\",\"userName\":\"camille.moreau@acme.example\"}");
        SyncRun next = new SyncRun(8, "manual", new RunOptions(false, false), Instant.now(), new DirectoryRead(10));

        assertThat(target.listed(next)).isFalse();
        assertThat(target.claimListing(next)).isTrue();
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
    void anAccountCreatedMeanwhileInAPageAlreadyReadMakesTheListingUnusable() throws Exception {
        TargetAccounts target = new TargetAccounts("list", 1000, 1, 60_000);
        assertThat(target.claimListing(run)).isTrue();
        String account = "{\"id\":\"mine\",\"externalId\":\"1201\",\"userName\":\"camille.moreau@acme.example\"}";
        String another = "{\"id\":\"other\",\"userName\":\"someone@acme.example\"}";
        target.pageRead(run, page(3, account));
        // an account created meanwhile at the front: the next page starts with the one already read
        target.pageRead(run, page(4, account));
        target.pageRead(run, page(4, another));
        target.pageRead(run, page(4, "{\"id\":\"new\",\"userName\":\"new@acme.example\"}"));

        assertThat(target.listed(run)).isFalse();
        assertThat(target.outcome(run)).as("the one created at the front was not seen").contains("3 different accounts of 4");
    }
}
