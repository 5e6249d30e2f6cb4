/** A tiny {{field}} template engine with per-channel escaping and no scripting. */
package io.logwarden.alert.internal.template;
