package vn.canhgac.server.soc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.canhgac.server.soc.SocTestSupport.await;
import static vn.canhgac.server.soc.SocTestSupport.status;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.canhgac.protocol.signing.SigningKeys;
import vn.canhgac.server.store.SocFilter;
import vn.canhgac.server.store.sqlite.SqliteDatabase;

/** SOC export into a real rsyslogd (Debian's rsyslog, rsyslog-gnutls, rsyslog-relp) on 127.0.0.1, read back from its output file. */
class RsyslogExportTest {
    private static final Logger log = LoggerFactory.getLogger(RsyslogExportTest.class);
    private static final SigningKeys KEYS = SigningKeys.generate(new java.security.SecureRandom());

    @TempDir
    Path directory;
    private SocTestSupport.TlsFiles tls;

    @BeforeEach
    void needsRsyslog() throws Exception {
        if (!RsyslogReceiver.available()) {
            log.warn("event=test.skipped reason=\"{} is not installed; .ci/run installs rsyslog, rsyslog-gnutls and rsyslog-relp\"",
                    RsyslogReceiver.RSYSLOGD);
        }
        Assumptions.assumeTrue(RsyslogReceiver.available(), RsyslogReceiver.RSYSLOGD + " is not installed");
        tls = SocTestSupport.TlsFiles.create(directory);
    }

    @Test
    void tlsSyslogDeliversEveryEventExactlyOnceAcrossAReceiverRestart() throws Exception {
        try (SqliteDatabase database = SocTestSupport.database(directory);
             RsyslogReceiver rsyslog = new RsyslogReceiver(directory, tls)) {
            rsyslog.start();
            SocDestination destination = SocTestSupport.syslog("siem", SocKind.SYSLOG_TLS, rsyslog.tlsPort, SyslogFormat.RFC5424_SD,
                    tls, SocFilter.everything(), 100);
            try (SocExport export = start(database, destination)) {
                SocTestSupport.store(database, 1, 500, "usb.connected", 1);
                await("500 events sent", () -> status(export).sent() == 500);

                rsyslog.stop();
                rsyslog.start();
                SocTestSupport.store(database, 501, 500, "usb.violation", 4);
                await("1000 events sent", () -> status(export).sent() == 1000 && status(export).queued() == 0);
            }
            rsyslog.stop();
            assertExactlyOnce(rsyslog.lines(), 1000);
        }
    }

    @Test
    void relpDeliversEveryEventExactlyOnceWhenTheReceiverStopsMidStream() throws Exception {
        int total = 20_000;
        try (SqliteDatabase database = SocTestSupport.database(directory);
             RsyslogReceiver rsyslog = new RsyslogReceiver(directory, tls)) {
            rsyslog.start();
            SocTestSupport.store(database, 1, total, "software.violation", 4);
            SocDestination destination = SocTestSupport.syslog("siem-relp", SocKind.RELP_TLS, rsyslog.relpPort, SyslogFormat.RFC5424_SD,
                    tls, SocFilter.everything(), 100);
            try (SocExport export = start(database, destination)) {
                await("the stream to start", () -> status(export).sent() >= 2000);
                rsyslog.stop();
                log.info("event=test.receiver_stopped sent={} of={}", status(export).sent(), total);
                rsyslog.start();
                await(total + " events sent", () -> status(export).sent() == total);
                assertEquals(0, status(export).queued());
            }
            rsyslog.stop();
            assertExactlyOnce(rsyslog.lines(), total);
        }
    }

    @Test
    void aDestinationReceivesOnlyEventsPassingItsSeverityAndTypeFilter() throws Exception {
        try (SqliteDatabase database = SocTestSupport.database(directory);
             RsyslogReceiver rsyslog = new RsyslogReceiver(directory, tls)) {
            rsyslog.start();
            SocTestSupport.store(database, 1, 10, "usb.violation", 4);       // ids 1..10: sent
            SocTestSupport.store(database, 11, 10, "usb.connected", 1);      // too low
            SocTestSupport.store(database, 21, 10, "software.violation", 5); // other type
            SocTestSupport.store(database, 31, 10, "usb.blocked", 3);         // ids 31..40: sent
            SocDestination destination = SocTestSupport.syslog("usb-only", SocKind.SYSLOG_TLS, rsyslog.tlsPort, SyslogFormat.CEF,
                    tls, new SocFilter(3, List.of("usb.*")), 500);
            try (SocExport export = start(database, destination)) {
                await("20 events sent", () -> status(export).sent() == 20);
                await("the cursor to pass the last event", () -> status(export).lastEventId() == 40);
                assertEquals(0, status(export).queued());
            }
            rsyslog.stop();
            Set<Long> expected = LongStream.concat(LongStream.rangeClosed(1, 10), LongStream.rangeClosed(31, 40)).boxed()
                    .collect(Collectors.toSet());
            assertEquals(expected, eventIds(rsyslog.lines()));
        }
    }

    private static SocExport start(SqliteDatabase database, SocDestination destination) {
        return SocExport.start(new SocExportConfig(List.of(destination)), database.socExport(), KEYS, Clock.systemUTC(), SocTestSupport.QUICK);
    }

    /** Every line is one received message whose MSGID is {@code e<event id>}. */
    private static void assertExactlyOnce(List<String> lines, int total) {
        Set<Long> ids = eventIds(lines);
        assertEquals(total, lines.size(), "messages received (a repeat or a loss changes this)");
        assertEquals(total, ids.size(), "distinct event ids received");
        assertTrue(ids.containsAll(LongStream.rangeClosed(1, total).boxed().toList()), "every event id from 1 to " + total);
    }

    private static Set<Long> eventIds(List<String> lines) {
        return lines.stream().map(line -> Long.parseLong(line.substring(1, line.indexOf(' ')))).collect(Collectors.toSet());
    }
}
