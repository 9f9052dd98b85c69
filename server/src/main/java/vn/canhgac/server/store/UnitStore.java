package vn.canhgac.server.store;

import java.util.List;

/** The unit tree. Units are only ever added: a name and a parent never change. Implementations are thread-safe. */
public interface UnitStore {

    /** Stores a new unit whose parent (if any) exists; false if a unit of this name exists already. */
    boolean insert(Unit unit);

    /** Every unit, ordered by name. */
    List<Unit> list();
}
