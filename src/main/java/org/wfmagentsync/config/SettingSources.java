package org.wfmagentsync.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What an operator set where, by name only (never a value): the properties file, the {@code -D}
 * system properties, the override properties that embedding code passes, and the environment. The
 * unknown-key checks read it, and so does the one line that names a misspelt {@code camel.*} key.
 *
 * @param sources     each source's name as the operator knows it, with the keys it sets
 * @param environment the names of the environment variables
 */
public record SettingSources(List<Source> sources, Set<String> environment) {

    /** The system properties' name in messages. */
    public static final String SYSTEM_PROPERTIES = "a system property (-D)";
    /** The override properties' name in messages. */
    public static final String OVERRIDES = "an override property";

    /** One place settings come from, e.g. {@code config/application.properties} and the keys it sets. */
    public record Source(String name, Set<String> keys) {
        public Source {
            keys = Set.copyOf(keys);
        }
    }

    public SettingSources {
        sources = List.copyOf(sources);
        environment = Set.copyOf(environment);
    }

    /** The file (named as the operator gave it), then the system properties, then the override properties. */
    public static SettingSources of(String fileName, Properties file, Properties system, Properties overrides,
            Set<String> environment) {
        return new SettingSources(List.of(new Source(fileName, file.stringPropertyNames()),
                new Source(SYSTEM_PROPERTIES, system.stringPropertyNames()),
                new Source(OVERRIDES, overrides.stringPropertyNames())), environment);
    }

    /**
     * Where a key Camel reports was set, and how it was spelt there: Camel matches {@code camel.*}
     * keys ignoring case and dashes ({@code shutdown-timeout} is {@code shutdownTimeout}) and reads
     * {@code CAMEL_MAIN_SHUTDOWN_TIMEOUT} from the environment, so the operator's spelling may differ
     * from Camel's. E.g. {@code config/application.properties sets camel.main.shutdown-timout}, or
     * {@code the environment variable CAMEL_MAIN_SHUTDOWNTIMOUT sets camel.main.shutdownTimout}.
     */
    public Optional<String> whereSet(String camelKey) {
        String wanted = relaxed(camelKey);
        Predicate<String> matches = key -> relaxed(key).equals(wanted);
        for (Source source : sources) {
            Optional<String> spelt = new TreeSet<>(source.keys()).stream().filter(matches).findFirst();
            if (spelt.isPresent()) {
                return Optional.of(source.name() + " sets " + spelt.get());
            }
        }
        String flat = wanted.replace(".", "");
        return new TreeSet<>(environment).stream()
                .filter(name -> name.toLowerCase(Locale.ROOT).replace("_", "").equals(flat))
                .findFirst().map(name -> "the environment variable " + name + " sets " + camelKey);
    }

    private static String relaxed(String key) {
        return key.toLowerCase(Locale.ROOT).replace("-", "");
    }
}
