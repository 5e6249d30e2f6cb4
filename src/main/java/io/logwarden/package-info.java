/** Logwarden, a self-hosted log analytics and audit platform: the application entry point, one package per feature. */
package io.logwarden;
