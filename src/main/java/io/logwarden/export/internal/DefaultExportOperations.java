package io.logwarden.export.internal;

import io.logwarden.export.ExportFile;
import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportJobPage;
import io.logwarden.export.ExportNotFoundException;
import io.logwarden.export.ExportOperations;
import io.logwarden.export.ExportRequest;
import io.logwarden.export.ExportSource;
import io.logwarden.export.ExportState;
import io.logwarden.export.ManifestVerification;
import io.logwarden.export.internal.ExportJobStore.Stored;
import io.logwarden.security.CurrentUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

@Component
class DefaultExportOperations implements ExportOperations {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int CANCEL_ATTEMPTS = 5;

    private final ExportJobStore store;
    private final ExportJobRunner runner;
    private final ExportFiles files;
    private final ManifestSigner signer;
    private final ExportFinisher finisher;
    private final ExportAuditor auditor;
    private final Clock clock;

    DefaultExportOperations(ExportJobStore store, ExportJobRunner runner, ExportFiles files, ManifestSigner signer,
                            ExportFinisher finisher, ExportAuditor auditor, ObjectProvider<Clock> clock) {
        this.store = store;
        this.runner = runner;
        this.files = files;
        this.signer = signer;
        this.finisher = finisher;
        this.auditor = auditor;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Override
    public ExportJob submit(CurrentUser user, ExportRequest request, String purpose, ExportSource source) {
        for (String index : source.indices()) {
            if (!index.startsWith("logwarden-")) {
                throw new IllegalArgumentException("Exports read event indices only, not " + index);
            }
        }
        ExportJob job = ExportJob.queued(UUID.randomUUID().toString(), purpose, user, request, source,
                clock.instant());
        runner.submit(job);
        return runner.live(job.id()).orElse(job);
    }

    @Override
    public ExportJobPage page(String username, int from, int size) {
        ExportJobPage page = store.page(username, from, size);
        return new ExportJobPage(page.total(), page.jobs().stream()
                .map(job -> runner.live(job.id()).orElse(job)).toList());
    }

    @Override
    public Optional<ExportJob> find(String id) {
        return runner.live(id).or(() -> store.find(id));
    }

    @Override
    public ExportJob cancel(String id, CurrentUser by) {
        for (int attempt = 0; attempt < CANCEL_ATTEMPTS; attempt++) {
            Stored read = store.get(id).orElseThrow(() -> new ExportNotFoundException(id));
            ExportJob job = read.job();
            if (job.state().finished()) {
                return job;
            }
            if (runner.runsHere(id)) {
                runner.cancelHere(id);
                auditor.cancelRequested(job, by);
                return runner.live(id).orElse(job);
            }
            if (job.lease() == null || !job.lease().live(clock.instant())) {
                // queued, or left by an instance that is gone: nobody else will end it
                auditor.cancelRequested(job, by);
                return finisher.cancel(read, job);
            }
            Optional<Stored> requested = store.replace(read, job.withCancelRequested());
            if (requested.isPresent()) {
                auditor.cancelRequested(job, by);
                return requested.get().job();
            }
        }
        throw new IllegalStateException("Export " + id + " kept changing; try to cancel it again");
    }

    @Override
    public ExportFile file(ExportJob job) {
        Path path = files.data(job);
        if (job.state() != ExportState.COMPLETED) {
            throw new IllegalStateException("Export " + job.id() + " has no file to download (" + job.state() + ")");
        }
        if (!Files.exists(path)) {
            throw new IllegalStateException("The file of export " + job.id() + " is not on this instance ("
                    + runner.instanceId + "); share logwarden.data-dir/exports between instances or download it "
                    + "from the instance that ran the job");
        }
        try {
            String type = job.request().gzip() ? "application/gzip" : job.request().format().contentType();
            return new ExportFile(path, job.fileName(), type, Files.size(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String manifest(ExportJob job) {
        if (job.manifest() == null) {
            throw new IllegalStateException("Export " + job.id() + " has no manifest (" + job.state() + ")");
        }
        return job.manifest();
    }

    @Override
    public ManifestVerification verify(ExportJob job) {
        String manifest = manifest(job);
        Path path = files.data(job);
        if (!Files.exists(path)) {
            return result(job, manifest, ManifestVerification.SERVER_COPY, null, -1,
                    List.of("The server's copy is gone (" + job.state() + "): upload the copy you downloaded, "
                            + "or give its SHA-256, to verify it"));
        }
        try (InputStream in = Files.newInputStream(path)) {
            ExportFiles.Digest digest = ExportFiles.sha256(in);
            return result(job, manifest, ManifestVerification.SERVER_COPY, digest.hex(), digest.length(), List.of());
        } catch (IOException e) {
            return result(job, manifest, ManifestVerification.SERVER_COPY, null, -1,
                    List.of("Cannot read the export file: " + e.getMessage()));
        }
    }

    @Override
    public ManifestVerification verify(ExportJob job, InputStream copy) {
        String manifest = manifest(job);
        try {
            ExportFiles.Digest digest = ExportFiles.sha256(copy);
            return result(job, manifest, ManifestVerification.UPLOADED_FILE, digest.hex(), digest.length(),
                    List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the uploaded file", e);
        }
    }

    @Override
    public ManifestVerification verifySha256(ExportJob job, String sha256) {
        String manifest = manifest(job);
        if (sha256 == null || !SHA256.matcher(sha256.strip()).matches()) {
            throw new IllegalArgumentException("'sha256' must be 64 hexadecimal digits");
        }
        return result(job, manifest, ManifestVerification.GIVEN_SHA256, sha256.strip().toLowerCase(Locale.ROOT),
                -1, List.of());
    }

    @Override
    public Runnable subscribe(Consumer<ExportJob> listener) {
        return runner.subscribe(listener);
    }

    /** Compares the checked content (SHA-256, and length when known) with the manifest and checks its signature. */
    private ManifestVerification result(ExportJob job, String manifest, String checked, String actualSha256,
                                        long actualLength, List<String> earlierProblems) {
        List<String> problems = new ArrayList<>(earlierProblems);
        boolean signatureValid = signer.signatureValid(manifest);
        if (!signatureValid) {
            problems.add("The manifest's signature does not match its content: the manifest was changed or signed "
                    + "with another key");
        }
        ManifestSigner.Facts facts = signer.facts(manifest);
        if (!job.id().equals(facts.exportId())) {
            problems.add("The manifest belongs to export " + facts.exportId());
        }
        boolean intact = false;
        if (actualSha256 != null) {
            boolean sameHash = actualSha256.equals(facts.sha256());
            boolean sameLength = actualLength < 0 || actualLength == facts.bytes();
            if (!sameLength) {
                problems.add("Length " + actualLength + " differs from the manifest's " + facts.bytes());
            }
            if (!sameHash) {
                problems.add("SHA-256 differs from the manifest's: the " + checked + " is not the exported file");
            }
            intact = sameHash && sameLength;
        }
        return new ManifestVerification(job.id(), checked, problems.isEmpty(), signatureValid, intact,
                facts.sha256(), actualSha256, problems);
    }
}
