/** Building blocks of streaming normalisation: field routes, the token walk, document slots and writing, timestamps. */
package io.logwarden.event.internal;
