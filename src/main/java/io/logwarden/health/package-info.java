/** Health indicators and metrics. */
package io.logwarden.health;
