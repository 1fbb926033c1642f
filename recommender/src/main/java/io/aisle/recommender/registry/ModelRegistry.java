package io.aisle.recommender.registry;

import io.aisle.recommender.format.ModelFormatException;
import io.aisle.recommender.storage.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder of model versions, {@code {root}/{tenant}/{model}/{version}/}, each holding its files and a
 * {@code manifest.json} with the SHA-256 of every file.
 *
 * <ul>
 *   <li><b>Publish is atomic</b>: files are written to a hidden staging folder beside the versions and
 *       the folder is renamed into place, so a reader sees a whole version or none. Versions are
 *       numbered {@code v000001}, {@code v000002}, ... and never change once published.</li>
 *   <li><b>Approval</b>: {@code {model}/approvals} lists approved versions, oldest first; the last line is
 *       the approved version. It is rewritten through a temporary file and an atomic rename.
 *       {@link #rollback} drops the last approval, so the one before it is approved again.</li>
 *   <li><b>Loading verifies</b> the manifest format version and every checksum; a corrupt, partial or
 *       unknown version is refused with a message naming the file.</li>
 * </ul>
 *
 * <p>Thread-safe within one process for approvals (they are synchronized); concurrent publishers, also
 * from other processes, are safe because a rename onto an existing version fails and is retried.
 */
public final class ModelRegistry {

    /** {@code {registry}/{tenant}/events/}: the tenant's interaction log, which lives beside its models. */
    public static final String EVENTS_FOLDER = "events";
    /** A tenant's retraining schedules and runs, beside its models. */
    public static final String RUNS_FOLDER = "runs";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern VERSION = Pattern.compile("v\\d{6}");
    private static final String APPROVALS = "approvals";

    private final Path root;
    private final Clock clock;

    public ModelRegistry(Path root, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
    }

    public Path root() {
        return root;
    }

    /**
     * Publishes a new version: {@code writer} fills a staging folder, the registry adds the manifest and
     * renames the folder into place.
     *
     * @return the manifest of the published version
     */
    public Manifest publish(String tenant, String model, ModelDraft draft, ModelFilesWriter writer) {
        Path modelFolder = modelFolder(tenant, model);
        Path staging = modelFolder.resolve(".staging-" + UUID.randomUUID());
        try {
            Files.createDirectories(staging);
            writer.writeInto(staging);
            Map<String, String> files = checksums(staging);
            if (files.isEmpty()) {
                throw new ModelRegistryException("publishing " + tenant + "/" + model + ": the writer wrote no files");
            }
            for (int attempt = 0; ; attempt++) {
                String version = nextVersion(modelFolder);
                Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, tenant, model, version, draft.type(),
                        clock.instant(), draft.dataFingerprint(), draft.rowCounts(), draft.parameters(),
                        draft.evaluation(), files);
                ManifestFormat.write(manifest, staging.resolve(Manifest.FILE_NAME));
                AtomicFiles.forceTree(staging);
                Path target = modelFolder.resolve(version);
                try {
                    AtomicFiles.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                    return manifest;
                } catch (FileSystemException raced) {
                    // Another publisher took this number between listing and renaming (rename(2) reports
                    // ENOTEMPTY, which the JDK does not map to a specific exception); take the next one.
                    if (!Files.isDirectory(target) || raced instanceof AtomicMoveNotSupportedException) {
                        throw raced;
                    }
                    if (attempt > 100) {
                        throw new ModelRegistryException("publishing " + tenant + "/" + model + ": no free version after 100 attempts");
                    }
                }
            }
        } catch (AtomicMoveNotSupportedException e) {
            throw new ModelRegistryException("registry folder " + root + " does not support atomic rename", e);
        } catch (IOException e) {
            throw new ModelRegistryException("publishing " + tenant + "/" + model + " failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(staging);
        }
    }

    /** Tenants that have at least one model folder, sorted. */
    public List<String> tenants() {
        return childNames(root, NAME);
    }

    /**
     * Models of a tenant, sorted; the tenant's interaction log ({@value #EVENTS_FOLDER}) and retraining runs
     * ({@value #RUNS_FOLDER}) are no models.
     */
    public List<String> models(String tenant) {
        return childNames(root.resolve(checkName("tenant", tenant)), NAME).stream()
                .filter(name -> !name.equals(EVENTS_FOLDER) && !name.equals(RUNS_FOLDER))
                .toList();
    }

    /** Published versions, oldest first. */
    public List<String> versions(String tenant, String model) {
        return childNames(modelFolder(tenant, model), VERSION);
    }

    /** The newest published version, if any. */
    public Optional<String> findLatest(String tenant, String model) {
        List<String> versions = versions(tenant, model);
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    /** Reads a version's manifest without verifying its files (for listing). */
    public Manifest readManifest(String tenant, String model, String version) {
        Path folder = versionFolder(tenant, model, version);
        try {
            return ManifestFormat.read(folder.resolve(Manifest.FILE_NAME));
        } catch (ModelFormatException e) {
            throw new ModelRegistryException(describe(tenant, model, version) + " is refused: " + e.getMessage(), e);
        }
    }

    /**
     * Loads a version after verifying its manifest and the checksum of every file it lists.
     *
     * @throws ModelRegistryException naming the file when the version is corrupt, partial or unknown
     */
    public VerifiedVersion load(String tenant, String model, String version) {
        Manifest manifest = readManifest(tenant, model, version);
        Path folder = versionFolder(tenant, model, version);
        if (!manifest.tenant().equals(tenant) || !manifest.model().equals(model) || !manifest.version().equals(version)) {
            throw new ModelRegistryException(describe(tenant, model, version) + " is refused: manifest.json describes "
                    + manifest.tenant() + "/" + manifest.model() + "/" + manifest.version());
        }
        verifyFiles(folder, manifest.files(), describe(tenant, model, version));
        return new VerifiedVersion(manifest, folder);
    }

    /** The approved version of a model, if any. */
    public synchronized Optional<String> findApproved(String tenant, String model) {
        List<String> approvals = readApprovals(tenant, model);
        return approvals.isEmpty() ? Optional.empty() : Optional.of(approvals.get(approvals.size() - 1));
    }

    /** Loads the approved version; empty when none is approved. */
    public Optional<VerifiedVersion> loadApproved(String tenant, String model) {
        return findApproved(tenant, model).map(version -> load(tenant, model, version));
    }

    /** Approves a version after verifying it; approving the approved version again changes nothing. */
    public synchronized void approve(String tenant, String model, String version) {
        load(tenant, model, version);
        List<String> approvals = readApprovals(tenant, model);
        if (!approvals.isEmpty() && approvals.get(approvals.size() - 1).equals(version)) {
            return;
        }
        List<String> lines = new ArrayList<>(readLines(approvalsFile(tenant, model)));
        lines.add(version + "\t" + clock.instant());
        writeApprovals(tenant, model, lines);
    }

    /**
     * Withdraws the current approval so the previously approved version is approved again.
     *
     * @return the version approved after the rollback
     * @throws ModelRegistryException when there is no earlier approval to go back to
     */
    public synchronized String rollback(String tenant, String model) {
        List<String> approvals = readApprovals(tenant, model);
        if (approvals.size() < 2) {
            throw new ModelRegistryException(tenant + "/" + model + " has no earlier approved version to roll back to");
        }
        String previous = approvals.get(approvals.size() - 2);
        load(tenant, model, previous);
        List<String> lines = new ArrayList<>(readLines(approvalsFile(tenant, model)));
        lines.remove(lines.size() - 1);
        writeApprovals(tenant, model, lines);
        return previous;
    }

    /**
     * Copies a verified version (its files and manifest) into {@code target}, which must not exist yet.
     * The copy can be imported into another registry with {@link #importVersion}.
     */
    public Path export(String tenant, String model, String version, Path target) {
        VerifiedVersion verified = load(tenant, model, version);
        try {
            if (Files.exists(target)) {
                throw new ModelRegistryException("export target " + target + " already exists");
            }
            Files.createDirectories(target);
            for (String name : verified.manifest().files().keySet()) {
                Files.copy(verified.folder().resolve(name), target.resolve(name));
            }
            Files.copy(verified.folder().resolve(Manifest.FILE_NAME), target.resolve(Manifest.FILE_NAME));
            AtomicFiles.forceTree(target);
            AtomicFiles.forceFolder(target.toAbsolutePath().getParent());
            return target;
        } catch (IOException e) {
            throw new ModelRegistryException("exporting " + describe(tenant, model, version) + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Publishes a model brought from elsewhere as a new version of {@code tenant/model}. The source folder
     * holds the model files and a {@code manifest.json}; every file it lists is verified first. The
     * type, data fingerprint, counts, parameters and evaluation are kept; the parameter
     * {@code importedFrom} records the original tenant/model/version.
     */
    public Manifest importVersion(String tenant, String model, Path source) {
        Manifest original;
        try {
            original = ManifestFormat.read(source.resolve(Manifest.FILE_NAME));
        } catch (ModelFormatException e) {
            throw new ModelRegistryException("import from " + source + " is refused: " + e.getMessage(), e);
        }
        verifyFiles(source, original.files(), "import from " + source);
        Map<String, String> parameters = new TreeMap<>(original.parameters());
        parameters.put("importedFrom", original.tenant() + "/" + original.model() + "/" + original.version());
        ModelDraft draft = new ModelDraft(original.type(), original.dataFingerprint(), original.rowCounts(),
                parameters, original.evaluation());
        return publish(tenant, model, draft, staging -> {
            for (String name : original.files().keySet()) {
                Files.copy(source.resolve(name), staging.resolve(name));
            }
        });
    }

    private void verifyFiles(Path folder, Map<String, String> expected, String what) {
        for (Map.Entry<String, String> file : expected.entrySet()) {
            Path path = folder.resolve(file.getKey()).normalize();
            if (!path.getParent().equals(folder.normalize())) {
                throw new ModelRegistryException(what + " is refused: file name '" + file.getKey() + "' leaves the version folder");
            }
            if (!Files.isRegularFile(path)) {
                throw new ModelRegistryException(what + " is refused: " + file.getKey() + " is missing (partial version)");
            }
            String actual = sha256(path);
            if (!actual.equals(file.getValue())) {
                throw new ModelRegistryException(what + " is refused: " + file.getKey() + " is corrupt (SHA-256 "
                        + actual + ", manifest says " + file.getValue() + ")");
            }
        }
    }

    private Path approvalsFile(String tenant, String model) {
        return modelFolder(tenant, model).resolve(APPROVALS);
    }

    /** Approved versions, oldest first; each line of the file is {@code version<TAB>approvedAt}. */
    private List<String> readApprovals(String tenant, String model) {
        Path file = approvalsFile(tenant, model);
        List<String> lines = readLines(file);
        List<String> versions = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String version = lines.get(i).split("\t", 2)[0].strip();
            if (!VERSION.matcher(version).matches()) {
                throw new ModelRegistryException(file + " entry " + (i + 1) + ": '" + version + "' is not a version");
            }
            versions.add(version);
        }
        return versions;
    }

    private void writeApprovals(String tenant, String model, List<String> lines) {
        Path folder = modelFolder(tenant, model);
        Path temporary = folder.resolve(".approvals-" + UUID.randomUUID());
        try {
            Files.writeString(temporary, lines.isEmpty() ? "" : String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            AtomicFiles.force(temporary);
            AtomicFiles.move(temporary, folder.resolve(APPROVALS), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new ModelRegistryException("cannot write " + folder.resolve(APPROVALS) + ": " + e.getMessage(), e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.exists(file)
                    ? Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList()
                    : List.of();
        } catch (IOException e) {
            throw new ModelRegistryException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private Path modelFolder(String tenant, String model) {
        if (EVENTS_FOLDER.equals(model)) {
            throw new ModelRegistryException("'" + EVENTS_FOLDER + "' is the tenant's interaction log, not a model name");
        }
        return root.resolve(checkName("tenant", tenant)).resolve(checkName("model", model));
    }

    private Path versionFolder(String tenant, String model, String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new ModelRegistryException("version must look like v000001 but was '" + version + "'");
        }
        Path folder = modelFolder(tenant, model).resolve(version);
        if (!Files.isDirectory(folder)) {
            throw new ModelRegistryException(describe(tenant, model, version) + " does not exist");
        }
        return folder;
    }

    private static String checkName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new ModelRegistryException(what + " must match " + NAME.pattern() + " but was '" + value + "'");
        }
        return value;
    }

    private static String describe(String tenant, String model, String version) {
        return "version " + version + " of " + tenant + "/" + model;
    }

    private static String nextVersion(Path modelFolder) {
        List<String> versions = childNames(modelFolder, VERSION);
        int last = versions.isEmpty() ? 0 : Integer.parseInt(versions.get(versions.size() - 1).substring(1));
        return String.format("v%06d", last + 1);
    }

    private static List<String> childNames(Path folder, Pattern pattern) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString())
                    .filter(name -> pattern.matcher(name).matches())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ModelRegistryException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> checksums(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> children = Files.list(folder)) {
            for (Path file : children.sorted(Comparator.naturalOrder()).toList()) {
                String name = file.getFileName().toString();
                if (!Files.isRegularFile(file)) {
                    throw new ModelRegistryException("model files must be plain files in one folder, but " + name + " is not");
                }
                if (!name.equals(Manifest.FILE_NAME)) {
                    files.put(name, sha256(file));
                }
            }
        }
        return files;
    }

    /** SHA-256 of a file in lower-case hex. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new ModelRegistryException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void deleteQuietly(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // A leftover staging folder is hidden and never read; it must not mask the real outcome.
        }
    }
}
