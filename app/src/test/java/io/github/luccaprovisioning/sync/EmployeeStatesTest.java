package io.github.luccaprovisioning.sync;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

        assertThat(states.accountOf(employee)).isEqualTo(new Account("t-1", true, null));
    }

    @Test
    void someoneMetTwiceInOneReadIsRecordedOnceWithTheLastAnswer() throws Exception {
        ObjectNode employee = nodes.objectNode().put("id", 1001);
        states.recordSynced(run, employee, null, user("camille@acme.example"), "t-1", "1001:a");

        // the sync state did not know them when the second one was planned: their row is there all the same
        states.recordSynced(run, employee, null, user("camille.moreau@acme.example"), "t-1", "1001:b");

        assertThat(states.accountOf(employee)).isEqualTo(new Account("t-1", true, null));
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

        assertThat(states.accountOf(employee)).isEqualTo(new Account("t-1", true, null));
    }
}
