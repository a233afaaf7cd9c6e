package io.heymirror.delivery.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The webhook subscribers of the change feed, by name
 * ({@code heymirror.changes.webhooks.<name>.*}). Checked at start-up by
 * {@link ValidSubscribers}: a bad URL or secret stops it with one line naming the
 * property.
 *
 * @param webhooks the subscribers by name (lower-case letters, digits and '-'): the name
 * of their cursor, lock and metrics
 */
@Validated
@ValidSubscribers
@ConfigurationProperties("heymirror.changes")
record WebhookProperties(@DefaultValue Map<String, Subscriber> webhooks) {

	/**
	 * One subscriber.
	 *
	 * @param url where each event is POSTed (absolute http or https)
	 * @param secret the signing secret, {@code whsec_<base64>} of a 24-64 byte key
	 * @param previousSecret during a rotation, the secret being replaced: deliveries
	 * carry both signatures
	 * @param types the event types to deliver ({@code created}, {@code updated},
	 * {@code deleted}, {@code restored}, or the full {@code io.heymirror.contact.*});
	 * empty: all
	 * @param accounts the accounts whose changes to deliver; empty: all
	 * @param start where a new subscriber starts: {@code latest} (changes from now on) or
	 * {@code beginning} (the oldest retained change: every live contact)
	 * @param enabled whether to deliver to it (a disabled subscriber keeps its cursor and
	 * holds no retention)
	 * @param maxRetryDuration how long deliveries may fail before it is reported failing
	 * (it keeps its cursor and is still retried)
	 * @param timeout the longest one delivery may take, connecting included
	 */
	record Subscriber(@Nullable URI url, @Nullable String secret, @Nullable String previousSecret,
			@DefaultValue List<String> types, @DefaultValue List<String> accounts, @DefaultValue("latest") Start start,
			@DefaultValue("true") boolean enabled, @DefaultValue("P1D") Duration maxRetryDuration,
			@DefaultValue("10s") Duration timeout) {

		@Override
		public String toString() {
			// never the secrets
			return "Subscriber[url=" + this.url + ", types=" + this.types + ", accounts=" + this.accounts + ", start="
					+ this.start + ", enabled=" + this.enabled + "]";
		}

	}

	/** Where a new subscriber starts. */
	enum Start {

		LATEST, BEGINNING

	}

}
