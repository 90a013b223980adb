package org.wfmagentsync;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * The sync schedule shared by every instance on a PostgreSQL state database: camel-quartz with
 * Quartz's JDBC job store in that database ({@code qrtz_*} tables, migration V7), clustered, so that
 * each cron fire runs the sync on one instance, and a trigger an instance held when it died is taken
 * over by another after the cluster check-in interval. The job store uses the connector's own pool.
 *
 * <p>Every instance must have the same {@code camel.main.name} (Quartz's scheduler name is made from
 * it) and its own {@code wfm.node-name}. Keys set in {@code camel.component.quartz.properties[...]}
 * win over these, except the job store's data source, which is always the state database.
 */
final class ClusteredSchedule {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClusteredSchedule.class);

    /** Quartz's key for how often an instance checks in, and how late a silent one counts as dead. */
    static final String CHECKIN_INTERVAL = "org.quartz.jobStore.clusterCheckinInterval";

    private ClusteredSchedule() {
    }

    /** Points the quartz component's scheduler at the state database, clustered, before Camel starts it. */
    static void configure(CamelContext context, DataSource stateDatabase, String node) {
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        // one name per Camel context: two connectors in one JVM (tests) do not share a provider
        String source = "wfmState-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(source, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return stateDatabase.getConnection();
            }

            @Override
            public void shutdown() {
                // the connector closes its pool itself, after Camel has stopped
            }

            @Override
            public void initialize() {
                // the pool is open already
            }
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> given = quartz.getProperties() == null ? new HashMap<>() : quartz.getProperties();
        Map<String, Object> properties = new HashMap<>(given);
        properties.putIfAbsent("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        properties.putIfAbsent("org.quartz.jobStore.driverDelegateClass",
                "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        properties.put("org.quartz.jobStore.dataSource", source);
        properties.put("org.quartz.jobStore.isClustered", "true");
        properties.putIfAbsent(CHECKIN_INTERVAL, "5000");
        properties.putIfAbsent("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        // unique per start in the cluster's table of schedulers (qrtz_scheduler_state), even if two nodes
        // were given the same name: Quartz takes a silent entry for a dead instance and recovers its triggers
        properties.putIfAbsent("org.quartz.scheduler.instanceId", node + "-" + UUID.randomUUID().toString().substring(0, 8));
        quartz.setProperties(properties);
        quartz.addScheduleInitTask(scheduler -> {
            if (!scheduler.getMetaData().isJobStoreClustered()) {
                throw new IllegalStateException("the sync schedule is not shared by the instances on the PostgreSQL"
                        + " state database: a camel.component.quartz.properties[...] key sets another job store ("
                        + scheduler.getMetaData().getJobStoreClass().getName() + "); remove it");
            }
            LOG.info("sync schedule shared by the instances on the state database: Quartz scheduler '{}', this"
                    + " instance '{}'", scheduler.getSchedulerName(), scheduler.getSchedulerInstanceId());
        });
    }
}
