package io.logwarden.export;

import io.logwarden.security.CurrentUser;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Consumer;

/** What {@link ExportService} needs from the job machinery (implemented in {@code export.internal}). */
public interface ExportOperations {

    ExportJob submit(CurrentUser user, ExportRequest request, String purpose, ExportSource source);

    /** A page of jobs, newest first: every job when {@code username} is null, else only that user's. */
    ExportJobPage page(String username, int from, int size);

    Optional<ExportJob> find(String id);

    /** Cancels the job wherever it runs (at its next checkpoint on another instance); {@code by} is audited. */
    ExportJob cancel(String id, CurrentUser by);

    ExportFile file(ExportJob job);

    /** The signed manifest, exactly as signed (JSON). */
    String manifest(ExportJob job);

    /** Checks the server's copy of the file against the manifest. */
    ManifestVerification verify(ExportJob job);

    /** Checks a copy of the file (read to its end) against the manifest. */
    ManifestVerification verify(ExportJob job, InputStream copy);

    /** Checks a SHA-256 (hex) against the manifest. */
    ManifestVerification verifySha256(ExportJob job, String sha256);

    Runnable subscribe(Consumer<ExportJob> listener);
}
