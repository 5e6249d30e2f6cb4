/** The notification channel implementations (email, webhooks, chat, Telegram, SMS gateway) and their validation. */
package io.logwarden.alert.internal.channel;
