package io.github.luccaprovisioning;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Lucca v3 user records for tests, shaped like the API's answer (KarafDeploymentIT uses them too). */
public final class LuccaUsers {

    private LuccaUsers() {
    }

    public static ObjectNode employee(int id, String firstName, String lastName) {
        ObjectNode user = JsonNodeFactory.instance.objectNode();
        user.put("id", id);
        user.put("name", firstName + " " + lastName);
        user.put("firstName", firstName);
        user.put("lastName", lastName);
        user.put("mail", (firstName + "." + lastName).toLowerCase() + "@acme.example");
        user.put("login", (firstName.charAt(0) + lastName).toLowerCase());
        user.put("employeeNumber", String.format("%05d", id));
        user.put("jobTitle", "Account Manager");
        user.put("dtContractStart", "2021-03-15T00:00:00");
        user.putNull("dtContractEnd");
        user.putObject("legalEntity").put("id", 2).put("name", "Acme France SAS");
        user.putObject("department").put("id", 17).put("name", "Sales");
        user.putNull("manager");
        return user;
    }

    /** Someone whose contract ended before today. */
    public static ObjectNode formerEmployee(int id, String firstName, String lastName) {
        ObjectNode user = employee(id, firstName, lastName);
        user.put("dtContractEnd", LocalDate.now().minusDays(30) + "T00:00:00");
        return user;
    }

    /** {@code count} employees with ids from 1001 on. */
    public static List<ObjectNode> employees(int count) {
        List<ObjectNode> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(employee(1001 + i, "First" + i, "Last" + i));
        }
        return users;
    }
}
