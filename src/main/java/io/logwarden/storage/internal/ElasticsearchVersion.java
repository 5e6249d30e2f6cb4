package io.logwarden.storage.internal;

import io.logwarden.storage.StorageUnavailableException;
import java.net.URI;

/** Which Elasticsearch versions Logwarden works with: 8.19 and later 8.x, and 9.x. */
final class ElasticsearchVersion {

    private ElasticsearchVersion() {
    }

    static boolean isCompatible(String version) {
        String[] parts = version.split("[.-]");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return (major == 8 && minor >= 19) || major == 9;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static void requireCompatible(String version, URI url) {
        if (!isCompatible(version)) {
            throw new StorageUnavailableException("Elasticsearch at " + url + " is version " + version
                    + "; Logwarden needs 8.19 or later (8.x or 9.x).",
                    "Upgrade the cluster, or remove logwarden.elasticsearch.url to use the embedded Elasticsearch.",
                    null);
        }
    }
}
