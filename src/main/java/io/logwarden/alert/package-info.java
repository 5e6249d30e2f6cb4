/** Alert rules, their evaluation, notification channels and the notification centre. */
package io.logwarden.alert;
