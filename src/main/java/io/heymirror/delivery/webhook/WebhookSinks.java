package io.heymirror.delivery.webhook;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;

import io.heymirror.delivery.ChangeSink;
import io.heymirror.delivery.ChangeSinks;
import io.heymirror.delivery.webhook.WebhookProperties.Subscriber;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * A sink for every enabled subscriber of {@code heymirror.changes.webhooks.*}.
 */
@Component
class WebhookSinks implements ChangeSinks {

	private final List<ChangeSink> sinks;

	WebhookSinks(WebhookProperties properties, JsonMapper json, Clock clock) {
		this.sinks = properties.webhooks()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().enabled())
			.<ChangeSink>map(
					(entry) -> new WebhookSink(entry.getKey(), entry.getValue(), client(entry.getValue()), json, clock))
			.toList();
	}

	/**
	 * HTTP/1.1, and redirects not followed: the subscriber's URL is where events go,
	 * nowhere else.
	 */
	static HttpClient client(Subscriber subscriber) {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(subscriber.timeout())
			.build();
	}

	@Override
	public List<ChangeSink> sinks() {
		return this.sinks;
	}

}
