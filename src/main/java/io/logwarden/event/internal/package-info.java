/** Building blocks of event normalisation: document assembly, value coercion and timestamp parsing. */
package io.logwarden.event.internal;
