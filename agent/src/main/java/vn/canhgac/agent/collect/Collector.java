package vn.canhgac.agent.collect;

/**
 * A long-running observer of one part of the machine (USB, software, network, documents). It is
 * started once with its context and stopped at shutdown. It must contain its own failures: a
 * collector that throws is logged by the runtime and the agent keeps running without it.
 */
public interface Collector extends AutoCloseable {

    String name();

    void start(CollectorContext context) throws Exception;

    @Override
    void close();
}
