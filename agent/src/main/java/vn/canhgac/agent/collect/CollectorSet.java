package vn.canhgac.agent.collect;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.protocol.Errors;

/** Starts and stops collectors, each in isolation: one that fails to start is logged and left out. */
public final class CollectorSet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CollectorSet.class);

    private final List<Collector> running = new ArrayList<>();

    public CollectorSet(List<Collector> collectors, CollectorContext context) {
        for (Collector collector : collectors) {
            try {
                collector.start(context);
                running.add(collector);
                log.info("event=collector.started collector={}", collector.name());
            } catch (Exception e) {
                log.error("event=collector.failed_to_start collector={} reason=\"{}\"", collector.name(), Errors.rootMessage(e));
                closeQuietly(collector);
            }
        }
    }

    public List<String> names() {
        return running.stream().map(Collector::name).toList();
    }

    @Override
    public void close() {
        running.forEach(CollectorSet::closeQuietly);
        running.clear();
    }

    private static void closeQuietly(Collector collector) {
        try {
            collector.close();
        } catch (RuntimeException e) {
            log.warn("event=collector.close_failed collector={} reason=\"{}\"", collector.name(), Errors.rootMessage(e));
        }
    }
}
