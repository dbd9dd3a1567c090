package io.github.luccaprovisioning.sync.state;

import com.fasterxml.jackson.databind.JsonNode;

import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cost centers of a target with a Cost Centers API (TravelPerk's): each name carried by an active account is
 * created once in the target (or adopted when it exists there already) and its members are assigned whenever they
 * changed, down to none when its last member leaves it. The {@code cost_center} table remembers both, so an
 * unchanged run makes no cost-center call.
 */
public final class CostCenters {

    private final Jdbi jdbi;

    public CostCenters(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Whether some active account carries a cost center the sync has not created or found yet. */
    public boolean isAnyUnknown() {
        return jdbi.withHandle(db -> db.createQuery("SELECT COUNT(*) FROM synced_employee e WHERE e.active = TRUE AND "
                + "e.cost_center IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cost_center c WHERE c.name = e.cost_center)")
                .mapTo(int.class).one()) > 0;
    }

    /**
     * Remembers the cost centers a page of the target's list holds, so they are adopted, not created twice.
     *
     * @return the offset of the next page, or null after the last one
     */
    public Integer adoptExisting(JsonNode page) {
        JsonNode costCenters = page.path("data");
        jdbi.useHandle(db -> {
            for (JsonNode costCenter : costCenters) {
                String name = costCenter.path("name").asText();
                if (db.execute("UPDATE cost_center SET target_id = ? WHERE name = ?", costCenter.path("id").asText(), name) == 0) {
                    db.execute("INSERT INTO cost_center (name, target_id) VALUES (?, ?)", name, costCenter.path("id").asText());
                }
            }
        });
        int next = page.path("offset").asInt() + costCenters.size();
        return costCenters.isEmpty() || next >= page.path("total").asInt() ? null : next;
    }

    /**
     * Every cost center whose members changed, with what the target needs to be told about it: those carried by an
     * active account, and those whose last members left it.
     */
    public List<CostCenterSync> toSync() {
        Map<String, List<String>> members = new LinkedHashMap<>();
        Map<String, String[]> known = new LinkedHashMap<>();
        jdbi.useHandle(db -> {
            db.createQuery("SELECT cost_center, target_id FROM synced_employee "
                            + "WHERE active = TRUE AND cost_center IS NOT NULL AND target_id IS NOT NULL ORDER BY cost_center, target_id")
                    .map((row, context) -> new String[]{row.getString(1), row.getString(2)})
                    .forEach(member -> members.computeIfAbsent(member[0], name -> new ArrayList<>()).add(member[1]));
            db.createQuery("SELECT name, target_id, members_hash FROM cost_center")
                    .map((row, context) -> new String[]{row.getString(1), row.getString(2), row.getString(3)})
                    .forEach(costCenter -> known.put(costCenter[0], new String[]{costCenter[1], costCenter[2]}));
        });
        List<CostCenterSync> changes = new ArrayList<>();
        members.forEach((name, ids) -> {
            String[] target = known.get(name);
            String hash = hash(ids);
            boolean changed = target == null || !hash.equals(target[1]);
            if (changed) {
                changes.add(new CostCenterSync(name, target == null ? null : target[0], ids, hash, true));
            }
        });
        // one the sync gave members to, that no active account carries any more, is emptied; one it never gave
        // members to (adopted, unused) is left as the target has it
        String nobody = hash(List.of());
        known.forEach((name, target) -> {
            if (!members.containsKey(name) && target[0] != null && target[1] != null && !target[1].equals(nobody)) {
                changes.add(new CostCenterSync(name, target[0], List.of(), nobody, true));
            }
        });
        return changes;
    }

    public CostCenterSync recordCreated(CostCenterSync costCenter, JsonNode created) {
        String id = created.path("id").asText(null);
        if (id == null) {
            throw new IllegalStateException("the target created cost center " + costCenter.name() + " without an id");
        }
        jdbi.useHandle(db -> db.execute("INSERT INTO cost_center (name, target_id) VALUES (?, ?)", costCenter.name(), id));
        return costCenter.withTargetId(id);
    }

    public void recordMembers(CostCenterSync costCenter) {
        jdbi.useHandle(db -> db.execute("UPDATE cost_center SET members_hash = ? WHERE name = ?", costCenter.membersHash(),
                costCenter.name()));
    }

    private static String hash(List<String> ids) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(String.join(",", ids).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
