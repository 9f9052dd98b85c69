package vn.canhgac.server.store;

/** A stored event with the unit its agent belongs to now: what a SOC export sends. */
public record UnitEvent(StoredEvent event, String unit) {}
