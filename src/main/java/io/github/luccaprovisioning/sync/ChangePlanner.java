package io.github.luccaprovisioning.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Decides what a changed employee needs in the target, from the mapped user and the account it may already have. */
public final class ChangePlanner {

    public enum Action {
        /** No account yet: create one. */
        CREATE,
        /** The account exists and the employee changed: send the new version. */
        UPDATE,
        /** No account and no longer employed: nothing to create. */
        SKIP
    }

    public Action plan(String targetId, ObjectNode scimUser) {
        if (targetId != null) {
            return Action.UPDATE;
        }
        return scimUser.path("active").asBoolean(true) ? Action.CREATE : Action.SKIP;
    }
}
