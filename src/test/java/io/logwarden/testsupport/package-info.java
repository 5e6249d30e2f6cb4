/** Test support: one real Elasticsearch per test run, Spring test wiring and a child-process runner for the app. */
package io.logwarden.testsupport;
