/** User storage, the first-start admin account and the HTTP security of the API and actuator. */
package io.logwarden.security.internal;
