package io.logwarden.export;

import java.util.List;

/** One page of the caller's export jobs, newest first, and how many there are in all. */
public record ExportJobPage(long total, List<ExportJob> jobs) {
}
