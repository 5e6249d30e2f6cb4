package io.logwarden.export.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import io.logwarden.export.ExportJob;
import io.logwarden.export.ExportService;
import io.logwarden.export.ManifestVerification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Proves that a copy of an export (e.g. the file a compliance officer downloaded months ago) is the file the signed
 * manifest describes: upload it (streamed through SHA-256, never stored) or paste its SHA-256.
 */
class VerifyDialog extends Dialog {

    private final Paragraph result = new Paragraph();

    VerifyDialog(ExportService exports, ExportJob job) {
        setHeaderTitle("Verify a copy of export " + job.id());
        result.setId("verify-result");
        Upload upload = new Upload(event -> {
            try (InputStream in = event.getInputStream()) {
                ManifestVerification verification = exports.verify(job.id(), in);
                UI ui = event.getUI();
                ui.access(() -> show(verification));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        upload.setMaxFiles(1);
        upload.setDropLabel(new com.vaadin.flow.component.html.Span("Drop the file here"));
        upload.setId("verify-upload");
        TextField sha256 = new TextField("…or its SHA-256");
        sha256.setId("verify-sha256");
        sha256.setWidth("36em");
        Button check = new Button("Check SHA-256", e -> {
            try {
                show(exports.verifySha256(job.id(), sha256.getValue()));
            } catch (IllegalArgumentException ex) {
                result.setText(ex.getMessage());
            }
        });
        add(new Paragraph("The manifest states SHA-256 " + (job.sha256() == null ? "(none)" : job.sha256())
                + ". Upload a copy of the file to compare it."), upload, sha256, check, result);
        getFooter().add(new Button("Close", e -> close()));
    }

    private void show(ManifestVerification verification) {
        result.setText(verification.valid()
                ? "Verified: the " + verification.checked() + " is the exported file (SHA-256 "
                        + verification.actualSha256() + "), and the manifest's signature is valid."
                : "Verification FAILED: " + String.join("; ", verification.problems()));
        result.getElement().setAttribute("data-valid", String.valueOf(verification.valid()));
    }
}
