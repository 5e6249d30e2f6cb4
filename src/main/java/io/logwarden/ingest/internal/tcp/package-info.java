/** The json_lines TCP input that LogstashTcpSocketAppender connects to. */
package io.logwarden.ingest.internal.tcp;
