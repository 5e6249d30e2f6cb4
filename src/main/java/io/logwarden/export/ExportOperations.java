package io.logwarden.export;

import io.logwarden.security.CurrentUser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** What {@link ExportService} needs from the job machinery (implemented in {@code export.internal}). */
public interface ExportOperations {

    ExportJob submit(CurrentUser user, ExportRequest request, String purpose, List<String> indices,
                     Map<String, Set<String>> anyOf);

    List<ExportJob> all();

    Optional<ExportJob> find(String id);

    ExportJob cancel(String id);

    ExportFile file(ExportJob job);

    ExportManifest manifest(ExportJob job);

    ManifestVerification verify(ExportJob job);

    Runnable subscribe(Consumer<ExportJob> listener);
}
