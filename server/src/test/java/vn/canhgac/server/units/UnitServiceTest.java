package vn.canhgac.server.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.canhgac.server.store.sqlite.SqliteDatabase;
import vn.canhgac.server.testing.FakeClock;

class UnitServiceTest {
    @TempDir
    Path dir;

    private SqliteDatabase db;
    private UnitService units;

    @BeforeEach
    void open() {
        db = SqliteDatabase.open(dir.resolve("canhgac.db"));
        units = new UnitService(db.units(), new FakeClock());
        // Tỉnh → Sở Nội vụ → Phòng An ninh → Tổ 1; Tỉnh → UBND xã Tân Lập; and a second province.
        units.create("Tỉnh Lạng Sơn", Optional.empty());
        units.create("Sở Nội vụ", Optional.of("Tỉnh Lạng Sơn"));
        units.create("Phòng An ninh", Optional.of("Sở Nội vụ"));
        units.create("Tổ 1", Optional.of("Phòng An ninh"));
        units.create("UBND xã Tân Lập", Optional.of("Tỉnh Lạng Sơn"));
        units.create("Tỉnh Cao Bằng", Optional.empty());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aUnitIsWithinItselfAndEveryAncestorButNothingElse() {
        UnitTree tree = units.tree();

        assertTrue(tree.isWithin("Tổ 1", "Tổ 1"));
        assertTrue(tree.isWithin("Tổ 1", "Phòng An ninh"));
        assertTrue(tree.isWithin("Tổ 1", "Sở Nội vụ"));
        assertTrue(tree.isWithin("Tổ 1", "Tỉnh Lạng Sơn"));
        assertFalse(tree.isWithin("Sở Nội vụ", "Tổ 1"));
        assertFalse(tree.isWithin("UBND xã Tân Lập", "Sở Nội vụ"));
        assertFalse(tree.isWithin("Tổ 1", "Tỉnh Cao Bằng"));
        assertFalse(tree.isWithin("Không có", "Không có"));
    }

    @Test
    void subtreesHoldTheGivenUnitsAndAllTheirSubUnits() {
        assertEquals(Set.of("Sở Nội vụ", "Phòng An ninh", "Tổ 1"), units.tree().subtrees(List.of("Sở Nội vụ")));
        assertEquals(Set.of("Tổ 1", "UBND xã Tân Lập"), units.tree().subtrees(List.of("Tổ 1", "UBND xã Tân Lập", "Không có")));
    }

    @Test
    void ancestorsRunFromTheRootDown() {
        assertEquals(List.of("Tỉnh Lạng Sơn", "Sở Nội vụ", "Phòng An ninh"), units.tree().ancestors("Tổ 1"));
        assertEquals(List.of(), units.tree().ancestors("Tỉnh Cao Bằng"));
    }

    @Test
    void theTreeSurvivesAReopen() {
        db.close();
        db = SqliteDatabase.open(dir.resolve("canhgac.db"));

        UnitTree reloaded = new UnitService(db.units(), new FakeClock()).tree();

        assertTrue(reloaded.isWithin("Tổ 1", "Tỉnh Lạng Sơn"));
        assertEquals(List.of("Phòng An ninh"), reloaded.children("Sở Nội vụ"));
    }

    @Test
    void aNameIsUniqueAcrossTheTree() {
        UnitService.UnitExists error = assertThrows(UnitService.UnitExists.class, () -> units.create("Tổ 1", Optional.of("Sở Nội vụ")));

        assertTrue(error.getMessage().startsWith("a unit named \"Tổ 1\" exists already"), error.getMessage());
    }

    @Test
    void theParentMustExist() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> units.create("Phòng Tổng hợp", Optional.of("Sở Tư pháp")));

        assertTrue(error.getMessage().startsWith("parent unit \"Sở Tư pháp\" does not exist"), error.getMessage());
        assertFalse(units.tree().contains("Phòng Tổng hợp"));
    }

    @Test
    void theTreeHasADepthLimit() {
        String parent = "Tổ 1";
        for (int depth = 5; depth <= UnitService.MAX_DEPTH; depth++) {
            units.create("Cấp " + depth, Optional.of(parent));
            parent = "Cấp " + depth;
        }
        String deepest = parent;

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> units.create("Quá sâu", Optional.of(deepest)));

        assertTrue(error.getMessage().contains("levels deep; the tree allows 8"), error.getMessage());
    }

    @Test
    void namesAreCheckedAndNormalised() {
        assertThrows(IllegalArgumentException.class, () -> units.create("Sở/Tư pháp", Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> units.create("   ", Optional.empty()));

        assertEquals("Phường Ba Đình", units.create(java.text.Normalizer.normalize("Phường Ba Đình", java.text.Normalizer.Form.NFD),
                Optional.empty()).name());
    }
}
