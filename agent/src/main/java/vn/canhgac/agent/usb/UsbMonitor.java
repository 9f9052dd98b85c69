package vn.canhgac.agent.usb;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.agent.EventSeverity;
import vn.canhgac.agent.collect.EventSink;
import vn.canhgac.agent.config.Enforcement;
import vn.canhgac.protocol.policy.Policy;
import vn.canhgac.protocol.policy.UsbPolicy;
import vn.canhgac.agent.usb.UsbActionResult.Outcome;
import vn.canhgac.protocol.policy.UsbKind;
import vn.canhgac.protocol.policy.UsbVerdict;
import vn.canhgac.protocol.policy.UsbDecision;

/**
 * The run-mode core: each {@link #look} reads every device, compares with the last look, judges
 * what is new or changed, carries out the verdict and records an event.
 *
 * <p>Events: {@code usb.connected} (allowed or read-only arrival), {@code usb.violation} (a device
 * the policy blocks, on arrival or when a new policy or newly visible interfaces turn the verdict to
 * block), {@code usb.reevaluated} (any other change of verdict), {@code usb.enforcement} (a follow-up
 * action on a device whose verdict did not change: its disks appeared and were made read-only, or
 * a blocked device was authorised again by someone and blocked again), {@code usb.disconnected},
 * and {@code usb.read_error} (a device or file that could not be read, once until it changes).
 *
 * <p>Implementation notes: {@link #look} is synchronized; in the agent only the watcher's scan
 * thread calls it. A device is known by its port and plug ({@link UsbDevice#plugKey}), so a device
 * re-plugged between two looks is a removal and an arrival, and its block is re-applied. A failed
 * action is not retried on every look (that would flood the outbox when the agent is not root); it is
 * retried when the device is plugged again or the verdict changes. Follow-up actions only happen in
 * {@link Enforcement#ENFORCE}; in report-only mode the machine is never changed.
 */
public final class UsbMonitor {

    private static final Logger log = LoggerFactory.getLogger(UsbMonitor.class);

    /**
     * Extra looks after an arrival: a configured device's interface strings ("MTP") and a storage
     * device's disks appear a moment after the device itself, and real sysfs sends no inotify event for them.
     */
    static final List<Duration> FOLLOW_UP_LOOKS = List.of(Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(3));

    private final UsbDeviceSource source;
    private final UsbEnforcer enforcer;
    private final Supplier<Policy> policy;
    private final EventSink events;
    private final Enforcement enforcement;
    private final Map<String, Known> known = new HashMap<>();
    private Set<UsbReadProblem> reportedProblems = Set.of();
    private boolean followUpsWanted;
    private boolean busVisible = true;

    /** What the last look decided about a device still connected. */
    private record Known(UsbDevice device, List<UsbKind> kinds, UsbDecision decision, Outcome lastOutcome) {}

    public UsbMonitor(UsbDeviceSource source, UsbEnforcer enforcer, Supplier<Policy> policy, EventSink events,
                      Enforcement enforcement) {
        this.source = source;
        this.enforcer = enforcer;
        this.policy = policy;
        this.events = events;
        this.enforcement = enforcement;
    }

    /**
     * Reads, judges and acts once.
     *
     * @param trigger why this look happens ("startup", "hot-plug", "safety-poll", "follow-up"), for the logs
     * @return delays after which more looks are wanted ({@link #FOLLOW_UP_LOOKS} after an arrival or an authorisation), or none
     */
    public synchronized List<Duration> look(String trigger) {
        followUpsWanted = false;
        UsbScan scan = source.scan();
        if (scan.busVisible() != busVisible) {
            busVisible = scan.busVisible();
            log.info("event=usb.bus_visible visible={} source=\"{}\"", busVisible, source.describe());
        }
        reportNewProblems(scan.problems());
        Map<String, UsbDevice> now = new LinkedHashMap<>();
        scan.devices().forEach(device -> now.put(device.busPath(), device));
        known.entrySet().removeIf(entry -> {
            UsbDevice current = now.get(entry.getKey());
            if (current != null && current.plugKey().equals(entry.getValue().device().plugKey())) {
                return false;
            }
            disconnected(entry.getValue());
            return true;
        });
        UsbPolicy rules = policy.get().usb(); // once per look, so one look judges every device by the same rules
        for (UsbDevice device : now.values()) {
            List<UsbKind> kinds = UsbClassifier.kinds(device);
            UsbDecision decision = UsbDecision.decide(rules, device.vendorId(), device.productId(), device.serial(), kinds);
            Known previous = known.get(device.busPath());
            if (previous == null) {
                decided(device, kinds, decision, "connected", trigger);
            } else if (!decision.equals(previous.decision()) || !kinds.equals(previous.kinds())) {
                decided(device, kinds, decision, decision.equals(previous.decision()) ? "interfaces-changed" : "verdict-changed", trigger);
            } else {
                followUp(previous, device);
            }
        }
        return followUpsWanted ? FOLLOW_UP_LOOKS : List.of();
    }

    private void decided(UsbDevice device, List<UsbKind> kinds, UsbDecision decision, String change, String trigger) {
        UsbAction action = UsbAction.needed(device, decision.verdict());
        UsbActionResult result = carryOut(device, action);
        known.put(device.busPath(), new Known(device, kinds, decision, result.outcome()));
        String type;
        EventSeverity severity;
        if (decision.verdict() == UsbVerdict.BLOCK) {
            type = "usb.violation";
            severity = EventSeverity.HIGH;
        } else if (change.equals("connected")) {
            type = "usb.connected";
            severity = decision.verdict() == UsbVerdict.READ_ONLY ? EventSeverity.LOW : EventSeverity.INFO;
        } else {
            type = "usb.reevaluated";
            severity = EventSeverity.INFO;
        }
        log.info("event={} bus={} device=\"{}\" kinds={} verdict={} rule={} action={} outcome={} change={} trigger={}", type,
                device.busPath(), Printable.of(device.label()), UsbEvents.words(kinds), decision.verdict().word(), decision.rule(),
                result.action().word(), result.outcome().word(), change, trigger);
        record(type, severity, UsbEvents.details(device, kinds, decision, result, change));
        if (change.equals("connected") || result.action() == UsbAction.AUTHORIZE) {
            followUpsWanted = true;
        }
    }

    /** Same verdict as last time: only a block undone by someone else, or new disks of a read-only device, need work. */
    private void followUp(Known previous, UsbDevice device) {
        UsbVerdict verdict = previous.decision().verdict();
        UsbAction action = UsbAction.needed(device, verdict);
        boolean worthAnotherTry = enforcement == Enforcement.ENFORCE && previous.lastOutcome() != Outcome.FAILED
                && previous.lastOutcome() != Outcome.UNAVAILABLE;
        if (action == UsbAction.NONE || action == UsbAction.AUTHORIZE || !worthAnotherTry) {
            known.put(device.busPath(), new Known(device, previous.kinds(), previous.decision(), previous.lastOutcome()));
            return;
        }
        UsbActionResult result = carryOut(device, action);
        known.put(device.busPath(), new Known(device, previous.kinds(), previous.decision(), result.outcome()));
        if (result.outcome() == Outcome.GONE) {
            return; // the next look records the removal; there was nothing to enforce
        }
        String change = action == UsbAction.DEAUTHORIZE ? "authorized-again" : "disks-appeared";
        EventSeverity severity = result.outcome() == Outcome.FAILED ? EventSeverity.MEDIUM
                : action == UsbAction.DEAUTHORIZE ? EventSeverity.HIGH : EventSeverity.INFO;
        log.info("event=usb.enforcement bus={} device=\"{}\" verdict={} action={} outcome={} change={}", device.busPath(),
                Printable.of(device.label()), verdict.word(), action.word(), result.outcome().word(), change);
        record("usb.enforcement", severity, UsbEvents.details(device, previous.kinds(), previous.decision(), result, change));
    }

    private UsbActionResult carryOut(UsbDevice device, UsbAction action) {
        if (action == UsbAction.NONE) {
            return UsbActionResult.notNeeded();
        }
        if (enforcement == Enforcement.REPORT_ONLY) {
            return new UsbActionResult(action, Outcome.REPORT_ONLY, "");
        }
        if (enforcer.unavailable().isPresent()) {
            return new UsbActionResult(action, Outcome.UNAVAILABLE, enforcer.unavailable().get());
        }
        try {
            switch (action) {
                case AUTHORIZE -> enforcer.setAuthorized(device, true);
                case DEAUTHORIZE -> enforcer.setAuthorized(device, false);
                case SET_READ_ONLY -> {
                    for (BlockDevice disk : device.blockDevices()) {
                        if (!disk.readOnly()) {
                            enforcer.setReadOnly(disk);
                        }
                    }
                }
                case NONE -> throw new IllegalStateException("NONE is handled above");
            }
            return new UsbActionResult(action, Outcome.DONE, "");
        } catch (UsbDeviceGoneException e) {
            log.info("event=usb.action_skipped bus={} action={} reason=\"unplugged before the action\"", device.busPath(), action.word());
            return new UsbActionResult(action, Outcome.GONE, "");
        } catch (IOException | RuntimeException e) {
            log.warn("event=usb.action_failed bus={} action={} reason=\"{}\"", device.busPath(), action.word(), Printable.message(e.getMessage()));
            return new UsbActionResult(action, Outcome.FAILED, String.valueOf(e.getMessage()));
        }
    }

    private void disconnected(Known gone) {
        log.info("event=usb.disconnected bus={} device=\"{}\" verdict={}", gone.device().busPath(), Printable.of(gone.device().label()),
                gone.decision().verdict().word());
        record("usb.disconnected", EventSeverity.INFO, UsbEvents.identity(gone.device(), gone.kinds(), gone.decision()));
    }

    /** Each problem once while it lasts: a corrupt device seen by every safety poll must not flood the outbox. */
    private void reportNewProblems(List<UsbReadProblem> problems) {
        Set<UsbReadProblem> current = new HashSet<>(problems);
        for (UsbReadProblem problem : problems) {
            if (!reportedProblems.contains(problem)) {
                log.warn("event=usb.read_error bus={} path={} reason=\"{}\"", problem.busPath(), problem.hostPath(),
                        Printable.message(problem.message()));
                record("usb.read_error", EventSeverity.MEDIUM,
                        Map.of("busPath", problem.busPath(), "path", problem.hostPath(), "message", Printable.message(problem.message())));
            }
        }
        reportedProblems = current;
    }

    /** The sink is the outbox; if it throws (full disk), the look goes on and the next one tries again. */
    private void record(String type, EventSeverity severity, Map<String, ?> details) {
        try {
            events.record(type, severity, details);
        } catch (RuntimeException e) {
            log.error("event=usb.event_not_recorded type={} reason=\"{}\"", type, e.getMessage());
        }
    }
}
