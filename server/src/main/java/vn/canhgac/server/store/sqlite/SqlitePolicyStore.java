package vn.canhgac.server.store.sqlite;

import static vn.canhgac.server.store.sqlite.Rows.millis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.canhgac.protocol.signing.DualSignature;
import vn.canhgac.server.store.IssuedBundle;
import vn.canhgac.server.store.PolicyAssignment;
import vn.canhgac.server.store.PolicyRevision;
import vn.canhgac.server.store.PolicyStore;
import vn.canhgac.server.store.RunningPolicy;
import vn.canhgac.server.store.StoreException;

/**
 * Policies in {@code policies}, {@code policy_revisions}, {@code policy_assignments} and
 * {@code policy_bundles}; the running version in two columns of {@code agents}.
 *
 * <p>Implementation notes. A bundle's version comes from AUTOINCREMENT, and the signature covers
 * the version, so issuing inserts the row, signs, and fills in the signatures in the same write
 * transaction: no reader ever sees an unsigned bundle, and the single writer makes versions strictly
 * increasing in the order bundles are issued.
 */
public final class SqlitePolicyStore implements PolicyStore {
    private static final String REVISION_COLUMNS = "policy_name, revision, sha256, author, comment, created_at";
    private static final String BUNDLE_COLUMNS = "version, policy_name, revision, issued_at, ed25519_signature, ml_dsa_65_signature";

    private final SqliteConnections db;

    SqlitePolicyStore(SqliteConnections db) {
        this.db = db;
    }

    @Override
    public Published publish(String name, byte[] document, String sha256, String author, String comment, Instant at, Signer signer) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(signer, "signer");
        return db.write("publish policy " + name + " (tables policies, policy_revisions, policy_bundles)", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT OR IGNORE INTO policies (name, created_at, created_by) VALUES (?, ?, ?)")) {
                insert.setString(1, name);
                insert.setLong(2, millis(at));
                insert.setString(3, author);
                insert.executeUpdate();
            }
            long revision;
            try (PreparedStatement next = connection.prepareStatement(
                    "SELECT coalesce(max(revision), 0) + 1 FROM policy_revisions WHERE policy_name = ?")) {
                next.setString(1, name);
                try (ResultSet rows = next.executeQuery()) {
                    rows.next();
                    revision = rows.getLong(1);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO policy_revisions"
                    + " (policy_name, revision, document, sha256, author, comment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, name);
                insert.setLong(2, revision);
                insert.setBytes(3, document);
                insert.setString(4, sha256);
                insert.setString(5, author);
                insert.setString(6, comment);
                insert.setLong(7, millis(at));
                insert.executeUpdate();
            }
            IssuedBundle bundle = issue(connection, name, revision, document, at, signer, 0);
            return new Published(new PolicyRevision(name, revision, sha256, author, comment, at), bundle);
        });
    }

    @Override
    public List<PolicyRevision> latestRevisions() {
        return db.read("list policies (table policy_revisions)", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + REVISION_COLUMNS + " FROM policy_revisions r"
                    + " WHERE revision = (SELECT max(revision) FROM policy_revisions WHERE policy_name = r.policy_name)"
                    + " ORDER BY policy_name")) {
                return revisions(select);
            }
        });
    }

    @Override
    public List<PolicyRevision> revisions(String name) {
        Objects.requireNonNull(name, "name");
        return db.read("list the revisions of policy " + name + " (table policy_revisions)", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + REVISION_COLUMNS
                    + " FROM policy_revisions WHERE policy_name = ? ORDER BY revision")) {
                select.setString(1, name);
                return revisions(select);
            }
        });
    }

    @Override
    public Optional<byte[]> document(String name, long revision) {
        return db.read("read revision " + revision + " of policy " + name + " (table policy_revisions)",
                connection -> Optional.ofNullable(document(connection, name, revision)));
    }

    @Override
    public List<PolicyAssignment> assignments() {
        return db.read("list policy assignments (table policy_assignments)", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT unit, role, policy_name, assigned_by, assigned_at"
                    + " FROM policy_assignments ORDER BY unit, coalesce(role, '')");
                 ResultSet rows = select.executeQuery()) {
                List<PolicyAssignment> assignments = new ArrayList<>();
                while (rows.next()) {
                    assignments.add(assignment(rows));
                }
                return List.copyOf(assignments);
            }
        });
    }

    @Override
    public Optional<PolicyAssignment> assign(PolicyAssignment assignment) {
        Objects.requireNonNull(assignment, "assignment");
        return db.write("assign policy " + assignment.policy() + " to unit \"" + assignment.unit() + "\" (table policy_assignments)",
                connection -> {
                    Optional<PolicyAssignment> previous = remove(connection, assignment.unit(), assignment.role());
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO policy_assignments"
                            + " (unit, role, policy_name, assigned_by, assigned_at) VALUES (?, ?, ?, ?, ?)")) {
                        insert.setString(1, assignment.unit());
                        Rows.setOptionalString(insert, 2, assignment.role());
                        insert.setString(3, assignment.policy());
                        insert.setString(4, assignment.assignedBy());
                        insert.setLong(5, millis(assignment.assignedAt()));
                        insert.executeUpdate();
                    }
                    return previous;
                });
    }

    @Override
    public Optional<PolicyAssignment> unassign(String unit, Optional<String> role) {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(role, "role");
        return db.write("remove the policy assignment of unit \"" + unit + "\" (table policy_assignments)",
                connection -> remove(connection, unit, role));
    }

    @Override
    public List<Long> bundleVersions(String name, long revision) {
        return db.read("list the bundles of policy " + name + " revision " + revision + " (table policy_bundles)", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT version FROM policy_bundles WHERE policy_name = ? AND revision = ? ORDER BY version")) {
                select.setString(1, name);
                select.setLong(2, revision);
                try (ResultSet rows = select.executeQuery()) {
                    List<Long> versions = new ArrayList<>();
                    while (rows.next()) {
                        versions.add(rows.getLong(1));
                    }
                    return List.copyOf(versions);
                }
            }
        });
    }

    @Override
    public Optional<IssuedBundle> bundle(long version) {
        return db.read("read policy bundle " + version + " (table policy_bundles)", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + BUNDLE_COLUMNS + " FROM policy_bundles WHERE version = ?")) {
                select.setLong(1, version);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(bundle(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public IssuedBundle bundleAbove(String name, long revision, long aboveVersion, Instant at, Signer signer) {
        Objects.requireNonNull(signer, "signer");
        return db.write("issue a bundle of policy " + name + " revision " + revision + " (table policy_bundles)", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + BUNDLE_COLUMNS + " FROM policy_bundles"
                    + " WHERE policy_name = ? AND revision = ? ORDER BY version DESC LIMIT 1")) {
                select.setString(1, name);
                select.setLong(2, revision);
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next() && rows.getLong("version") > aboveVersion) {
                        return bundle(rows);
                    }
                }
            }
            byte[] document = document(connection, name, revision);
            if (document == null) {
                throw new StoreException("policy " + name + " has no revision " + revision + "; list its revisions with"
                        + " `canhgacctl policy history " + name + "`");
            }
            return issue(connection, name, revision, document, at, signer, aboveVersion);
        });
    }

    @Override
    public void recordRunning(Map<String, Long> versionByAgent, Instant at) {
        if (versionByAgent.isEmpty()) {
            return;
        }
        db.write("record the policy versions of " + versionByAgent.size() + " agents (table agents)", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE agents SET policy_version = ?, policy_reported_at = ? WHERE id = ?")) {
                for (Map.Entry<String, Long> entry : versionByAgent.entrySet()) {
                    update.setLong(1, entry.getValue());
                    update.setLong(2, millis(at));
                    update.setString(3, entry.getKey());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Map<String, RunningPolicy> running() {
        return db.read("read the policy versions agents run (tables agents, policy_bundles)", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT a.id, a.policy_version, a.policy_reported_at,"
                    + " b.policy_name, b.revision FROM agents a LEFT JOIN policy_bundles b ON b.version = a.policy_version");
                 ResultSet rows = select.executeQuery()) {
                Map<String, RunningPolicy> running = new HashMap<>();
                while (rows.next()) {
                    Optional<String> policy = Rows.optionalString(rows, "policy_name");
                    running.put(rows.getString("id"), new RunningPolicy(rows.getLong("policy_version"),
                            Rows.optionalInstant(rows, "policy_reported_at"), policy,
                            policy.isPresent() ? Optional.of(rows.getLong("revision")) : Optional.empty()));
                }
                return Map.copyOf(running);
            }
        });
    }

    /**
     * Signs a new bundle with a version above every version this server ever issued and every
     * version an agent reports running. The second bound matters after the database is restored
     * from a backup: agents then run versions the restored file never saw, and a bundle numbered
     * below them would be refused by every one of them.
     */
    private static IssuedBundle issue(Connection connection, String name, long revision, byte[] document, Instant at, Signer signer,
                                      long aboveVersion) throws SQLException {
        long version;
        try (PreparedStatement next = connection.prepareStatement("SELECT max("
                + "coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'policy_bundles'), 0),"
                + " coalesce((SELECT max(policy_version) FROM agents), 0), ?) + 1")) {
            next.setLong(1, aboveVersion);
            try (ResultSet rows = next.executeQuery()) {
                rows.next();
                version = rows.getLong(1);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO policy_bundles"
                + " (version, policy_name, revision, issued_at, ed25519_signature, ml_dsa_65_signature) VALUES (?, ?, ?, ?, x'', x'')")) {
            insert.setLong(1, version);
            insert.setString(2, name);
            insert.setLong(3, revision);
            insert.setLong(4, millis(at));
            insert.executeUpdate();
        }
        DualSignature signature = signer.sign(version, name, revision, at, document);
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE policy_bundles SET ed25519_signature = ?, ml_dsa_65_signature = ? WHERE version = ?")) {
            update.setBytes(1, signature.ed25519());
            update.setBytes(2, signature.mlDsa65());
            update.setLong(3, version);
            update.executeUpdate();
        }
        return new IssuedBundle(version, name, revision, at, signature.ed25519(), signature.mlDsa65());
    }

    private static byte[] document(Connection connection, String name, long revision) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT document FROM policy_revisions WHERE policy_name = ? AND revision = ?")) {
            select.setString(1, name);
            select.setLong(2, revision);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getBytes(1) : null;
            }
        }
    }

    private static Optional<PolicyAssignment> remove(Connection connection, String unit, Optional<String> role) throws SQLException {
        Optional<PolicyAssignment> existing;
        try (PreparedStatement select = connection.prepareStatement("SELECT unit, role, policy_name, assigned_by, assigned_at"
                + " FROM policy_assignments WHERE unit = ? AND coalesce(role, '') = ?")) {
            select.setString(1, unit);
            select.setString(2, role.orElse(""));
            try (ResultSet rows = select.executeQuery()) {
                existing = rows.next() ? Optional.of(assignment(rows)) : Optional.empty();
            }
        }
        if (existing.isPresent()) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM policy_assignments WHERE unit = ? AND coalesce(role, '') = ?")) {
                delete.setString(1, unit);
                delete.setString(2, role.orElse(""));
                delete.executeUpdate();
            }
        }
        return existing;
    }

    private static List<PolicyRevision> revisions(PreparedStatement select) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            List<PolicyRevision> revisions = new ArrayList<>();
            while (rows.next()) {
                revisions.add(new PolicyRevision(rows.getString("policy_name"), rows.getLong("revision"), rows.getString("sha256"),
                        rows.getString("author"), rows.getString("comment"), Rows.instant(rows, "created_at")));
            }
            return List.copyOf(revisions);
        }
    }

    private static PolicyAssignment assignment(ResultSet rows) throws SQLException {
        return new PolicyAssignment(rows.getString("unit"), Rows.optionalString(rows, "role"), rows.getString("policy_name"),
                rows.getString("assigned_by"), Rows.instant(rows, "assigned_at"));
    }

    private static IssuedBundle bundle(ResultSet rows) throws SQLException {
        return new IssuedBundle(rows.getLong("version"), rows.getString("policy_name"), rows.getLong("revision"),
                Rows.instant(rows, "issued_at"), rows.getBytes("ed25519_signature"), rows.getBytes("ml_dsa_65_signature"));
    }
}
