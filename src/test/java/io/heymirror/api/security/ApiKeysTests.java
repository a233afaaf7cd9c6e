package io.heymirror.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeysTests {

	@Test
	void namesEachKeyByItsListAndPositionAndScope() {
		ApiKeys keys = keys(List.of(" full-1 ", "full-2"), List.of("read-1"));

		assertThat(keys.match("full-1")).isEqualTo(new ApiKeys.Caller("api-key-1", Scope.FULL));
		assertThat(keys.match(" full-2")).isEqualTo(new ApiKeys.Caller("api-key-2", Scope.FULL));
		assertThat(keys.match("read-1")).isEqualTo(new ApiKeys.Caller("read-key-1", Scope.READ));
		assertThat(keys.match("full-3")).isNull();
		assertThat(keys.match("")).isNull();
	}

	@Test
	void acceptsAKeyGivenAsItsSha256DigestInEitherCaseButNotTheDigestItself() throws NoSuchAlgorithmException {
		String digest = "sha256:" + SecretDigestHex.of("digest-key");
		for (String configured : List.of(digest, digest.toUpperCase().replace("SHA256:", "sha256:"))) {
			ApiKeys keys = keys(List.of(), List.of(configured));

			assertThat(keys.match("digest-key")).isEqualTo(new ApiKeys.Caller("read-key-1", Scope.READ));
			assertThat(keys.match(configured)).isNull();
		}
	}

	@Test
	void takesWhatOnlyLooksLikeADigestAsAPlainKey() {
		ApiKeys keys = keys(List.of("sha256:not-hex", "sha256:abcd"), List.of());

		assertThat(keys.match("sha256:not-hex")).isNotNull();
		assertThat(keys.match("sha256:abcd")).isNotNull();
	}

	private static ApiKeys keys(List<String> full, List<String> read) {
		return new ApiKeys(new ApiProperties(full, read, false, false, 60, Duration.ofSeconds(5)));
	}

	/** The hex SHA-256 of a text, as an operator computes it ({@code sha256sum}). */
	private static final class SecretDigestHex {

		static String of(String text) throws NoSuchAlgorithmException {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}

	}

}
