package io.github.luccaprovisioning.admin;

/**
 * One delivery of a Lucca webhook about an employee.
 *
 * @param key        what tells this delivery from others and its own repeated attempts apart: Lucca's delivery id,
 *                   else topic, employee and time of the event; null when the delivery carries neither id nor time
 *                   (then every attempt is synced, and only the change key keeps the target from a second write)
 * @param topic      {@code employee.created}, {@code employee.updated} or {@code employee.deleted}
 * @param employeeId the employee's Lucca id
 */
public record WebhookDelivery(String key, String topic, String employeeId) {

    @Override
    public String toString() {
        return topic + " of Lucca employee #" + employeeId;
    }
}
