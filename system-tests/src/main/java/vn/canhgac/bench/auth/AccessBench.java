package vn.canhgac.bench.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import vn.canhgac.bench.BenchFiles;
import vn.canhgac.server.audit.AuditLog;
import vn.canhgac.server.auth.PasswordHasher;
import vn.canhgac.server.store.sqlite.SqliteDatabase;
import vn.canhgac.server.units.UnitService;
import vn.canhgac.server.units.UnitTree;

/**
 * What access control costs on this machine: one Argon2id password hash at the standard cost
 * (every login pays it), appending to and verifying the hash-chained audit log on SQLite, and
 * the unit-scope check over a large tree. Prints numbers; asserts nothing.
 *
 * <p>Usage: {@code bin/canhgac-bench-access [AUDIT_ENTRIES] [UNITS]} (defaults 10000 and 2000).
 */
public final class AccessBench {
    private static final int HASH_RUNS = 10;

    private AccessBench() {}

    public static void main(String[] args) throws IOException {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int unitCount = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        Path dir = Files.createTempDirectory("canhgac-bench-access");
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("canhgac.db"))) {
            passwordHash();
            audit(db, entries);
            scope(db, unitCount);
        } finally {
            BenchFiles.deleteTree(dir);
        }
    }

    private static void passwordHash() {
        PasswordHasher hasher = new PasswordHasher(PasswordHasher.STANDARD, new SecureRandom());
        String hash = hasher.hash("warm-up passphrase 2026");
        long[] millis = new long[HASH_RUNS];
        for (int i = 0; i < HASH_RUNS; i++) {
            long started = System.nanoTime();
            hasher.verify("correct horse battery staple", hash);
            millis[i] = (System.nanoTime() - started) / 1_000_000;
        }
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "argon2id m=%d KiB t=%d p=%d: median %d ms, max %d ms over %d verifications%n",
                PasswordHasher.STANDARD.memoryKib(), PasswordHasher.STANDARD.iterations(), PasswordHasher.STANDARD.parallelism(),
                millis[HASH_RUNS / 2], millis[HASH_RUNS - 1], HASH_RUNS);
    }

    private static void audit(SqliteDatabase db, int entries) {
        AuditLog audit = new AuditLog(db.audit(), Clock.systemUTC());
        long started = System.nanoTime();
        for (int i = 0; i < entries; i++) {
            audit.record("lan", "token.issued", "token:" + i, Map.of("unit", "Sở Nội vụ", "role", "internal-workstation"));
        }
        double appendSeconds = (System.nanoTime() - started) / 1e9;
        started = System.nanoTime();
        AuditLog.Verification result = audit.verify();
        double verifyMillis = (System.nanoTime() - started) / 1e6;
        System.out.printf(Locale.ROOT, "audit log: %d appends in %.1f s (%.0f/s, each its own durable transaction);"
                + " verify of %d entries %.0f ms, intact=%b%n", entries, appendSeconds, entries / appendSeconds,
                result.entries(), verifyMillis, result.intact());
    }

    /** A province with departments of offices; an officer of one department asks about every unit. */
    private static void scope(SqliteDatabase db, int unitCount) {
        UnitService units = new UnitService(db.units(), Clock.systemUTC());
        units.create("Tỉnh", Optional.empty());
        int departments = Math.max(1, unitCount / 20);
        for (int d = 0; d < departments; d++) {
            units.create("Sở " + d, Optional.of("Tỉnh"));
            for (int o = 0; o < 19 && units.tree().units().size() < unitCount; o++) {
                units.create("Phòng " + d + "-" + o, Optional.of("Sở " + d));
            }
        }
        UnitTree tree = units.tree();
        List<String> names = tree.units().stream().map(unit -> unit.name()).toList();
        long started = System.nanoTime();
        int within = 0;
        int checks = 0;
        for (int round = 0; round < 100; round++) {
            for (String name : names) {
                within += tree.isWithin(name, "Sở 0") ? 1 : 0;
                checks++;
            }
        }
        double nanosPerCheck = (System.nanoTime() - started) / (double) checks;
        started = System.nanoTime();
        int visible = tree.subtrees(List.of("Sở 0", "Sở 1")).size();
        double subtreeMicros = (System.nanoTime() - started) / 1e3;
        System.out.printf(Locale.ROOT, "unit scope: %d units; isWithin %.0f ns per check (%d checks, %d within);"
                + " visible units of a 2-department officer (%d) in %.0f µs%n", names.size(), nanosPerCheck, checks, within, visible,
                subtreeMicros);
    }
}
