/**
 * Benchmarks that print numbers: {@code bin/canhgac-loadgen} (the agent channel under many agents)
 * and {@code bin/canhgac-agent-footprint} (one idle agent's memory and CPU).
 *
 * <h2>What the load generator measures, and what it does not</h2>
 * <ul>
 *   <li>Agents are provisioned offline, through the server's own token and enrolment services on
 *       its SQLite file, before the server starts: enrolment is not part of any figure.</li>
 *   <li>The server is a child JVM started like {@code canhgac-server run}, with its own {@code -Xmx},
 *       so its RSS (VmRSS, VmHWM from {@code /proc}) and GC log are its own.</li>
 *   <li>Every simulated agent has its own certificate and TLS context, so each connection is a full
 *       mutual TLS 1.3 handshake with the configured key exchange; the group negotiated is counted
 *       per connection, which shows the hybrid and classical runs really differ.</li>
 *   <li>Connection rate and throughput are those of this machine running both sides: the server and
 *       the simulated agents share its cores, and on two cores the handshakes are CPU-bound on both.</li>
 *   <li>Unpaced ({@code --rate 0}) every agent keeps up to four batches unacknowledged, which measures
 *       how many events per second the server commits; its latency then is mostly queueing (Little's
 *       law: events in flight ÷ throughput). Paced ({@code --rate R}) each agent sends one batch per
 *       interval from a random phase and a batch's latency counts from when it was due, which
 *       measures send-to-acknowledgement time at that load without coordinated omission.</li>
 *   <li>An event counts as stored only when acknowledged, and the server acknowledges after its
 *       SQLite commit; after each run the database is counted against the acknowledgements.</li>
 * </ul>
 */
package vn.canhgac.loadgen;
