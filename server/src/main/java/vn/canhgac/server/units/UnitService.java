package vn.canhgac.server.units;

import java.text.Normalizer;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.server.store.Unit;
import vn.canhgac.server.store.UnitStore;

/**
 * The organisation: units in a tree (province → department or commune/ward → office). Tokens,
 * agents and accounts name units; access checks ask {@link UnitTree#isWithin}.
 *
 * <p>Implementation notes. The tree is read on every access check, so the service keeps it in
 * memory and replaces it after each creation. Only this server creates units, and a unit's name
 * and parent never change, so the copy cannot go stale.
 */
public final class UnitService {
    private static final Logger log = LoggerFactory.getLogger(UnitService.class);
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._-]{1,100}");
    /** Deep enough for province → department → office → team, with room to spare. */
    public static final int MAX_DEPTH = 8;

    /** A unit of this name exists already. */
    public static final class UnitExists extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnitExists(String name) {
            super("a unit named \"" + name + "\" exists already; unit names are unique across the server", null, false, false);
        }
    }

    private final UnitStore store;
    private final Clock clock;
    private final Object creating = new Object();
    private volatile UnitTree tree;

    public UnitService(UnitStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tree = UnitTree.of(store.list());
    }

    public UnitTree tree() {
        return tree;
    }

    /**
     * Creates a unit under {@code parent}, or a root unit when there is none.
     *
     * @throws IllegalArgumentException if the name is not acceptable, the parent does not exist or the tree would be too deep
     * @throws UnitExists               if the name is taken
     */
    public Unit create(String name, Optional<String> parent) {
        String normalized = normalizeName(name);
        Optional<String> parentName = parent.map(UnitService::normalizeName);
        synchronized (creating) {
            UnitTree current = tree;
            if (current.contains(normalized)) {
                throw new UnitExists(normalized);
            }
            if (parentName.isPresent()) {
                if (!current.contains(parentName.get())) {
                    throw new IllegalArgumentException("parent unit \"" + parentName.get() + "\" does not exist;"
                            + " `canhgacctl unit list` shows the units");
                }
                int depth = current.ancestors(parentName.get()).size() + 2;
                if (depth > MAX_DEPTH) {
                    throw new IllegalArgumentException("unit \"" + normalized + "\" would be " + depth + " levels deep; the tree allows "
                            + MAX_DEPTH);
                }
            }
            Unit unit = new Unit(normalized, parentName, clock.instant().truncatedTo(ChronoUnit.MILLIS));
            if (!store.insert(unit)) {
                throw new UnitExists(normalized);
            }
            tree = UnitTree.of(store.list());
            log.info("event=unit.created unit=\"{}\" parent=\"{}\"", normalized, parentName.orElse(""));
            return unit;
        }
    }

    /**
     * The name as stored, NFC-normalised. Unit names are Vietnamese ("Sở Nội vụ"); normalising
     * first makes a name typed with combining accents the same unit as the precomposed spelling,
     * and lets the pattern (which has no room for combining marks) accept it.
     *
     * @throws IllegalArgumentException naming the accepted characters
     */
    public static String normalizeName(String name) {
        Objects.requireNonNull(name, "name");
        String normalized = Normalizer.normalize(name, Normalizer.Form.NFC);
        if (normalized.isBlank() || !NAME.matcher(normalized).matches()) {
            throw new IllegalArgumentException("unit must be 1 to 100 letters, digits, spaces, '.', '_' or '-'"
                    + " and not only spaces (got \"" + name + "\")");
        }
        return normalized;
    }

    /**
     * The stored name of an existing unit.
     *
     * @throws IllegalArgumentException if the name is not acceptable or no such unit exists
     */
    public String requireExisting(String name) {
        String normalized = normalizeName(name);
        if (!tree.contains(normalized)) {
            throw new IllegalArgumentException(notFound(normalized));
        }
        return normalized;
    }

    /** What the server says of a unit that does not exist, and of one the caller may not see. */
    public static String notFound(String name) {
        return "unit \"" + name + "\" does not exist; an admin creates it with `canhgacctl unit create`,"
                + " and `canhgacctl unit list` shows the units you can see";
    }
}
