package io.aisle.serving.cli;

import io.aisle.recommender.registry.Manifest;
import io.aisle.recommender.registry.ModelRegistry;
import io.aisle.recommender.registry.ModelRegistryException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./aisle models ...}: the model registry from the command line. Import and export are the
 * bring-your-own-model path: an exported folder holds the model files and their manifest, and any folder
 * of that shape (from another registry, or written by other tools in Aisle's formats) can be imported.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List, show, approve, roll back, import and export model versions.",
        subcommands = {ModelsCommand.ListVersions.class, ModelsCommand.Show.class, ModelsCommand.Approve.class,
                ModelsCommand.Rollback.class, ModelsCommand.Import.class, ModelsCommand.Export.class})
final class ModelsCommand {

    /** The models the training commands publish (train also-bought, for-you, ranker and vision), by registry name. */
    static final List<String> KNOWN_MODELS = List.of("also-bought", "for-you", "ranker", "product-recognizer");

    /** Exit code for a refused operation (unknown or corrupt version, nothing to roll back to). */
    static final int REFUSED = 2;

    /** The registry folder every subcommand works on. */
    static final class RegistryOption {
        @Option(names = "--registry", defaultValue = "${env:AISLE_REGISTRY:-.aisle/registry}",
                description = "Model registry folder (default: $AISLE_REGISTRY or .aisle/registry).")
        Path registry;

        ModelRegistry open() {
            return new ModelRegistry(registry, Clock.systemUTC());
        }
    }

    /** Runs an operation, turning a registry refusal into a one-line message and exit code 2. */
    static int refusing(Callable<Integer> operation) throws Exception {
        try {
            return operation.call();
        } catch (ModelRegistryException e) {
            System.err.println("aisle: " + e.getMessage());
            return REFUSED;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tenants, models and versions; * marks the approved one.")
    static final class ListVersions implements Callable<Integer> {
        @Mixin
        RegistryOption registry;

        @Option(names = "--tenant", description = "Only this tenant.")
        String tenant;

        @Override
        public Integer call() throws Exception {
            return refusing(() -> {
                ModelRegistry models = registry.open();
                List<String> tenants = tenant == null ? models.tenants() : List.of(tenant);
                System.out.printf("%-12s %-12s %-9s %-3s %-12s %-24s %s%n", "tenant", "model", "version", "", "type", "created", "headline");
                for (String t : tenants) {
                    for (String model : models.models(t)) {
                        Optional<String> approved = models.findApproved(t, model);
                        for (String version : models.versions(t, model)) {
                            String headline;
                            String type;
                            String created;
                            try {
                                Manifest manifest = models.readManifest(t, model, version);
                                headline = headline(manifest.evaluation());
                                type = manifest.type();
                                created = manifest.createdAt().toString();
                            } catch (ModelRegistryException e) {
                                headline = "unreadable: " + e.getMessage();
                                type = "?";
                                created = "?";
                            }
                            System.out.printf("%-12s %-12s %-9s %-3s %-12s %-24s %s%n", t, model, version,
                                    approved.filter(version::equals).isPresent() ? "*" : "", type, created, headline);
                        }
                    }
                }
                return 0;
            });
        }

        private static String headline(Map<String, Map<String, Double>> evaluation) {
            StringBuilder text = new StringBuilder();
            evaluation.forEach((method, metrics) -> {
                if (method.startsWith("aisle")) {
                    metrics.forEach((metric, value) -> {
                        if (!metric.startsWith("ndcg")) {
                            text.append(method).append(' ').append(metric).append('=')
                                    .append(String.format(Locale.ROOT, "%.4f", value)).append("  ");
                        }
                    });
                }
            });
            return text.toString().strip();
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Verify a version and print its manifest.")
    static final class Show implements Callable<Integer> {
        @Mixin
        RegistryOption registry;

        @Parameters(index = "0", description = "Tenant.")
        String tenant;

        @Parameters(index = "1", description = "Model: also-bought, for-you or ranker.")
        String model;

        @Parameters(index = "2", arity = "0..1", description = "Version (default: the approved one, else the newest).")
        String version;

        @Override
        public Integer call() throws Exception {
            return refusing(() -> {
                ModelRegistry models = registry.open();
                String chosen = version != null ? version : models.findApproved(tenant, model)
                        .or(() -> models.findLatest(tenant, model))
                        .orElseThrow(() -> new ModelRegistryException(tenant + "/" + model + " has no versions"));
                Manifest manifest = models.load(tenant, model, chosen).manifest();
                boolean approved = models.findApproved(tenant, model).filter(chosen::equals).isPresent();
                System.out.println(tenant + "/" + model + "/" + chosen + (approved ? " (approved)" : "") + ", checksums verified");
                System.out.println("type:             " + manifest.type());
                System.out.println("created:          " + manifest.createdAt());
                System.out.println("data fingerprint: " + manifest.dataFingerprint());
                System.out.println("rows:             " + manifest.rowCounts());
                System.out.println("parameters:       " + manifest.parameters());
                System.out.println("files:");
                manifest.files().forEach((name, sha) -> System.out.println("  " + name + "  sha256:" + sha));
                System.out.println("evaluation:");
                manifest.evaluation().forEach((method, metrics) -> {
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-12s", method));
                    new java.util.TreeMap<>(metrics).forEach((metric, value) ->
                            line.append(String.format(Locale.ROOT, "  %s=%.4f", metric, value)));
                    System.out.println(line);
                });
                return 0;
            });
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Verify a version and make it the one serving loads.")
    static final class Approve implements Callable<Integer> {
        @Mixin
        RegistryOption registry;

        @Parameters(index = "0") String tenant;
        @Parameters(index = "1") String model;
        @Parameters(index = "2", description = "Version, e.g. v000002.") String version;

        @Override
        public Integer call() throws Exception {
            return refusing(() -> {
                registry.open().approve(tenant, model, version);
                System.out.println("approved " + tenant + "/" + model + "/" + version);
                return 0;
            });
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true, description = "Withdraw the current approval; the previous one is approved again.")
    static final class Rollback implements Callable<Integer> {
        @Mixin
        RegistryOption registry;

        @Parameters(index = "0") String tenant;
        @Parameters(index = "1") String model;

        @Override
        public Integer call() throws Exception {
            return refusing(() -> {
                String version = registry.open().rollback(tenant, model);
                System.out.println("rolled back " + tenant + "/" + model + " to " + version);
                return 0;
            });
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Copy a verified version (files + manifest) to a new folder.")
    static final class Export implements Callable<Integer> {
        @Mixin
        RegistryOption registry;

        @Parameters(index = "0") String tenant;
        @Parameters(index = "1") String model;
        @Parameters(index = "2") String version;

        @Option(names = "--out", required = true, description = "Target folder; must not exist.")
        Path out;

        @Override
        public Integer call() throws Exception {
            return refusing(() -> {
                Path target = registry.open().export(tenant, model, version, out);
                System.out.println("exported " + tenant + "/" + model + "/" + version + " to " + target);
                return 0;
            });
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Publish a folder (model files + manifest.json) as a new version; checksums are verified first.")
    static final class Import implements Callable<Integer> {
        @Mixin
        RegistryOption registry;

        @Parameters(index = "0") String tenant;
        @Parameters(index = "1") String model;

        @Option(names = "--from", required = true, description = "Folder written by 'models export' or in the same layout.")
        Path from;

        @Option(names = "--approve", description = "Approve the imported version.")
        boolean approve;

        @Override
        public Integer call() throws Exception {
            if (!KNOWN_MODELS.contains(model)) {
                throw new IllegalArgumentException("model must be one of " + String.join(", ", KNOWN_MODELS)
                        + " but was '" + model + "'; a version under another name is never loaded");
            }
            return refusing(() -> {
                ModelRegistry models = registry.open();
                Manifest manifest = models.importVersion(tenant, model, from);
                if (approve) {
                    models.approve(tenant, model, manifest.version());
                }
                System.out.println("imported " + from + " as " + tenant + "/" + model + "/" + manifest.version()
                        + (approve ? " (approved)" : ""));
                return 0;
            });
        }
    }
}
