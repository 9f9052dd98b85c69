package vn.canhgac.server.store.sqlite;

import static vn.canhgac.server.store.sqlite.Rows.millis;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import vn.canhgac.server.store.Unit;
import vn.canhgac.server.store.UnitStore;

/** The unit tree in the {@code units} table (name, parent). */
public final class SqliteUnitStore implements UnitStore {

    private final SqliteConnections db;

    SqliteUnitStore(SqliteConnections db) {
        this.db = db;
    }

    @Override
    public boolean insert(Unit unit) {
        Objects.requireNonNull(unit, "unit");
        return db.write("store unit \"" + unit.name() + "\" (table units)", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT OR IGNORE INTO units (name, parent, created_at) VALUES (?, ?, ?)")) {
                insert.setString(1, unit.name());
                Rows.setOptionalString(insert, 2, unit.parent());
                insert.setLong(3, millis(unit.createdAt()));
                return insert.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<Unit> list() {
        return db.read("list units (table units)", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT name, parent, created_at FROM units ORDER BY name");
                 ResultSet rows = select.executeQuery()) {
                List<Unit> units = new ArrayList<>();
                while (rows.next()) {
                    units.add(new Unit(rows.getString("name"), Rows.optionalString(rows, "parent"), Rows.instant(rows, "created_at")));
                }
                return List.copyOf(units);
            }
        });
    }
}
