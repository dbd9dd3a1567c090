package io.github.luccaprovisioning.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.sync.FailureReasons;
import io.github.luccaprovisioning.sync.SyncRun;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The target's accounts, read once in a run from {@code GET /Users} page by page (RFC 7644 3.4.2.4), so that someone
 * new to the sync is matched in memory instead of looked up (design decision 12). Only id, externalId, userName and
 * active are kept of each account. A listing that did not reach its end (a failed page, pages that stop short of
 * totalResults, an answer that is not a list, more accounts than the bound) is never used: the run looks each new
 * employee up instead, so nobody is taken for absent.
 * <p>
 * Read lazily and once: the first employee of the run who needs it ({@link #claimListing}) reads it, the others who
 * need it meanwhile wait for it; a run in which nobody is new never lists. One listing at a time, the run's.
 */
public final class TargetAccounts {

    /** What {@code target.match} asks for. */
    public enum Match { AUTO, LIST, LOOKUP }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Listed[] NONE = {};

    private record Listed(String id, String externalId, String userName, boolean active) {
        ObjectNode toScim() {
            ObjectNode account = NODES.objectNode().put("id", id).put("active", active);
            if (externalId != null) {
                account.put("externalId", externalId);
            }
            return userName == null ? account : account.put("userName", userName);
        }
    }

    private final Match match;
    private final int maxAccounts;
    private final int pageSize;
    private final long stallMillis;
    /** The listing of each run, let go with the run itself: one that lists nobody keeps no earlier run's accounts. */
    private final Map<SyncRun, Listing> listings = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * @param match       auto (list when the first page, of one account, says the target lists), list, or lookup
     * @param maxAccounts above this many accounts (totalResults), the run looks new employees up instead
     * @param pageSize    the count asked for per page; the target may answer fewer
     * @param stallMillis how long the employees waiting for the listing wait for its next page before they give it up
     */
    public TargetAccounts(String match, int maxAccounts, int pageSize, long stallMillis) {
        this.match = Arrays.stream(Match.values()).filter(value -> value.name().equalsIgnoreCase(match.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("target.match must be auto, list or lookup, not '" + match + "'"));
        this.maxAccounts = maxAccounts;
        this.pageSize = pageSize;
        this.stallMillis = stallMillis;
    }

    /**
     * Called by an employee who needs the listing: true for the first of the run, who is to read it now (then call
     * {@link #listingDone}); false for the others, once it is done (or given up), or at once with target.match=lookup.
     */
    public synchronized boolean claimListing(SyncRun run) throws InterruptedException {
        if (match == Match.LOOKUP) {
            return false;
        }
        Listing listing = listingOf(run);
        if (listing == null) {
            listings.put(run, new Listing());
            return true;
        }
        int pagesSeen = -1;
        while (!listing.done) {
            if (listing.pages == pagesSeen) {
                listing.giveUp("no page for " + stallMillis + " ms");
                break;
            }
            pagesSeen = listing.pages;
            wait(stallMillis);
        }
        return false;
    }

    /** The listing is read as far as it goes: the employees waiting for it go on. */
    public synchronized void listingDone(SyncRun run) {
        Listing listing = listingOf(run);
        if (listing.unusable == null && !listing.complete) {
            listing.giveUp("its reading stopped");
        }
        listing.done = true;
        notifyAll();
    }

    /** Whether this run's listing wants its next page. */
    public boolean isListing(SyncRun run) {
        Listing listing = listingOf(run);
        return listing != null && !listing.complete && listing.unusable == null;
    }

    /** The query of the next page: with target.match=auto the first one asks for one account, as a probe. */
    public String nextPageQuery(SyncRun run) {
        Listing listing = listingOf(run);
        int count = listing.nextStartIndex == 1 && match == Match.AUTO ? 1 : pageSize;
        return "startIndex=" + listing.nextStartIndex + "&count=" + count;
    }

    /** Takes in one page, a SCIM ListResponse. */
    public synchronized void pageRead(SyncRun run, String answer) {
        Listing listing = listingOf(run);
        JsonNode listResponse;
        try {
            listResponse = JSON.readTree(answer);
        } catch (IOException notJson) {
            listResponse = null;
        }
        JsonNode total = listResponse == null ? null : listResponse.get("totalResults");
        JsonNode resources = listResponse == null ? null : listResponse.get("Resources");
        if (total == null || !total.canConvertToInt() || (resources != null && !resources.isArray())
                || (resources == null && total.asInt() > 0)) {
            listing.unusable = "the answer to GET /Users is not a SCIM list (totalResults, Resources)";
            return;
        }
        int totalResults = total.asInt();
        if (totalResults > maxAccounts) {
            listing.unusable = "the target holds " + totalResults + " accounts, more than target.match-list-max-accounts ("
                    + maxAccounts + ")";
            return;
        }
        JsonNode startIndex = listResponse.get("startIndex");
        if (startIndex != null && startIndex.canConvertToInt() && startIndex.asInt() != listing.nextStartIndex
                && resources != null && !resources.isEmpty()) {
            listing.unusable = "the target answered startIndex " + startIndex.asInt() + " when asked for " + listing.nextStartIndex;
            return;
        }
        if (resources == null || resources.isEmpty()) {
            if (listing.nextStartIndex <= totalResults) {
                listing.unusable = "the pages ended at account " + (listing.nextStartIndex - 1) + " of " + totalResults;
            } else {
                listing.complete = true;
            }
            return;
        }
        resources.forEach(listing::add);
        listing.pages++;
        listing.nextStartIndex += resources.size();
        if (listing.unusable == null && listing.nextStartIndex > totalResults) {
            // an account deleted meanwhile shifts the pages left: the one that moved into a page already read is missed
            if (listing.accounts < totalResults) {
                listing.unusable = "the pages held " + listing.accounts + " different accounts of " + totalResults;
            }
            listing.complete = true;
        }
    }

    /** A page that failed after its retries (target-listing-retries): the listing is not used. */
    public synchronized void pageFailed(SyncRun run, Throwable cause) {
        listingOf(run).unusable = "a page of GET /Users failed: " + FailureReasons.ofRun(cause);
    }

    /** Whether this run has the target's whole listing to match new employees from. */
    public boolean listed(SyncRun run) {
        Listing listing = listingOf(run);
        return listing != null && listing.complete && listing.unusable == null;
    }

    /** For the log: what the listing came to. */
    public String outcome(SyncRun run) {
        Listing listing = listingOf(run);
        if (listed(run)) {
            return listing.accounts + " target accounts listed in " + listing.pages + " pages: new employees are matched from them";
        }
        return "the target's accounts are not listed (" + listing.unusable + "): each new employee is looked up";
    }

    /**
     * The account of the listing this user is to be given, or null: the one provisioned for their Lucca id
     * (externalId), else the one with their email as userName in any letter case, under the rules of
     * {@link ScimUsers#adoptableAccount} (never one of another employee, never one of several).
     */
    public JsonNode adoptableAccount(SyncRun run, ObjectNode scimUser, Boolean othersAreNone) {
        Listing listing = listingOf(run);
        Listed[] found = listing.byExternalId.getOrDefault(scimUser.path("externalId").asText(), NONE);
        if (found.length == 0) {
            found = listing.byUserName.getOrDefault(userNameKey(scimUser.path("userName").asText()), NONE);
        }
        ObjectNode list = NODES.objectNode();
        ArrayNode resources = list.putArray("Resources");
        for (Listed account : found) {
            resources.add(account.toScim());
        }
        return ScimUsers.adoptableAccount(list, scimUser, othersAreNone);
    }

    private Listing listingOf(SyncRun run) {
        return listings.get(run);
    }

    private static String userNameKey(String userName) {
        return userName.toLowerCase(Locale.ROOT);
    }

    private static String textOrNull(JsonNode account, String attribute) {
        JsonNode value = account.get(attribute);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    /** One run's listing, as far as it got. */
    private static final class Listing {
        // arrays rather than lists: almost always one account a key, and 100,000 accounts must fit in a small heap
        final Map<String, Listed[]> byExternalId = new HashMap<>();
        final Map<String, Listed[]> byUserName = new HashMap<>();
        int nextStartIndex = 1;
        int pages;
        int accounts;
        // volatile, and set last: an employee who sees complete sees the accounts read before
        volatile boolean complete;
        volatile String unusable;
        boolean done;

        void giveUp(String reason) {
            if (unusable == null) {
                unusable = reason;
            }
        }

        void add(JsonNode account) {
            String id = textOrNull(account, "id");
            if (id == null) {
                unusable = "the target listed an account without its id";
                return;
            }
            Listed listed = new Listed(id, textOrNull(account, "externalId"), textOrNull(account, "userName"),
                    account.path("active").asBoolean(true));
            // pages are no snapshot: an account created meanwhile shifts the next page, which repeats one already read
            boolean keyless = listed.externalId() == null && listed.userName() == null;
            boolean added = listed.externalId() != null && addTo(byExternalId, listed.externalId(), listed);
            added |= listed.userName() != null && addTo(byUserName, userNameKey(listed.userName()), listed);
            if (added || keyless) {
                accounts++;
            }
        }

        private static boolean addTo(Map<String, Listed[]> index, String key, Listed listed) {
            Listed[] known = index.getOrDefault(key, NONE);
            for (Listed account : known) {
                if (account.id().equals(listed.id())) {
                    return false;
                }
            }
            Listed[] more = Arrays.copyOf(known, known.length + 1);
            more[known.length] = listed;
            index.put(key, more);
            return true;
        }
    }
}
