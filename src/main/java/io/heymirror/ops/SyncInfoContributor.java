package io.heymirror.ops;

import java.util.LinkedHashMap;
import java.util.Map;

import io.heymirror.sync.SyncControl;
import io.heymirror.sync.SyncStatus;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/**
 * Adds the sync's watermark to {@code /actuator/info}, next to the version (build-info)
 * and the git commit (git.properties) that Boot contributes itself.
 */
@Component
class SyncInfoContributor implements InfoContributor {

	private final SyncControl control;

	SyncInfoContributor(SyncControl control) {
		this.control = control;
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, Object> accounts = new LinkedHashMap<>();
		for (String account : this.control.accounts()) {
			SyncStatus status = this.control.status(account);
			Map<String, Object> sync = new LinkedHashMap<>();
			sync.put("watermark", (status.watermark() != null) ? status.watermark().toString() : null);
			sync.put("lastSuccessAt", (status.lastSuccessAt() != null) ? status.lastSuccessAt().toString() : null);
			accounts.put(account, sync);
		}
		builder.withDetail("sync", accounts);
	}

}
