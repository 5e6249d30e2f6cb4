/** Canonical event record, ECS field names and normalisation of incoming JSON onto them. */
package io.logwarden.event;
