package io.logwarden.storage;

/**
 * Disk and heap of one Elasticsearch node.
 *
 * @param name           node name
 * @param diskTotalBytes total disk of its data path
 * @param diskFreeBytes  available disk of its data path
 * @param heapUsedBytes  JVM heap in use
 * @param heapMaxBytes   JVM heap maximum
 */
public record NodeResources(String name, long diskTotalBytes, long diskFreeBytes, long heapUsedBytes,
                            long heapMaxBytes) {
}
