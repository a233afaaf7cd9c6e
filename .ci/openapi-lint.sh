#!/usr/bin/env bash
# Lints the OpenAPI document clients get (/v3/api-docs) with Redocly's recommended rules, and fails on any error and
# on any warning but one: info-license. Heymirror publishes no license, so the document has none to name; every
# other rule (security declared on every operation, public ones with `security: []`, a documented 4xx on every
# operation, no ambiguous paths, valid examples) must pass, so that a regression fails CI.
#
# The document comes from target/openapi/api-docs.json, which OpenApiTests writes during `./mvnw verify`; without
# it, this runs that one test. @redocly/cli is installed, at a pinned version, into target/openapi-lint (not
# globally) from the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."

REDOCLY_VERSION=2.77.0
DOCUMENT=target/openapi/api-docs.json
TOOLS=target/openapi-lint

if [ ! -s "$DOCUMENT" ]; then
	echo "openapi-lint: $DOCUMENT missing, running OpenApiTests to write it"
	./mvnw -q -B test -Dtest=OpenApiTests -Dsurefire.failIfNoSpecifiedTests=false
fi

if [ ! -x "$TOOLS/node_modules/.bin/redocly" ]; then
	echo "openapi-lint: installing @redocly/cli@$REDOCLY_VERSION into $TOOLS"
	mkdir -p "$TOOLS"
	# Node trusts only its own CA list; where the registry is reached through a TLS-inspecting proxy, the
	# system's list (which carries the proxy's CA) is what verifies it
	if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -r /etc/ssl/certs/ca-certificates.crt ]; then
		export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
	fi
	npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error "@redocly/cli@$REDOCLY_VERSION" >/dev/null
fi

REPORT="$TOOLS/report.json"
# redocly exits non-zero on errors; the verdict below is ours, so both outcomes are read from the report
"$TOOLS/node_modules/.bin/redocly" lint "$DOCUMENT" --extends recommended --format=json >"$REPORT" 2>/dev/null || true

node - "$REPORT" <<'JS'
const report = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
const allowed = (p) => p.ruleId === 'info-license' && p.severity === 'warn';
const problems = report.problems.filter((p) => !allowed(p));
for (const p of problems) {
	const where = (p.location && p.location[0]) ? p.location[0].pointer : '';
	console.error(`openapi-lint: ${p.severity} ${p.ruleId} at ${where}: ${p.message}`);
}
if (problems.length > 0) {
	console.error(`openapi-lint: ${problems.length} problem(s) in /v3/api-docs`);
	process.exit(1);
}
console.log(`openapi-lint: /v3/api-docs passes Redocly's recommended rules (${report.totals.warnings} warning: `
	+ 'info-license, as Heymirror publishes no license)');
JS
