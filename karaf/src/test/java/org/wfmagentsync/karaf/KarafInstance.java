package org.wfmagentsync.karaf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wfmagentsync.Bounded;
import org.wfmagentsync.ConnectorHarness;

/**
 * A stock Apache Karaf 4.4.10, unpacked from the Maven registry by the build, copied fresh into a
 * folder of its own and started headless ({@code bin/karaf server}) as a process. What this class
 * changes in it is what an operator changes for such a test machine: a user for the shell client,
 * free ports for SSH and JMX, and a Maven repository that holds the feature (the folder
 * {@link #repository()}, searched before anything else; no remote repository, so nothing is fetched).
 */
final class KarafInstance implements AutoCloseable {

    static final String USER = "karaf";
    private static final String PASSWORD = "karaf-it";

    private final Path home;
    private final Path repository;
    private final int sshPort;
    private Process process;

    private KarafInstance(Path home, Path repository, int sshPort) {
        this.home = home;
        this.repository = repository;
        this.sshPort = sshPort;
    }

    /** A fresh copy of {@code distribution} in {@code work}, configured, not started. */
    static KarafInstance prepare(Path distribution, Path work) throws IOException {
        Path home = work.resolve("karaf");
        copyTree(distribution, home);
        Path repository = Files.createDirectories(work.resolve("repository"));
        int sshPort = ConnectorHarness.freePort();
        append(home.resolve("etc/users.properties"), "\n" + USER + " = " + PASSWORD + ",_g_:admingroup\n"
                + "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n");
        setKey(home.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort", Integer.toString(sshPort));
        setKey(home.resolve("etc/org.apache.karaf.management.cfg"), "rmiRegistryPort", Integer.toString(ConnectorHarness.freePort()));
        setKey(home.resolve("etc/org.apache.karaf.management.cfg"), "rmiServerPort", Integer.toString(ConnectorHarness.freePort()));
        Path maven = home.resolve("etc/org.ops4j.pax.url.mvn.cfg");
        String text = Files.readString(maven);
        text = text.replaceFirst("(?m)^(org\\.ops4j\\.pax\\.url\\.mvn\\.defaultRepositories=\\\\\n)",
                "$1" + Matcher.quoteReplacement("    " + repository.toUri() + "@id=wfm-agent-sync@snapshots, \\\n"));
        text = text.replaceFirst("(?ms)^org\\.ops4j\\.pax\\.url\\.mvn\\.repositories=.*?noreleases\n",
                "org.ops4j.pax.url.mvn.repositories=\n");
        text += "\norg.ops4j.pax.url.mvn.localRepository=" + work.resolve("m2") + "\norg.ops4j.pax.url.mvn.offline=true\n";
        Files.writeString(maven, text);
        return new KarafInstance(home, repository, sshPort);
    }

    Path home() {
        return home;
    }

    Path etc() {
        return home.resolve("etc");
    }

    /** The folder Karaf resolves {@code mvn:} URLs from first, in Maven's layout. */
    Path repository() {
        return repository;
    }

    Path log() {
        return home.resolve("data/log/karaf.log");
    }

    /** Starts Karaf with these environment variables (added to this JVM's) and waits until its shell answers. */
    void start(Map<String, String> environment, Duration bound) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("karaf.out").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        process = builder.start();
        Bounded.await(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("Karaf exited with status " + process.exitValue() + ": " + tail(home.resolve("karaf.out")));
            }
            return shell(Duration.ofSeconds(20), "bundle:list -t 0 | grep -c Active").exitCode() == 0;
        }, bound, "Karaf's shell to answer on port " + sshPort);
    }

    /** What a shell command printed, and how the client ended. */
    record Shell(int exitCode, String output) {
    }

    /** Runs these shell commands through {@code bin/client}, in batch mode. */
    Shell shell(Duration bound, String... commands) {
        try {
            Path script = Files.createTempFile(home, "commands-", ".txt");
            Files.writeString(script, String.join("\n", commands) + "\n");
            Path out = Files.createTempFile(home, "client-", ".out");
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/client").toString(), "-a",
                    Integer.toString(sshPort), "-u", USER, "-p", PASSWORD, "-b", "-r", "1", "-d", "1")
                    .directory(home.toFile()).redirectErrorStream(true)
                    .redirectInput(script.toFile()).redirectOutput(out.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process client = builder.start();
            if (!client.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                client.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("the Karaf client did not finish " + String.join("; ", commands)
                        + " within " + bound.toSeconds() + " s: " + Files.readString(out));
            }
            String output = Files.readString(out);
            Files.delete(script);
            Files.delete(out);
            return new Shell(client.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A live thread of the Karaf JVM: its name and its stack, as {@code jcmd <pid> Thread.print} shows them. */
    record JvmThread(String name, String stack) {
    }

    /** The Karaf JVM's live threads. */
    List<JvmThread> threads() {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(karafPid()), "Thread.print").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(30, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                throw new AssertionError("jcmd Thread.print failed: " + out);
            }
            List<JvmThread> threads = new ArrayList<>();
            // one block per thread: a line "name" #id ..., its state, its frames, then an empty line
            for (String block : out.split("\\n\\s*\\n")) {
                Matcher name = Pattern.compile("(?m)^\"([^\"]+)\"").matcher(block);
                if (name.find()) {
                    threads.add(new JvmThread(name.group(1), block.substring(name.end())));
                }
            }
            return threads;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Karaf's JVM: bin/karaf runs it as a child of the script (it writes its pid to karaf.pid). */
    private long karafPid() throws IOException {
        Path pidFile = home.resolve("karaf.pid");
        return Long.parseLong(Files.readString(pidFile).trim());
    }

    /** The lines of karaf.log, as they are now. */
    String logText() {
        try {
            return Files.isRegularFile(log()) ? Files.readString(log()) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops Karaf as an operator does ({@code bin/stop}) and waits for its process to end. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        ProcessBuilder stop = new ProcessBuilder(home.resolve("bin/stop").toString()).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("stop.out").toFile());
        stop.environment().put("JAVA_HOME", System.getProperty("java.home"));
        stop.start().waitFor(60, TimeUnit.SECONDS);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("Karaf did not stop within 60 s of bin/stop");
        }
    }

    /** Whether something listens on this loopback port. */
    static boolean listening(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress("127.0.0.1", port));
            return false;
        } catch (IOException inUse) {
            return true;
        }
    }

    /** Sets {@code key} in a properties file: its line (commented out or not) becomes {@code key = value}, else it is appended. */
    static void setKey(Path file, String key, String value) throws IOException {
        String text = Files.readString(file);
        Matcher line = Pattern.compile("(?m)^#?\\s*" + Pattern.quote(key) + "\\s*=.*$").matcher(text);
        String wanted = key + " = " + value;
        text = line.find() ? line.replaceFirst(Matcher.quoteReplacement(wanted)) : text + "\n" + wanted + "\n";
        Files.writeString(file, text);
    }

    static void append(Path file, String text) throws IOException {
        Files.writeString(file, Files.readString(file) + text);
    }

    static String tail(Path file) {
        try {
            List<String> lines = Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /** Code of the connector's bundle: the connector, Camel and the libraries it embeds. */
    private static final Pattern BUNDLE_CODE = Pattern.compile(
            "at (org\\.wfmagentsync|org\\.apache\\.camel|io\\.vertx|io\\.netty|org\\.h2|org\\.quartz|com\\.zaxxer"
                    + "|org\\.apache\\.hc|org\\.flywaydb|io\\.micrometer|io\\.prometheus)\\.");

    /**
     * What is left of the connector in a Karaf it ran in: each thread that was not there before it
     * was installed (Karaf's and the JDK's own aside) and each thread that runs the bundle's code.
     */
    static TreeSet<String> leftOver(List<JvmThread> before, List<JvmThread> after) {
        TreeSet<String> names = new TreeSet<>();
        before.forEach(thread -> names.add(thread.name()));
        TreeSet<String> left = new TreeSet<>();
        for (JvmThread thread : after) {
            if (BUNDLE_CODE.matcher(thread.stack()).find()) {
                left.add(thread.name() + " (runs the bundle's code)");
            } else if (!names.contains(thread.name()) && !karafsOwn(thread.name())) {
                left.add(thread.name());
            }
        }
        return left;
    }

    /**
     * Threads Karaf and the JDK start on their own after the install: each bin/client call is an
     * SSH session with threads for a while, Aries JMX starts its event dispatchers at the first bundle
     * event, jcmd attaches, and the RMI transport keeps an idle connection thread for a minute.
     */
    private static boolean karafsOwn(String name) {
        return name.startsWith("session-") || name.startsWith("sshd-") || name.startsWith("Karaf ssh")
                || name.startsWith("pipe-") || name.startsWith("JMX OSGi ") || name.equals("Attach Listener")
                || name.equals("RMI TCP Connection(idle)");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
