package io.github.luccaprovisioning.sync.state;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * What the sync state holds for the employees of one Lucca page ({@link EmployeeStates#accountsOf}), read in one
 * query for the page: the change key the target last confirmed for each, and their account. The page's employees
 * are set aside as unchanged (UnchangedEmployees) and planned (provision-employee) from it, without a query each.
 */
public final class PageAccounts {

    private final Map<String, String> changeKeys;
    private final Map<String, Account> accounts;

    /** Both by Lucca id, for the page's employees the sync knows. */
    public PageAccounts(Map<String, String> changeKeys, Map<String, Account> accounts) {
        this.changeKeys = changeKeys;
        this.accounts = accounts;
    }

    /** The change key the target last confirmed for this employee, or null when the sync never dealt with them. */
    public String confirmedChangeKey(JsonNode employee) {
        return changeKeys.get(employee.path("id").asText());
    }

    /** The sync state of this employee of the page, or null when the sync never dealt with them. */
    public static Account accountOf(PageAccounts page, JsonNode employee) {
        return page.accounts.get(employee.path("id").asText());
    }
}
