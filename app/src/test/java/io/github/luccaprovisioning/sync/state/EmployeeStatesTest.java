package io.github.luccaprovisioning.sync.state;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.luccaprovisioning.scim.BulkOutcome;
import io.github.luccaprovisioning.scim.BulkWrite;
import io.github.luccaprovisioning.sync.RunOptions;
import io.github.luccaprovisioning.sync.SyncRun;
import io.github.luccaprovisioning.sync.decision.Outcome;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EmployeeStatesTest {

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private JdbcDataSource database;
    private EmployeeStates states;
    private SyncRun run;

    @BeforeEach
    void emptySyncState() {
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:states-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        new SchemaMigration(database).migrate();
        states = new EmployeeStates(Jdbi.create(database));
        run = new SyncRun(1, "manual", new RunOptions(false, false), Instant.now(), null);
    }

    private ObjectNode user(String userName) {
        return nodes.objectNode().put("externalId", "1001").put("userName", userName).put("active", true);
    }

    @Test
    void someoneNewIsRecordedAndFoundAgain() throws Exception {
        ObjectNode employee = nodes.objectNode().put("id", 1001);

        states.recordSynced(run, employee, null, user("camille@acme.example"), "t-1", "1001:a");

        assertThat(accountOf(employee)).isEqualTo(new Account("t-1", true, null));
    }

    @Test
    void someoneMetTwiceInOneReadIsRecordedOnceWithTheLastAnswer() throws Exception {
        ObjectNode employee = nodes.objectNode().put("id", 1001);
        states.recordSynced(run, employee, null, user("camille@acme.example"), "t-1", "1001:a");

        // the sync state did not know them when the second one was planned: their row is there all the same
        states.recordSynced(run, employee, null, user("camille.moreau@acme.example"), "t-1", "1001:b");

        assertThat(accountOf(employee)).isEqualTo(new Account("t-1", true, null));
        assertThat(rows()).containsExactly("1001 camille.moreau@acme.example 1001:b");
    }

    private List<String> rows() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection db = database.getConnection(); Statement select = db.createStatement();
             ResultSet row = select.executeQuery("SELECT lucca_id, user_name, change_key FROM synced_employee")) {
            while (row.next()) {
                rows.add(row.getString(1) + " " + row.getString(2) + " " + row.getString(3));
            }
        }
        return rows;
    }

    @Test
    void aKnownEmployeeWhoseRowIsGoneIsRecordedAgain() throws Exception {
        ObjectNode employee = nodes.objectNode().put("id", 1001);

        states.recordSynced(run, employee, new Account("t-1", true, null), user("camille@acme.example"), "t-1", "1001:a");

        assertThat(accountOf(employee)).isEqualTo(new Account("t-1", true, null));
    }

    private Account accountOf(ObjectNode employee) throws Exception {
        return PageAccounts.accountOf(states.accountsOf(nodes.arrayNode().add(employee)), employee);
    }

    @Test
    void aPageIsLookedUpInOneGoWithTheChangeKeyAndAccountOfEveryoneTheSyncKnows() throws Exception {
        ObjectNode known = nodes.objectNode().put("id", 1001);
        ObjectNode unknown = nodes.objectNode().put("id", 1002);
        states.recordSynced(run, known, null, user("camille@acme.example"), "t-1", "1001:a");
        states.recordManagerLinked(new ManagerLink("1001", "t-1", null, null, null, "1009", null, "t-9", null));

        PageAccounts page = states.accountsOf(nodes.arrayNode().add(known).add(unknown));

        assertThat(page.confirmedChangeKey(known)).isEqualTo("1001:a");
        assertThat(PageAccounts.accountOf(page, known)).isEqualTo(new Account("t-1", true, "t-9"));
        assertThat(page.confirmedChangeKey(unknown)).isNull();
        assertThat(PageAccounts.accountOf(page, unknown)).isNull();
        assertThat(PageAccounts.accountOf(states.accountsOf(nodes.arrayNode()), known)).as("an empty page").isNull();
    }

    @Test
    void aPageKnowsTheActiveAccountOfEachOfItsEmployeesManagersInTheSameQuery() throws Exception {
        states.recordSynced(run, nodes.objectNode().put("id", 1009), null, user("1009", "dana@acme.example"), "t-9", "1009:a");
        states.recordSynced(run, nodes.objectNode().put("id", 1008), null,
                user("1008", "eli@acme.example").put("active", false), "t-8", "1008:a");
        states.recordSynced(run, nodes.objectNode().put("id", 1004), null, user("1004", "fan@acme.example"), "t-4", "1004:a");
        ObjectNode managed = managedBy(1001, 1009);
        ObjectNode managedByALeaver = managedBy(1002, 1008);
        ObjectNode managedBySomeoneNew = managedBy(1003, 1007);
        ObjectNode theirOwnManager = managedBy(1004, 1004);

        PageAccounts page = states.accountsOf(nodes.arrayNode().add(managed).add(managedByALeaver).add(managedBySomeoneNew)
                .add(theirOwnManager));

        assertThat(PageAccounts.managerAccountOf(page, managed)).isEqualTo("t-9");
        assertThat(PageAccounts.managerAccountOf(page, managedByALeaver)).as("an inactive account").isNull();
        assertThat(PageAccounts.managerAccountOf(page, managedBySomeoneNew)).as("no account yet").isNull();
        assertThat(PageAccounts.managerAccountOf(page, theirOwnManager)).as("no link to oneself").isNull();
        assertThat(states.managerAccountOf(run, managed)).as("an account the run recorded").isEqualTo("t-9");
        assertThat(states.managerAccountOf(run, managedByALeaver)).as("an inactive account").isNull();
        assertThat(states.managerAccountOf(run, theirOwnManager)).isNull();
        assertThat(states.managerAccountOf(new SyncRun(2, "manual", new RunOptions(false, false), Instant.now(), null), managed))
                .as("an account of an earlier run: the page's read has it").isNull();
        assertThat(PageAccounts.accountOf(page, managed)).as("the manager is not one of the page").isNull();
    }

    private ObjectNode managedBy(int luccaId, int managerId) {
        ObjectNode employee = nodes.objectNode().put("id", luccaId);
        employee.putObject("manager").put("id", managerId);
        return employee;
    }

    private ObjectNode user(String luccaId, String userName) {
        return nodes.objectNode().put("externalId", luccaId).put("userName", userName).put("active", true);
    }

    private BulkOutcome confirmed(String luccaId, Account known, String targetId, String changeKey) {
        ObjectNode employee = nodes.objectNode().put("id", Integer.parseInt(luccaId));
        ObjectNode scimUser = user(luccaId, luccaId + "@acme.example");
        BulkWrite write = known == null ? BulkWrite.creation(employee, null, scimUser, changeKey, Outcome.CREATED)
                : BulkWrite.replacement(employee, known, scimUser, targetId, changeKey, Outcome.UPDATED);
        return new BulkOutcome(write, known == null ? 201 : 200, "https://target.example/Users/" + targetId,
                nodes.objectNode().put("id", targetId));
    }

    @Test
    void aBulkAnswerRecordsItsNewAndKnownEmployeesInOneGo() throws Exception {
        states.recordSynced(run, nodes.objectNode().put("id", 1002), null, user("1002", "1002@acme.example"), "t-2", "1002:a");
        Account known = new Account("t-2", true, null);
        // known to the run, but their row is gone: inserted after all
        Account gone = new Account("t-3", true, null);

        states.recordSyncedInBulk(run, List.of(confirmed("1001", null, "t-1", "1001:a"),
                confirmed("1002", known, "t-2", "1002:b"), confirmed("1003", gone, "t-3", "1003:a")), List.of());

        assertThat(rows()).containsExactlyInAnyOrder("1001 1001@acme.example 1001:a", "1002 1002@acme.example 1002:b",
                "1003 1003@acme.example 1003:a");
        assertThat(accountOf(nodes.objectNode().put("id", 1001))).isEqualTo(new Account("t-1", true, null));
    }

    @Test
    void aBulkAnswerForSomeoneRecordedMeanwhileUpdatesTheirRowAndRecordsTheOthers() throws Exception {
        // the same employee twice in a read whose pages shifted: planned as new, recorded by then
        states.recordSynced(run, nodes.objectNode().put("id", 1001), null, user("1001", "1001@acme.example"), "t-1", "1001:a");

        states.recordSyncedInBulk(run, List.of(confirmed("1002", null, "t-2", "1002:a"), confirmed("1001", null, "t-1", "1001:b")), List.of());

        assertThat(rows()).containsExactlyInAnyOrder("1001 1001@acme.example 1001:b", "1002 1002@acme.example 1002:a");
    }

    @Test
    void theManagerLinksOfABulkAnswerAreRecordedWithItsEmployees() throws Exception {
        states.recordSynced(run, nodes.objectNode().put("id", 1002), null, user("1002", "1002@acme.example"), "t-2", "1002:a");
        ManagerLink link = new ManagerLink("1002", "t-2", null, "1002@acme.example", null, "1001", null, "t-1", null);

        states.recordSyncedInBulk(run, List.of(confirmed("1001", null, "t-1", "1001:a")), List.of(link));

        assertThat(accountOf(nodes.objectNode().put("id", 1002))).isEqualTo(new Account("t-2", true, "t-1"));
        assertThat(accountOf(nodes.objectNode().put("id", 1001))).isEqualTo(new Account("t-1", true, null));
    }

    @Test
    void anEmptyBulkAnswerRecordsNothing() throws Exception {
        states.recordSyncedInBulk(run, List.of(), List.of());

        assertThat(rows()).isEmpty();
    }
}
