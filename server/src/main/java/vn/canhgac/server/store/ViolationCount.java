package vn.canhgac.server.store;

/** How many violations share one key: a unit, a type, a severity number or a time bucket. */
public record ViolationCount(String key, long count) {}
