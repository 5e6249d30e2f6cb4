/** The retention dry run and its application, for admins. */
package io.logwarden.retention.ui;
