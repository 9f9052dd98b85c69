package vn.canhgac.server.policy.dryrun;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.canhgac.protocol.policy.BuiltinDenyList;
import vn.canhgac.protocol.policy.Cidr;
import vn.canhgac.protocol.policy.Policy;
import vn.canhgac.protocol.policy.Roles;
import vn.canhgac.protocol.policy.RouteRule;
import vn.canhgac.protocol.policy.SoftwareRules;
import vn.canhgac.protocol.policy.SoftwareRules.Subject;
import vn.canhgac.protocol.policy.UsbDecision;
import vn.canhgac.protocol.policy.UsbKind;
import vn.canhgac.protocol.policy.UsbVerdict;

/**
 * Judges stored events under a policy that is not published yet, with the agent's own rules
 * ({@link UsbDecision}, {@link SoftwareRules}, {@link RouteRule}). Pure: fed one event at a time,
 * it keeps counts and at most {@value #MAX_SAMPLES} samples per rule kind, so its memory does not
 * grow with the number of events.
 *
 * <p>What it reads, per the agent's payloads: {@code usb.connected|violation|reevaluated}
 * (vendorId, productId, serial, kinds); {@code software.inventory} (items[]), {@code
 * software.installed}, {@code software.upgraded} and {@code software.violation} (a package, or a
 * running process with path and sha256); {@code network.*} events of secret workstations (their
 * route signals, "default via 192.0.2.1 dev eth0: …"); {@code document.marked|violation} (counted:
 * the documents section has no exceptions to judge). What it cannot know: the agent's IOC hash
 * lists, processes that no policy flagged (agents report only flagged ones), and whether a route
 * is a host route to the management server.
 */
public final class DryRunEvaluator {
    public static final int MAX_SAMPLES = 20;
    public static final String USB = "usb";
    public static final String SOFTWARE = "software";
    public static final String SECRET_DRAFTING = "secretDrafting";
    public static final String DOCUMENTS = "documents";

    private static final Set<String> USB_TYPES = Set.of("usb.connected", "usb.violation", "usb.reevaluated");
    private static final Set<String> NETWORK_TYPES = Set.of("network.verdict_changed", "network.violation", "network.violation_cleared");
    private static final Set<String> DOCUMENT_TYPES = Set.of("document.marked", "document.violation");
    /** A route signal as ConnectivityJudge writes it: {@code Route.describe()} then ": reason". */
    private static final Pattern ROUTE = Pattern.compile(
            "(default|([0-9a-fA-F.:]+)/(\\d{1,3}))(?: via ([0-9a-fA-F.:]+))? dev (\\S+): .*");

    private final Policy policy;
    private final SoftwareRules software;
    private final Tally usb = new Tally();
    private final Tally programs = new Tally();
    private final Tally routes = new Tally();
    private final Tally documents = new Tally();
    private long scanned;

    public DryRunEvaluator(Policy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        // IOC lists live on the agents, so the dry run judges by the policy and the built-in list only.
        this.software = SoftwareRules.compile(policy.software(), BuiltinDenyList.tools(), Map.of());
    }

    public void accept(ObservedEvent event) {
        scanned++;
        String type = event.type();
        if (USB_TYPES.contains(type)) {
            judgeUsb(event);
        } else if (type.startsWith("software.")) {
            judgeSoftware(event);
        } else if (NETWORK_TYPES.contains(type) && Roles.SECRET_WORKSTATION.equals(event.role())) {
            judgeRoutes(event);
        } else if (DOCUMENT_TYPES.contains(type)) {
            documents.count++;
        }
    }

    public long scanned() {
        return scanned;
    }

    public DryRunReport report(Instant from, Instant until, boolean capped, long cap) {
        String documentsNote = policy.documents().scan()
                ? "marked documents found; the documents section has no exceptions, so each stays flagged where the role forbids it"
                : "documents.scan is false: agents under this policy would not look for marked documents";
        return new DryRunReport(policy.metadata().name(), from, until, scanned, capped, cap, List.of(
                usb.section(USB, ""),
                programs.section(SOFTWARE, "IOC hash lists are not known to the server and were not applied"),
                routes.section(SECRET_DRAFTING, "network events of secret workstations, judged by their routes"),
                new DryRunReport.Section(DOCUMENTS, documents.count, List.of(), documentsNote)));
    }

    private void judgeUsb(ObservedEvent event) {
        JsonNode p = event.payload();
        String vendorId = text(p, "vendorId");
        String productId = text(p, "productId");
        if (vendorId == null || productId == null) {
            return;
        }
        Optional<String> serial = Optional.ofNullable(text(p, "serial")).filter(s -> !s.isEmpty());
        List<UsbKind> kinds = new ArrayList<>();
        p.path("kinds").forEach(word -> kind(word.asText()).ifPresent(kinds::add));
        UsbDecision decision = UsbDecision.decide(policy.usb(), vendorId, productId, serial, kinds);
        if (decision.verdict() != UsbVerdict.ALLOW) {
            String what = "USB " + vendorId + ":" + productId + serial.map(s -> " serial " + s).orElse("") + " " + kinds.stream()
                    .map(UsbKind::word).toList() + label(p);
            usb.add(event, what, decision.verdict().word() + " by " + decision.rule()
                    + (decision.note().isEmpty() ? "" : " (" + decision.note() + ")"));
        }
    }

    private void judgeSoftware(ObservedEvent event) {
        JsonNode p = event.payload();
        switch (event.type()) {
            case "software.inventory" -> p.path("items").forEach(item -> judgePackage(event, item));
            case "software.installed", "software.upgraded" -> judgePackage(event, p);
            case "software.violation" -> {
                if ("process".equals(text(p, "subject"))) {
                    String name = text(p, "name");
                    if (name != null) {
                        judge(event, Subject.ofProcess(List.of(name), text(p, "path"), text(p, "sha256")),
                                "process " + name + optional(" at ", text(p, "path")));
                    }
                } else {
                    judgePackage(event, p);
                }
            }
            default -> { }
        }
    }

    private void judgePackage(ObservedEvent event, JsonNode item) {
        String name = text(item, "name");
        if (name == null) {
            return;
        }
        String source = Objects.requireNonNullElse(text(item, "source"), "");
        judge(event, Subject.ofPackage(source, name, text(item, "publisher"), text(item, "path")),
                "package " + name + optional(" ", text(item, "version")) + optional(" (", source, ")"));
    }

    private void judge(ObservedEvent event, Subject subject, String what) {
        SoftwareRules.Decision decision = software.judge(subject);
        if (decision.flagged()) {
            programs.add(event, what, decision.verdict().word() + " by " + decision.rule());
        }
    }

    private void judgeRoutes(ObservedEvent event) {
        Set<String> reasons = new LinkedHashSet<>();
        for (JsonNode signal : event.payload().path("signals")) {
            Matcher route = ROUTE.matcher(signal.asText());
            if (route.matches()) {
                outside(route).ifPresent(reason -> reasons.add(route.group(1) + optional(" via ", route.group(4))
                        + " dev " + route.group(5) + ": " + reason));
            }
        }
        if (!reasons.isEmpty()) {
            routes.add(event, "network " + text(event.payload(), "verdict") + " (" + event.type() + ")", String.join("; ", reasons));
        }
    }

    private Optional<String> outside(Matcher route) {
        boolean isDefault = route.group(1).equals("default");
        Cidr destination;
        Optional<InetAddress> gateway;
        try {
            destination = isDefault ? Cidr.parse("0.0.0.0/0") : Cidr.parse(route.group(2) + "/" + route.group(3));
            gateway = route.group(4) == null ? Optional.empty() : Optional.of(literal(route.group(4)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        InetAddress network = destination.network();
        if (!isDefault && (network.isLinkLocalAddress() || network.isMulticastAddress() || network.isLoopbackAddress())) {
            return Optional.empty();
        }
        return RouteRule.outsideReason(policy.secretDrafting(), isDefault, destination, gateway, List.of());
    }

    /** An address literal; Cidr.parse accepts only literals, so no name is ever looked up. */
    private static InetAddress literal(String text) {
        return Cidr.parse(text + (text.contains(":") ? "/128" : "/32")).network();
    }

    private static Optional<UsbKind> kind(String word) {
        for (UsbKind kind : UsbKind.values()) {
            if (kind.word().equals(word)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    private static String label(JsonNode p) {
        String label = (Objects.requireNonNullElse(text(p, "manufacturer"), "") + " " + Objects.requireNonNullElse(text(p, "product"), ""))
                .strip();
        return label.isEmpty() ? "" : " \"" + label + "\"";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static String optional(String prefix, String value) {
        return optional(prefix, value, "");
    }

    private static String optional(String prefix, String value, String suffix) {
        return value == null || value.isEmpty() ? "" : prefix + value + suffix;
    }

    /** A count and the first samples of one rule kind. */
    private static final class Tally {
        private long count;
        private final List<DryRunReport.Finding> samples = new ArrayList<>();

        void add(ObservedEvent event, String what, String why) {
            count++;
            if (samples.size() < MAX_SAMPLES) {
                samples.add(new DryRunReport.Finding(event.agentId(), event.unit(), event.occurredAt(), what, why));
            }
        }

        DryRunReport.Section section(String kind, String note) {
            return new DryRunReport.Section(kind, count, samples, note);
        }
    }
}
