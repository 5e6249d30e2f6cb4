/** The System view: health components, indices, disk and heap (admins only). */
package io.logwarden.health.ui;
