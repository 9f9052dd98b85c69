package vn.canhgac.server.units;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.canhgac.server.store.Unit;

/**
 * The unit tree at one moment: immutable, so one request checks every unit against the same
 * tree. Names are unique, so a unit is known by its name.
 */
public final class UnitTree {
    private final Map<String, Unit> units;
    private final Map<String, List<String>> children;

    private UnitTree(Map<String, Unit> units, Map<String, List<String>> children) {
        this.units = units;
        this.children = children;
    }

    /** @param units every unit; each parent named must be among them */
    public static UnitTree of(Collection<Unit> units) {
        Map<String, Unit> byName = new LinkedHashMap<>();
        units.stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(unit -> byName.put(unit.name(), unit));
        Map<String, List<String>> children = new HashMap<>();
        for (Unit unit : byName.values()) {
            unit.parent().ifPresent(parent -> children.computeIfAbsent(parent, name -> new ArrayList<>()).add(unit.name()));
        }
        children.replaceAll((name, list) -> List.copyOf(list));
        return new UnitTree(Map.copyOf(byName), Map.copyOf(children));
    }

    public boolean contains(String name) {
        return units.containsKey(name);
    }

    public Optional<Unit> find(String name) {
        return Optional.ofNullable(units.get(name));
    }

    /** Every unit, ordered by name. */
    public List<Unit> units() {
        return units.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    /** Direct sub-units, ordered by name. */
    public List<String> children(String name) {
        return children.getOrDefault(name, List.of());
    }

    /** True when {@code unit} is {@code scopeUnit} or one of its sub-units, at any depth; false for unknown units. */
    public boolean isWithin(String unit, String scopeUnit) {
        Set<String> seen = new HashSet<>();
        for (String current = unit; current != null && seen.add(current); ) {
            if (current.equals(scopeUnit)) {
                return units.containsKey(current);
            }
            Unit found = units.get(current);
            current = found == null ? null : found.parent().orElse(null);
        }
        return false;
    }

    /** The given units with all their sub-units; unknown names are left out. */
    public Set<String> subtrees(Collection<String> roots) {
        Set<String> result = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(roots);
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (units.containsKey(name) && result.add(name)) {
                pending.addAll(children(name));
            }
        }
        return Set.copyOf(result);
    }

    /** The unit's ancestors from the root down to its parent; empty for a root or an unknown unit. */
    public List<String> ancestors(String name) {
        List<String> path = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Unit unit = units.get(name);
        while (unit != null && unit.parent().isPresent() && seen.add(unit.name())) {
            path.addFirst(unit.parent().get());
            unit = units.get(unit.parent().get());
        }
        return List.copyOf(path);
    }
}
