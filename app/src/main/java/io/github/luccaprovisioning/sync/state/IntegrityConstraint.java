package io.github.luccaprovisioning.sync.state;

import org.jdbi.v3.core.JdbiException;

import java.sql.SQLException;

/** Whether a statement was refused for a row that is there already (SQLState class 23), under Jdbi's wrapper. */
public final class IntegrityConstraint {

    private static final String VIOLATION = "23";

    private IntegrityConstraint() {
    }

    /** Looks at the driver's exception and, in a batch, at those of its other statements. */
    public static boolean violatedBy(JdbiException failure) {
        if (!(failure.getCause() instanceof SQLException sql)) {
            return false;
        }
        for (SQLException cause = sql; cause != null; cause = cause.getNextException()) {
            if (cause.getSQLState() != null && cause.getSQLState().startsWith(VIOLATION)) {
                return true;
            }
        }
        return false;
    }
}
