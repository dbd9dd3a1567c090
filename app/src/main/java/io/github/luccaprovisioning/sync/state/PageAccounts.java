package io.github.luccaprovisioning.sync.state;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * What the sync state holds for the employees of one Lucca page ({@link EmployeeStates#accountsOf}), read in a few
 * queries for the page: the change key the target last confirmed for each, their account, and their manager's active
 * account. The page's employees are set aside as unchanged (UnchangedEmployees) and planned (provision-employee)
 * from it, without a query each.
 */
public final class PageAccounts {

    private final Map<String, String> changeKeys;
    private final Map<String, Account> accounts;
    private final Map<String, String> managerAccounts;

    /**
     * All three by Lucca id, for the page's employees the sync knows; managerAccounts: the target id of each one's
     * manager whose account was active when the page was read.
     */
    public PageAccounts(Map<String, String> changeKeys, Map<String, Account> accounts, Map<String, String> managerAccounts) {
        this.changeKeys = changeKeys;
        this.accounts = accounts;
        this.managerAccounts = managerAccounts;
    }

    /** The change key the target last confirmed for this employee, or null when the sync never dealt with them. */
    public String confirmedChangeKey(JsonNode employee) {
        return changeKeys.get(employee.path("id").asText());
    }

    /** The sync state of this employee of the page, or null when the sync never dealt with them. */
    public static Account accountOf(PageAccounts page, JsonNode employee) {
        return page.accounts.get(employee.path("id").asText());
    }

    /**
     * The active account this employee's manager had when the page was read, or null: all there is while nothing
     * is written (a page written in bulk, whose writes go out after its split); otherwise the manager may have got
     * one since, earlier in the run (EmployeeStates.managerAccountOf).
     */
    public static String managerAccountOf(PageAccounts page, JsonNode employee) {
        return page.managerAccounts.get(employee.path("id").asText());
    }
}
