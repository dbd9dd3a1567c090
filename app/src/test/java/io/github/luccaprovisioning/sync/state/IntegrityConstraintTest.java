package io.github.luccaprovisioning.sync.state;

import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IntegrityConstraintTest {

    private Jdbi jdbi;

    @BeforeEach
    void aTableWithAKey() {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:constraint-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        jdbi = Jdbi.create(database);
        jdbi.useHandle(db -> {
            db.execute("CREATE TABLE delivery (delivery_key VARCHAR(20) PRIMARY KEY)");
            db.execute("INSERT INTO delivery VALUES ('d-1')");
        });
    }

    @Test
    void aRowThatIsThereAlreadyViolatesTheConstraint() {
        JdbiException twice = catchThrowableOfType(JdbiException.class,
                () -> jdbi.useHandle(db -> db.execute("INSERT INTO delivery VALUES ('d-1')")));

        assertThat(IntegrityConstraint.violatedBy(twice)).isTrue();
    }

    @Test
    void inABatchTheViolationOfAnyOfItsStatementsCounts() {
        JdbiException inBatch = catchThrowableOfType(JdbiException.class, () -> jdbi.useHandle(db -> {
            var batch = db.prepareBatch("INSERT INTO delivery VALUES (?)");
            batch.add("d-2").add("d-1").add("d-3");
            batch.execute();
        }));

        assertThat(IntegrityConstraint.violatedBy(inBatch)).isTrue();
    }

    @Test
    void anyOtherFailureIsNotOne() {
        JdbiException noTable = catchThrowableOfType(JdbiException.class,
                () -> jdbi.useHandle(db -> db.execute("INSERT INTO nowhere VALUES ('d-1')")));

        assertThat(IntegrityConstraint.violatedBy(noTable)).isFalse();
    }
}
