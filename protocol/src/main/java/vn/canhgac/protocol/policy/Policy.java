package vn.canhgac.protocol.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A policy document, version 1 ({@code ../shared/POLICY.md} is the contract). Immutable; every
 * section is present after parsing, with the documented defaults for what the author left out.
 */
public record Policy(String apiVersion, String kind, Metadata metadata, UsbPolicy usb, SoftwarePolicy software,
                     SecretDraftingPolicy secretDrafting, DocumentsPolicy documents) {

    public static final String API_VERSION = "canhgac/v1";
    public static final String KIND = "Policy";

    @JsonCreator
    public Policy(@JsonProperty(value = "apiVersion", required = true) String apiVersion,
                  @JsonProperty(value = "kind", required = true) String kind,
                  @JsonProperty(value = "metadata", required = true) Metadata metadata,
                  @JsonProperty("usb") UsbPolicy usb,
                  @JsonProperty("software") SoftwarePolicy software,
                  @JsonProperty("secretDrafting") SecretDraftingPolicy secretDrafting,
                  @JsonProperty("documents") DocumentsPolicy documents) {
        if (!API_VERSION.equals(apiVersion)) {
            throw new FieldError("apiVersion", "must be " + API_VERSION + " (got \"" + apiVersion + "\")");
        }
        if (!KIND.equals(kind)) {
            throw new FieldError("kind", "must be " + KIND + " (got \"" + kind + "\")");
        }
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.metadata = metadata;
        this.usb = usb != null ? usb : UsbPolicy.DEFAULT;
        this.software = software != null ? software : SoftwarePolicy.DEFAULT;
        this.secretDrafting = secretDrafting != null ? secretDrafting : SecretDraftingPolicy.DEFAULT;
        this.documents = documents != null ? documents : DocumentsPolicy.DEFAULT;
    }

    /** The policy an agent applies when none was given: every section at its documented default. */
    public static Policy defaults() {
        return new Policy(API_VERSION, KIND, new Metadata("built-in-defaults", "Giá trị mặc định"), null, null, null, null);
    }

    public record Metadata(String name, String description) {
        @JsonCreator
        public Metadata(@JsonProperty(value = "name", required = true) String name, @JsonProperty("description") String description) {
            if (name == null || !name.matches("[a-z0-9-]{1,100}")) {
                throw new FieldError("name", "must be 1-100 characters of a-z, 0-9 and - (got \"" + name + "\")");
            }
            this.name = name;
            this.description = description == null ? "" : description;
        }
    }
}
