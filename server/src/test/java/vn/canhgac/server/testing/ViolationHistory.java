package vn.canhgac.server.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A generated violation history written straight into a server database (already migrated):
 * 50 units (10 departments with 4 sub-units each, Vietnamese names), two agents per unit, and
 * {@code count} violations spread over a period, in one transaction with batched inserts, so a
 * million rows take seconds. Reproducible from its seed. Units that exist already are kept.
 */
public final class ViolationHistory {
    public static final List<String> DEPARTMENTS = List.of(TestUnits.SO_NOI_VU, TestUnits.TAN_LAP, "Sở Tư pháp", "Sở Y tế",
            "Sở Giáo dục và Đào tạo", "Sở Tài chính", "Văn phòng Tỉnh ủy", "Ban Tuyên giáo", "Ủy ban MTTQ Việt Nam tỉnh", "UBND phường Đống Đa");
    public static final List<String> SUB_UNITS = List.of("Phòng Tổ chức cán bộ", "Văn phòng", "Thanh tra", "Phòng Công nghệ thông tin");
    public static final List<String> TYPES = List.of("usb.storage.violation", "software.remote_control.violation",
            "network.internet.violation", "documents.classified.violation");

    private ViolationHistory() {}

    /** The sub-unit names of a department: "Thanh tra - Sở Tư pháp". */
    public static List<String> subUnits(String department) {
        return SUB_UNITS.stream().map(sub -> sub + " - " + department).toList();
    }

    public static List<String> allUnits() {
        List<String> units = new ArrayList<>();
        for (String department : DEPARTMENTS) {
            units.add(department);
            units.addAll(subUnits(department));
        }
        return units;
    }

    /** Writes the units, agents and {@code count} violations occurring between {@code from} and {@code to} (inclusive, UTC+07:00). */
    public static void write(Path database, long count, LocalDate from, LocalDate to, long seed) throws SQLException {
        Random random = new Random(seed);
        long start = from.atStartOfDay().toInstant(ZoneOffset.ofHours(7)).toEpochMilli();
        long span = to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.ofHours(7)).toEpochMilli() - start;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            connection.setAutoCommit(false);
            List<String> agents = new ArrayList<>();
            try (PreparedStatement unit = connection.prepareStatement("INSERT OR IGNORE INTO units (name, created_at, parent) VALUES (?, ?, ?)");
                 PreparedStatement agent = connection.prepareStatement("INSERT INTO agents (id, unit, role, certificate_serial,"
                         + " certificate_not_after, enrolled_at, hostname) VALUES (?, ?, 'internal-workstation', ?, ?, ?, ?)")) {
                int number = 0;
                for (String department : DEPARTMENTS) {
                    insertUnit(unit, department, null);
                    for (String sub : subUnits(department)) {
                        insertUnit(unit, sub, department);
                    }
                }
                unit.executeBatch();
                for (String name : allUnits()) {
                    for (int i = 0; i < 2; i++) {
                        String id = String.format("agent-%03d", number++);
                        agent.setString(1, id);
                        agent.setString(2, name);
                        agent.setString(3, "serial-" + id);
                        agent.setLong(4, Instant.parse("2099-01-01T00:00:00Z").toEpochMilli());
                        agent.setLong(5, start);
                        agent.setString(6, "may-tram-" + id.substring(6));
                        agent.addBatch();
                        agents.add(id);
                    }
                }
                agent.executeBatch();
            }
            try (PreparedStatement event = connection.prepareStatement("INSERT INTO events (agent_id, sequence, occurred_at, received_at,"
                    + " type, severity, payload) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                long[] sequences = new long[agents.size()];
                for (long i = 0; i < count; i++) {
                    int which = random.nextInt(agents.size());
                    long occurred = start + (long) (random.nextDouble() * span);
                    event.setString(1, agents.get(which));
                    event.setLong(2, ++sequences[which]);
                    event.setLong(3, occurred);
                    event.setLong(4, occurred + 1000);
                    event.setString(5, TYPES.get(random.nextInt(TYPES.size())));
                    event.setInt(6, 2 + random.nextInt(4));
                    event.setString(7, "{\"device\":\"Kingston DataTraveler 3.0\",\"serial\":\"60A44C3FA\",\"note\":\"Thiết bị lưu trữ ngoài"
                            + " không an toàn\",\"n\":" + i + "}");
                    event.addBatch();
                    if (i % 1000 == 999) {
                        event.executeBatch();
                    }
                }
                event.executeBatch();
            }
            try (PreparedStatement violations = connection.prepareStatement("INSERT OR IGNORE INTO violations (event_id, agent_id, type,"
                    + " severity, occurred_at) SELECT id, agent_id, type, severity, occurred_at FROM events WHERE type LIKE '%.violation'")) {
                violations.executeUpdate();
            }
            connection.commit();
        }
    }

    private static void insertUnit(PreparedStatement unit, String name, String parent) throws SQLException {
        unit.setString(1, name);
        unit.setLong(2, FakeClock.DEFAULT_START.toEpochMilli());
        unit.setString(3, parent);
        unit.addBatch();
    }
}
