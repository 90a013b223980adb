package org.wfmagentsync.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.wfmagentsync.TempFolders;

/**
 * One test's own state database, empty at first; {@link #open()} opens it (migrating it) as the
 * connector does, again after a close to see what survived.
 */
public interface StateDatabase {

    /** The vendor's name, as its dialect gives it. */
    String vendor();

    Database open();

    /** Runs each {@link OnH2AndPostgres} test once per vendor, handing it a database of its own. */
    final class OnEach implements TestTemplateInvocationContextProvider {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(OnEach.class);

        @Override
        public boolean supportsTestTemplate(ExtensionContext context) {
            return true;
        }

        @Override
        public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
            return Stream.of(invocation("H2", OnEach::h2), invocation("PostgreSQL", OnEach::postgres));
        }

        private static TestTemplateInvocationContext invocation(String vendor, java.util.function.Supplier<StateDatabase> create) {
            return new TestTemplateInvocationContext() {
                @Override
                public String getDisplayName(int invocationIndex) {
                    return "on " + vendor;
                }

                @Override
                public List<Extension> getAdditionalExtensions() {
                    return List.of(new ParameterResolver() {
                        @Override
                        public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
                            return parameter.getParameter().getType() == StateDatabase.class;
                        }

                        @Override
                        public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
                            // the same database for the @BeforeEach methods and the test itself
                            return extension.getStore(NAMESPACE).getOrComputeIfAbsent("database", key -> create.get(),
                                    StateDatabase.class);
                        }
                    });
                }
            };
        }

        private static StateDatabase h2() {
            try {
                return new H2InFolder(Files.createTempDirectory("wfm-store-test-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static StateDatabase postgres() {
            EmbeddedPostgresServer.Account account = EmbeddedPostgresServer.newDatabase();
            return new StateDatabase() {
                @Override
                public String vendor() {
                    return "PostgreSQL";
                }

                @Override
                public Database open() {
                    return account.open();
                }
            };
        }
    }

    /** An H2 file in a temporary folder, removed when the test ends. */
    record H2InFolder(Path folder) implements StateDatabase, ExtensionContext.Store.CloseableResource {

        @Override
        public String vendor() {
            return "H2";
        }

        @Override
        public Database open() {
            return Database.open("jdbc:h2:file:" + folder.resolve("state"), "sa", "");
        }

        @Override
        public void close() throws IOException {
            TempFolders.delete(folder);
        }
    }
}
