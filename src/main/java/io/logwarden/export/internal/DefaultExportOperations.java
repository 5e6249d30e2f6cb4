package io.logwarden.export.internal;

import io.logwarden.export.ExportFile;
import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportManifest;
import io.logwarden.export.ExportNotFoundException;
import io.logwarden.export.ExportOperations;
import io.logwarden.export.ExportRequest;
import io.logwarden.export.ExportState;
import io.logwarden.export.ManifestVerification;
import io.logwarden.security.CurrentUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

@Component
class DefaultExportOperations implements ExportOperations {

    private final ExportJobStore store;
    private final ExportJobRunner runner;
    private final ExportFiles files;
    private final ManifestSigner signer;
    private final Clock clock;

    DefaultExportOperations(ExportJobStore store, ExportJobRunner runner, ExportFiles files, ManifestSigner signer,
                            ObjectProvider<Clock> clock) {
        this.store = store;
        this.runner = runner;
        this.files = files;
        this.signer = signer;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Override
    public ExportJob submit(CurrentUser user, ExportRequest request, String purpose, List<String> indices,
                            Map<String, Set<String>> anyOf) {
        for (String index : indices) {
            if (!index.startsWith("logwarden-")) {
                throw new IllegalArgumentException("Exports read event indices only, not " + index);
            }
        }
        ExportJob job = new ExportJob(UUID.randomUUID().toString(), ExportState.QUEUED, purpose, user, request,
                indices, anyOf, clock.instant(), null, 0, null, null, 0, -1, 0, null, List.of(), 0, null, null);
        runner.submit(job);
        return job;
    }

    @Override
    public List<ExportJob> all() {
        List<ExportJob> jobs = new ArrayList<>();
        for (ExportJob stored : store.all()) {
            jobs.add(runner.live(stored.id()).orElse(stored));
        }
        return jobs;
    }

    @Override
    public Optional<ExportJob> find(String id) {
        return runner.live(id).or(() -> store.find(id));
    }

    @Override
    public ExportJob cancel(String id) {
        ExportJob job = find(id).orElseThrow(() -> new ExportNotFoundException(id));
        if (job.state().finished() || runner.cancel(id)) {
            return job;
        }
        // left unfinished by an instance that is gone and not resumed yet
        files.deleteAll(job);
        ExportJob canceled = job.withState(ExportState.CANCELED, clock.instant(), null);
        store.save(canceled);
        return canceled;
    }

    @Override
    public ExportFile file(ExportJob job) {
        Path path = files.data(job);
        if (job.state() != ExportState.COMPLETED || !Files.exists(path)) {
            throw new IllegalStateException("Export " + job.id() + " has no file to download (" + job.state() + ")");
        }
        try {
            return new ExportFile(path, job.fileName(), job.request().format().contentType(), Files.size(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ExportManifest manifest(ExportJob job) {
        Path path = files.manifest(job);
        if (!Files.exists(path)) {
            throw new IllegalStateException("Export " + job.id() + " has no manifest (" + job.state() + ")");
        }
        try {
            return signer.fromJson(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ManifestVerification verify(ExportJob job) {
        ExportManifest manifest = manifest(job);
        List<String> problems = new ArrayList<>();
        boolean signatureValid = signer.signatureValid(manifest);
        if (!signatureValid) {
            problems.add("The manifest's signature does not match its content: the manifest was changed or signed "
                    + "with another key");
        }
        if (!manifest.exportId().equals(job.id())) {
            problems.add("The manifest belongs to export " + manifest.exportId());
        }
        Path path = files.data(job);
        String actual = null;
        boolean intact = false;
        try {
            if (!Files.exists(path)) {
                problems.add("The export file is missing (expired or deleted)");
            } else {
                actual = ExportFiles.sha256(path);
                long size = Files.size(path);
                if (size != manifest.bytes()) {
                    problems.add("File length " + size + " differs from the manifest's " + manifest.bytes());
                }
                if (!actual.equals(manifest.sha256())) {
                    problems.add("File SHA-256 differs from the manifest's: the file was changed");
                }
                intact = size == manifest.bytes() && actual.equals(manifest.sha256());
            }
        } catch (IOException e) {
            problems.add("Cannot read the export file: " + e.getMessage());
        }
        return new ManifestVerification(job.id(), problems.isEmpty(), signatureValid, intact, manifest.sha256(),
                actual, problems);
    }

    @Override
    public Runnable subscribe(Consumer<ExportJob> listener) {
        return runner.subscribe(listener);
    }

    Instant now() {
        return clock.instant();
    }
}
