package io.heymirror.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.heymirror.heymarket.AccountProperties;
import io.heymirror.heymarket.AccountsProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ApiKeysTests {

	@Test
	void namesEachKeyByItsListAndPositionAndScope() {
		ApiKeys keys = keys(List.of(" full-1 ", "full-2"), List.of("read-1"));

		assertThat(keys.match("full-1")).isEqualTo(new ApiKeys.Caller("api-key-1", Scope.FULL, null));
		assertThat(keys.match(" full-2")).isEqualTo(new ApiKeys.Caller("api-key-2", Scope.FULL, null));
		assertThat(keys.match("read-1")).isEqualTo(new ApiKeys.Caller("read-key-1", Scope.READ, null));
		assertThat(keys.match("full-3")).isNull();
		assertThat(keys.match("")).isNull();
	}

	@Test
	void acceptsAKeyGivenAsItsSha256DigestInEitherCaseButNotTheDigestItself() throws NoSuchAlgorithmException {
		String digest = "sha256:" + SecretDigestHex.of("digest-key");
		for (String configured : List.of(digest, digest.toUpperCase().replace("SHA256:", "sha256:"))) {
			ApiKeys keys = keys(List.of(), List.of(configured));

			assertThat(keys.match("digest-key")).isEqualTo(new ApiKeys.Caller("read-key-1", Scope.READ, null));
			assertThat(keys.match(configured)).isNull();
		}
	}

	@Test
	void takesWhatOnlyLooksLikeADigestAsAPlainKey() {
		ApiKeys keys = keys(List.of("sha256:not-hex", "sha256:abcd"), List.of());

		assertThat(keys.match("sha256:not-hex")).isNotNull();
		assertThat(keys.match("sha256:abcd")).isNotNull();
	}

	@Test
	void accountKeysReadOnlyTheirAccountAndAreNamedAfterIt() throws NoSuchAlgorithmException {
		ApiKeys keys = keys(List.of("full-1"), List.of(),
				Map.of("east", List.of("east-1", "sha256:" + SecretDigestHex.of("east-2")), "west", List.of("west-1")));

		assertThat(keys.match("east-1")).isEqualTo(new ApiKeys.Caller("east-key-1", Scope.READ, "east"));
		assertThat(keys.match("east-2")).isEqualTo(new ApiKeys.Caller("east-key-2", Scope.READ, "east"));
		assertThat(keys.match(" west-1 ")).isEqualTo(new ApiKeys.Caller("west-key-1", Scope.READ, "west"));
		assertThat(keys.match("full-1")).isEqualTo(new ApiKeys.Caller("api-key-1", Scope.FULL, null));
	}

	@Test
	void accountKeysAloneAreEnoughKeysAndNoKeyAtAllIsRefusedUnlessOpen() {
		assertThat(keys(List.of(), List.of(), Map.of("east", List.of("east-1"))).match("east-1")).isNotNull();
		assertThatExceptionOfType(InvalidApiKeysException.class)
			.isThrownBy(() -> keys(List.of(), List.of(), Map.of("east", List.of())))
			.withMessageStartingWith("heymirror.api.keys is empty");
		assertThat(new ApiKeys(new ApiProperties(List.of(), List.of(), true, false, 60, Duration.ofSeconds(5)),
				new AccountsProperties(Map.of()))
			.isOpen()).isTrue();
	}

	@Test
	void refusesAnAccountKeyConfiguredTwiceInAnyFormNamingBothSettingsButNeverTheKey() throws NoSuchAlgorithmException {
		String digest = "sha256:" + SecretDigestHex.of("s3cr3t");
		assertThat(refused(List.of(), List.of(), Map.of("east", List.of("once", "s3cr3t"), "west", List.of(digest))))
			.isEqualTo("heymirror.accounts.west.api-keys[0] is the same key as heymirror.accounts.east.api-keys[1]: "
					+ "configure each key once, either bound to one account or in heymirror.api.*");
		assertThat(refused(List.of(), List.of("s3cr3t"), Map.of("east", List.of(" s3cr3t "))))
			.startsWith("heymirror.accounts.east.api-keys[0] is the same key as heymirror.api.read-keys[0]:");
		assertThat(refused(List.of(digest), List.of(), Map.of("east", List.of("s3cr3t"))))
			.startsWith("heymirror.accounts.east.api-keys[0] is the same key as heymirror.api.keys[0]:");
		assertThat(refused(List.of(), List.of(), Map.of("east", List.of("s3cr3t", "s3cr3t"))))
			.startsWith("heymirror.accounts.east.api-keys[1] is the same key as heymirror.accounts.east.api-keys[0]:");
	}

	@Test
	void leavesAKeyInBothUnboundListsAsItWas() {
		assertThat(keys(List.of("both"), List.of("both")).match("both")).isNotNull();
	}

	private static String refused(List<String> full, List<String> read, Map<String, List<String>> accountKeys) {
		try {
			keys(full, read, accountKeys);
		}
		catch (InvalidApiKeysException ex) {
			assertThat(ex.getMessage()).doesNotContain("s3cr3t").doesNotContain("\n");
			return ex.getMessage();
		}
		throw new AssertionError("not refused: " + accountKeys);
	}

	private static ApiKeys keys(List<String> full, List<String> read) {
		return keys(full, read, Map.of());
	}

	private static ApiKeys keys(List<String> full, List<String> read, Map<String, List<String>> accountKeys) {
		Map<String, AccountProperties> accounts = new TreeMap<>();
		accountKeys.forEach((name, keys) -> accounts.put(name, new AccountProperties(null, name + "-upstream-key", null,
				null, null, null, new AccountProperties.Sync(null, null, null), keys)));
		return new ApiKeys(new ApiProperties(full, read, false, false, 60, Duration.ofSeconds(5)),
				new AccountsProperties(accounts));
	}

	/** The hex SHA-256 of a text, as an operator computes it ({@code sha256sum}). */
	private static final class SecretDigestHex {

		static String of(String text) throws NoSuchAlgorithmException {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}

	}

}
