package vn.canhgac.protocol.policy;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Parses a YAML word into one of an enum's documented spellings, with an error that lists them. */
final class Choices {

    private Choices() {}

    /** An enum whose constants each carry the word a policy author writes. */
    interface Spelled {
        String word();
    }

    static <E extends Enum<E> & Spelled> E parse(Class<E> type, String key, String word, E fallback) {
        if (word == null) {
            return fallback;
        }
        for (E choice : type.getEnumConstants()) {
            if (choice.word().equals(word)) {
                return choice;
            }
        }
        throw new FieldError(key, "must be one of "
                + Arrays.stream(type.getEnumConstants()).map(Spelled::word).collect(Collectors.joining(", "))
                + " (got \"" + word + "\")");
    }
}
