package io.heymirror.sync;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Sync settings that earlier versions read and this one does not. Binding ignores unknown
 * settings, so a deployment that still sets one would otherwise never learn that it has
 * no effect: it is told once, at start.
 */
@Component
class RetiredSyncSettings {

	/** Each retired setting, and why it is no longer needed. */
	static final Map<String, String> RETIRED = Map.of("heymirror.sync.v1-page-size",
			"the page size of POST /v1/contacts is learned from the pages upstream serves");

	private static final Logger log = LoggerFactory.getLogger(RetiredSyncSettings.class);

	RetiredSyncSettings(Environment environment) {
		Binder binder = Binder.get(environment);
		RETIRED.forEach((name, reason) -> {
			if (binder.bind(name, Bindable.of(String.class)).isBound()) {
				log.warn("{} is set but no longer read ({}); remove it", name, reason);
			}
		});
	}

}
