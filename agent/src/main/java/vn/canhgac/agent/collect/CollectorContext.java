package vn.canhgac.agent.collect;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import vn.canhgac.agent.config.Enforcement;
import vn.canhgac.agent.host.HostRoot;
import vn.canhgac.protocol.policy.Policy;

/**
 * What a collector gets from the runtime.
 *
 * @param policy      the policy in force now (it can change while the agent runs: read it at each decision)
 * @param role        this machine's role from its enrolment: secret-workstation, internal-workstation, …
 * @param scheduler   a shared low-priority scheduler for polls and background work; do not block it for long
 * @param enforcement whether decisions are carried out or only reported
 * @param commands    requests from the server that a collector can subscribe to
 * @param connectivity the latest connectivity verdict, shared between collectors
 * @param stateDirectory the agent's own directory, for collectors that keep state across restarts
 */
public record CollectorContext(HostRoot hostRoot, Supplier<Policy> policy, String role, EventSink events,
                               ScheduledExecutorService scheduler, Clock clock, Enforcement enforcement, ServerCommands commands,
                               ConnectivityBoard connectivity, java.nio.file.Path stateDirectory) {}
