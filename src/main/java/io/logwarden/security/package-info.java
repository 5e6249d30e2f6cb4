/** Users, roles, scopes, API keys and PII masking. */
package io.logwarden.security;
