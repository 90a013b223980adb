package org.wfmagentsync.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.spi.ExtendedPropertyConfigurerGetter;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.StringHelper;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/**
 * Camel's fail-fast error for a misspelt {@code camel.*} key ({@code Error binding property
 * (camel.main.shutdownTimout=5) with name: shutdownTimout on bean: ...MainConfigurationProperties@5c87bfe2
 * with value: 5}) as one line an operator can act on: where the key is set, as they spelt it, and the
 * closest option of the same Camel group, from the option names of Camel's own configurer for it.
 */
public final class UnknownCamelOption {

    /**
     * Groups Camel reads {@code camel.<group>.*} keys for besides those of Camel Main's metadata:
     * components, data formats, languages, beans, variables, route templates, global options, dev
     * consoles, the context, kamelets and Camel JBang.
     */
    private static final List<String> OTHER_GROUPS = List.of("component", "dataformat", "language", "beans", "variable",
            "routetemplate", "globaloptions", "devconsole", "context", "kamelet", "jbang");

    private static final String METADATA = "META-INF/camel-main-configuration-metadata.json";

    private UnknownCamelOption() {
    }

    /**
     * A warning for each {@code camel.*} key under a group Camel has not got ({@code camel.managment.port}):
     * Camel ignores such a key without a word, and its fail-fast check only covers the groups it has.
     * A warning, not an error: Camel and its components may read a group this list does not know.
     */
    public static List<String> unknownGroups(SettingSources given) {
        List<String> groups = groups();
        List<String> warnings = new ArrayList<>();
        for (SettingSources.Source source : given.sources()) {
            for (String key : source.keys().stream().sorted().toList()) {
                String[] parts = key.split("\\.", 3);
                if (!parts[0].equals("camel") || parts.length < 3 || groups.isEmpty()
                        || groups.contains(parts[1].toLowerCase(Locale.ROOT))) {
                    continue;
                }
                String hint = ClosestName.among(parts[1], groups)
                        .map(group -> "; did you mean camel." + group + "." + parts[2] + "?").orElse("");
                warnings.add(source.name() + " sets " + key + ", but Camel has no camel." + parts[1]
                        + " group, so nothing reads it" + hint);
            }
        }
        return warnings;
    }

    /** Camel Main's groups from its metadata, and the others; empty when the metadata cannot be read (then nothing is warned about). */
    private static List<String> groups() {
        try (InputStream in = UnknownCamelOption.class.getClassLoader().getResourceAsStream(METADATA)) {
            if (in == null) {
                return List.of();
            }
            JsonObject metadata = Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8), new JsonObject());
            Set<String> groups = new TreeSet<>(OTHER_GROUPS);
            JsonArray properties = metadata.getCollection("properties");
            for (Object property : properties == null ? List.of() : properties) {
                String name = String.valueOf(((Map<?, ?>) property).get("name"));
                String[] parts = name.split("\\.");
                if (parts.length > 2) {
                    groups.add(parts[1].toLowerCase(Locale.ROOT));
                }
            }
            return List.copyOf(groups);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** The line for {@code failure} when Camel refused a {@code camel.*} key it does not know; empty for any other failure. */
    public static Optional<ConfigException> explain(Throwable failure, CamelContext context, SettingSources given) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PropertyBindingException binding && binding.getCause() == null
                    && binding.getOptionPrefix() != null && binding.getOptionPrefix().startsWith("camel.")) {
                return Optional.of(explain(binding, context, given));
            }
        }
        return Optional.empty();
    }

    private static ConfigException explain(PropertyBindingException binding, CamelContext context, SettingSources given) {
        String prefix = binding.getOptionPrefix();
        String reported = prefix + (binding.getOptionKey() != null ? binding.getOptionKey() : binding.getPropertyName());
        String where = given.whereSet(reported).orElse(reported + " is set");
        Map<String, String> options = options(binding.getTarget(), prefix, context);
        String hint = ClosestName.among(relaxed(reported), options.keySet()).map(options::get)
                .map(closest -> "; did you mean " + closest + "?")
                .orElse(" (" + reference(binding.getTarget(), context) + ")");
        return new ConfigException(reported, where + ", which is not a Camel option" + hint);
    }

    /**
     * The options Camel knows for the bean, relaxed name to the dashed key ({@code camel.main.shutdown-timeout}):
     * a component's from its JSON schema, Camel Main's groups from their configurers.
     */
    private static Map<String, String> options(Object target, String prefix, CamelContext context) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String option : optionNames(target, context)) {
            String key = prefix + StringHelper.camelCaseToDash(option);
            options.put(relaxed(key), key);
        }
        return options;
    }

    private static Collection<String> optionNames(Object target, CamelContext context) {
        if (target instanceof Component component) {
            String schema = component.getDefaultName() == null ? null
                    : PluginHelper.getRuntimeCamelCatalog(context).componentJSonSchema(component.getDefaultName());
            JsonObject properties = schema == null ? null
                    : Jsoner.deserialize(schema, new JsonObject()).getMap("componentProperties");
            return properties == null ? List.of() : properties.keySet();
        }
        PropertyConfigurer configurer = PluginHelper.getConfigurerResolver(context)
                .resolvePropertyConfigurer(target.getClass().getName(), context);
        return configurer instanceof ExtendedPropertyConfigurerGetter getter ? getter.getAllOptions(target).keySet()
                : List.of();
    }

    /** Where Camel documents the options, for a key with no close match. */
    private static String reference(Object target, CamelContext context) {
        String version = context.getVersion().replaceAll("^(\\d+\\.\\d+).*", "$1") + ".x";
        if (target instanceof Component component && component.getDefaultName() != null) {
            return "the " + component.getDefaultName() + " component's options: https://camel.apache.org/components/"
                    + version + "/" + component.getDefaultName() + "-component.html";
        }
        return "Camel Main's options: https://camel.apache.org/components/" + version + "/others/main.html";
    }

    private static String relaxed(String key) {
        return key.toLowerCase(Locale.ROOT).replace("-", "");
    }
}
