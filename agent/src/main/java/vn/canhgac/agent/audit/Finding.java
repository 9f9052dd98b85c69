package vn.canhgac.agent.audit;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of an audit: a record per collector ({@code UsbFinding}, {@code SoftwareFinding}, …)
 * whose components are the JSON fields. {@code type} says which collector it came from.
 */
public interface Finding {

    @JsonProperty("type")
    String type();

    /** One line for the text format, in the words an inspector uses. */
    String summary();
}
