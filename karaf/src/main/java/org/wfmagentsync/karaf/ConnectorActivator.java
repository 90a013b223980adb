package org.wfmagentsync.karaf;

import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.camel.main.Main;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.WfmAgentSync;

/**
 * The connector in Karaf: the bundle's activator and the Config Admin {@link ManagedService} of the
 * pid {@value #PID} ({@code etc/org.wfmagentsync.cfg}). Each new configuration stops the running
 * connector as a graceful stop does (requests in flight finish, the run ends INTERRUPTED and the
 * next one sends what was left) and starts a new one with the new settings; the same settings again
 * change nothing. Stopping the bundle ({@code feature:uninstall}, {@code bundle:stop}) stops the
 * connector and the one thread of its own that this class keeps.
 *
 * <p>Everything happens on that one thread, in order: Config Admin calls {@link #updated} on its
 * own thread and must not wait for a connector to stop or start.
 */
public final class ConnectorActivator implements BundleActivator, ManagedService {

    /** The Config Admin pid: Karaf reads it from {@code etc/org.wfmagentsync.cfg}. */
    public static final String PID = "org.wfmagentsync";

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorActivator.class);

    /** What Config Admin and Karaf's file install add to every configuration; not connector settings. */
    private static final Set<String> CONTAINER_KEYS = Set.of(Constants.SERVICE_PID, "service.factoryPid",
            "service.bundleLocation", "felix.fileinstall.filename");

    /** Longest wait for the connector's graceful stop on top of its own shutdown timeout. */
    private static final long STOP_MARGIN_SECONDS = 30;

    private ExecutorService lifecycle;
    /** The running connector's camel.main.shutdown-timeout as Camel resolved it; 0 when none runs. */
    private volatile long shutdownTimeoutSeconds;
    private ServiceRegistration<ManagedService> registration;
    /** Only touched on the lifecycle thread. */
    private Main running;
    private Properties runningSettings;

    @Override
    public void start(BundleContext context) {
        ClassLoader bundleLoader = ConnectorActivator.class.getClassLoader();
        lifecycle = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "wfm-agent-sync-karaf");
            // Camel finds its components, languages and type converters through the context class
            // loader; inside the bundle that is the bundle's own, which holds all of them
            thread.setContextClassLoader(bundleLoader);
            return thread;
        });
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_PID, PID);
        registration = context.registerService(ManagedService.class, this, properties);
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        registration.unregister();
        lifecycle.execute(() -> stopRunning("the bundle stops"));
        lifecycle.shutdown();
        long bound = STOP_MARGIN_SECONDS + shutdownTimeoutSeconds;
        if (!lifecycle.awaitTermination(bound, TimeUnit.SECONDS)) {
            LOG.warn("wfm-agent-sync did not stop within {} s; its threads are interrupted", bound);
            lifecycle.shutdownNow();
        }
    }

    @Override
    public void updated(Dictionary<String, ?> configuration) {
        Properties settings = configuration == null ? null : settings(configuration);
        try {
            lifecycle.execute(() -> apply(settings));
        } catch (RejectedExecutionException stopping) {
            LOG.debug("wfm-agent-sync is stopping: a configuration that came in meanwhile is not applied");
        }
    }

    private void apply(Properties settings) {
        if (settings == null) {
            stopRunning("its configuration was removed");
            // INFO: right after feature:install this is the usual state for a second, until Karaf reads the shipped file
            LOG.info("wfm-agent-sync waits for its settings: Config Admin has no {} (etc/{}.cfg, which"
                    + " feature:install wfm-agent-sync puts there)", PID, PID);
            return;
        }
        if (running != null && settings.equals(runningSettings)) {
            return;
        }
        stopRunning("etc/" + PID + ".cfg changed");
        Main main = WfmAgentSync.embedded("etc/" + PID + ".cfg (Config Admin " + PID + ")", settings);
        try {
            main.start();
            running = main;
            runningSettings = settings;
            shutdownTimeoutSeconds = main.configure().getShutdownTimeout();
        } catch (Exception | LinkageError e) {
            LOG.error("wfm-agent-sync could not start: {} (correct etc/{}.cfg: saving it starts the connector again)",
                    WfmAgentSync.rootMessage(e), PID);
            LOG.debug("wfm-agent-sync's failed start", e);
            quietlyStop(main);
        }
    }

    private void stopRunning(String why) {
        if (running == null) {
            return;
        }
        LOG.info("wfm-agent-sync stops: {}", why);
        quietlyStop(running);
        running = null;
        runningSettings = null;
        shutdownTimeoutSeconds = 0;
    }

    private static void quietlyStop(Main main) {
        try {
            main.stop();
        } catch (RuntimeException e) {
            LOG.warn("wfm-agent-sync's stop failed: {}", WfmAgentSync.rootMessage(e));
        }
    }

    private static Properties settings(Dictionary<String, ?> configuration) {
        Properties settings = new Properties();
        for (Enumeration<String> keys = configuration.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            if (!CONTAINER_KEYS.contains(key)) {
                settings.setProperty(key, Objects.toString(configuration.get(key)));
            }
        }
        return settings;
    }
}
