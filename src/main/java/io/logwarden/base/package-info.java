/** Settings and small types shared by every feature, such as the data directory. */
package io.logwarden.base;
