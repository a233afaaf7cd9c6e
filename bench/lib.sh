# Functions and settings bench/run.sh and its modes share. Sourced, not run.
# shellcheck shell=bash

# quick mode checks that the bench works, not its figures: C1 only, for faster JVM start-ups
JVM_OPTS=()
$QUICK && JVM_OPTS=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
SIM_RPM=3000        # the simulator's limit per sliding minute (P2)
BUDGET_RPM=2900     # Heymirror's budget, just under it
BUDGET_BURST=$((BUDGET_RPM / 50))              # its bucket's capacity (heymarket.RateBudget)
BUDGET_REFILL=$((BUDGET_RPM - BUDGET_BURST))   # and refill per minute
UNLIMITED_RPM=10000000
SIM_KEY=sim-key
API_KEY=bench-api-key
WEBHOOK_SECRET=whsec_YmVuY2gtd2ViaG9vay1zZWNyZXQtb2YtMzItYnl0ZXM=
CONCURRENCY=16      # wrk connections = pgbench clients (P4)
HEY_WORKERS=8

OUT=$ROOT/bench/out
WORK=$ROOT/target/bench
mkdir -p "$OUT" "$WORK"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
LOG=$OUT/run-$STAMP.log
: >"$LOG"

log() { echo "bench [$(date +%T)] $*" | tee -a "$LOG" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- processes we start, stopped on exit
PIDS=()
# every run has its own databases, dropped on exit: concurrent runs (CI and a full run) share one server
DB_PREFIX=heymirror_bench_$$
stop_pid() {
	local pid=$1 i
	kill -TERM "$pid" 2>/dev/null || return 0
	for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
	kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
	local pid db
	# this run's databases first, while the embedded server (if any) still runs
	if [ -n "${PGPORT:-}" ]; then
		for db in $(psql -d postgres -Atqc "select datname from pg_database where datname like '${DB_PREFIX}_%'" 2>/dev/null); do
			psql -d postgres -Atqc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
		done
	fi
	for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- JDK and tools
java_major() { "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print v[1]; exit}'; }
pick_jdk() {
	local candidate
	for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
		[ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
		if [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then echo "$candidate"; return 0; fi
	done
	return 1
}
JAVA_HOME=$(pick_jdk) || die "no JDK >= 21 found under /usr/lib/jvm"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"

need_packages=()
for tool in wrk hey jq curl psql; do
	command -v "$tool" >/dev/null || need_packages+=("$(case $tool in psql) echo postgresql-client ;; *) echo "$tool" ;; esac)")
done
if [ ${#need_packages[@]} -gt 0 ]; then
	log "installing ${need_packages[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null && apt-get install -y -qq "${need_packages[@]}" >/dev/null
fi
PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1 || true)
[ -n "$PGBENCH" ] || die "pgbench not found (it comes with the PostgreSQL server package)"

# ---------------------------------------------------------------- build
JAR=$(ls target/heymirror-*.jar 2>/dev/null | grep -v plain | head -1 || true)
if [ -z "$JAR" ] || [ -n "$(find src pom.xml -newer "$JAR" -print -quit)" ]; then
	log "building the jar"
	./mvnw -B -q -DskipTests package >>"$LOG" 2>&1 || die "build failed (see $LOG)"
	JAR=$(ls target/heymirror-*.jar | grep -v plain | head -1)
fi
if [ ! -s "$WORK/classpath.txt" ] || [ pom.xml -nt "$WORK/classpath.txt" ] || [ ! -d target/test-classes/io/heymirror/bench ]; then
	log "compiling the simulator and the bench mains"
	./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" \
		-Dmdep.includeScope=test >>"$LOG" 2>&1 || die "test-compile failed (see $LOG)"
	touch "$WORK/classpath.txt" # the plugin leaves an unchanged file untouched
fi
TEST_CP="target/test-classes:$(cat "$WORK/classpath.txt")"
# the bench mains and the simulator ride along the jar through PropertiesLauncher's loader.path
LOADER=$WORK/loader
rm -rf "$LOADER" && mkdir -p "$LOADER/io/heymirror"
cp -r target/test-classes/io/heymirror/bench target/test-classes/io/heymirror/simulator "$LOADER/io/heymirror/"
# (and P3's driver of the sync's package-private writer, in that package)
mkdir -p "$LOADER/io/heymirror/sync"
cp target/test-classes/io/heymirror/sync/WriterThroughput*.class "$LOADER/io/heymirror/sync/"
# (not "unzip | grep -q": with pipefail, grep's early exit can fail the pipeline)
if unzip -l "$JAR" | grep -c 'io/heymirror/ops/SyncEndpoint.class' >/dev/null; then
	TRIGGER=actuator
else
	TRIGGER=bench
fi

# ---------------------------------------------------------------- helpers
free_port() {
	local port
	while :; do
		port=$((20000 + RANDOM % 40000))
		(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
	done
}

# wait_for_line FILE PATTERN PID SECONDS: echoes the first matching line (callers empty FILE before they
# start PID: the redirection of a process started with & truncates it later, and an old run's line would match)
wait_for_line() {
	local file=$1 pattern=$2 pid=$3 deadline=$((SECONDS + $4)) line
	while [ $SECONDS -lt $deadline ]; do
		line=$(grep -m1 -E "$pattern" "$file" 2>/dev/null || true)
		[ -n "$line" ] && { echo "$line"; return 0; }
		kill -0 "$pid" 2>/dev/null || die "process $pid died (see $file)"
		sleep 0.2
	done
	die "timed out waiting for '$pattern' in $file"
}

start_database() {
	if [ "${BENCH_EMBEDDED:-}" != 1 ] && psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
		PGHOST=127.0.0.1 PGPORT=5432 DB_KIND="local PostgreSQL $(psql -h 127.0.0.1 -U postgres -d postgres -Atqc 'show server_version')"
	else
		log "no PostgreSQL on 127.0.0.1:5432: starting the embedded one"
		: >"$WORK/database.log"
		java -cp "$TEST_CP" io.heymirror.bench.BenchDatabase >"$WORK/database.log" 2>&1 &
		PIDS+=($!)
		local url
		url=$(wait_for_line "$WORK/database.log" '^JDBC_URL=' $! 120)
		PGHOST=localhost PGPORT=$(echo "$url" | sed -E 's#.*//[^:/]+:([0-9]+)/.*#\1#')
		DB_KIND="embedded PostgreSQL $(psql -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -Atqc 'show server_version')"
	fi
	export PGHOST PGPORT PGUSER=postgres
}

fresh_db() {
	psql -d postgres -Atq -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >/dev/null
}
sql() { psql -d "$1" -Atqc "$2"; }
jdbc_url() { echo "jdbc:postgresql://$PGHOST:$PGPORT/$1"; }

# start_sim NAME CONTACTS HEAP [flags...]: sets SIM_URL, SIM_PID
start_sim() {
	local name=$1 contacts=$2 heap=$3
	shift 3
	: >"$WORK/sim-$name.log"
	java "${JVM_OPTS[@]}" "-Xmx$heap" -cp "$TEST_CP" io.heymirror.simulator.SimulatorMain --port 0 --contacts "$contacts" \
		--api-key "$SIM_KEY" "$@" >"$WORK/sim-$name.log" 2>&1 &
	SIM_PID=$!
	PIDS+=($SIM_PID)
	SIM_URL=$(wait_for_line "$WORK/sim-$name.log" 'simulator ready at' $SIM_PID 300 | sed -E 's#.* at (http://[^ ]+) .*#\1#')
}

# start_service NAME DB STRATEGY RPM SHARED [ARGS...]: sets SVC_PID, SVC_PORT, TRIGGER_PORT; ARGS go to the service
start_service() {
	# deep stacks, so that the P4 profile sees each sample's request frames
	local name=$1 db=$2 strategy=$3 rpm=$4 shared=$5 main=io.heymirror.HeymirrorApplication
	shift 5
	local jvm=(-XX:FlightRecorderOptions=stackdepth=512)
	[ "$TRIGGER" = bench ] && main=io.heymirror.bench.BenchService
	[ "${BENCH_JFR:-}" = 1 ] && jvm+=("-XX:StartFlightRecording=filename=$OUT/$name-$STAMP.jfr,settings=profile")
	SVC_PORT=$(free_port)
	TRIGGER_PORT=$(free_port)
	: >"$WORK/svc-$name.log"
	DATABASE_URL=$(jdbc_url "$db") DATABASE_USERNAME=postgres DATABASE_PASSWORD= \
		HEYMARKET_BASE_URL=$SIM_URL HEYMARKET_API_KEY=$SIM_KEY HEYMIRROR_API_KEYS=$API_KEY \
		HEYMARKET_REQUESTS_PER_MINUTE=$rpm HEYMARKET_SHARED_BUDGET=$shared BENCH_TRIGGER_PORT=$TRIGGER_PORT \
		java "${JVM_OPTS[@]}" "${jvm[@]}" -Dloader.path="$LOADER" -Dloader.main=$main -cp "$JAR" \
		org.springframework.boot.loader.launch.PropertiesLauncher \
		--server.port="$SVC_PORT" --heymirror.sync.enabled=false --heymirror.sync.strategy="$strategy" \
		--logging.level.io.heymirror.sync.PipelinedWriter=debug "$@" \
		>"$WORK/svc-$name.log" 2>&1 &
	SVC_PID=$!
	PIDS+=($SVC_PID)
	wait_for_line "$WORK/svc-$name.log" 'Started [A-Za-z]+ in' $SVC_PID 180 >/dev/null
	[ "$TRIGGER" = actuator ] || wait_for_line "$WORK/svc-$name.log" 'Bench sync trigger on' $SVC_PID 30 >/dev/null
}

stop_service() { stop_pid "$SVC_PID"; }

trigger_full_sync() {
	if [ "$TRIGGER" = actuator ]; then
		curl -fsS -X POST -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' \
			-d '{"mode":"full"}' "http://127.0.0.1:$SVC_PORT/actuator/sync" >/dev/null
	else
		curl -fsS -X POST -d '{"mode":"full"}' "http://127.0.0.1:$TRIGGER_PORT/sync" >/dev/null
	fi
}

# wait_sync DB SECONDS: waits for the latest run to end; echoes "outcome seconds upstream_count requests throttled"
wait_sync() {
	local db=$1 deadline=$((SECONDS + $2)) row
	while [ $SECONDS -lt $deadline ]; do
		row=$(sql "$db" "select outcome, extract(epoch from ended_at - started_at), coalesce(upstream_count, 0),
			requests, throttled from sync_run where ended_at is not null order by id desc limit 1" 2>/dev/null || true)
		if [ -n "$row" ]; then echo "$row" | tr '|' ' '; return 0; fi
		kill -0 "$SVC_PID" 2>/dev/null || die "service died during the sync"
		sleep 0.5
	done
	die "sync did not finish within $2 s"
}

# writer_stats NAME: the writer's summary of the service's last walk ("N pages (C contacts) in T transactions,
# busy B ms, ..."), from its log
writer_stats() { { grep -o 'Writer: .*' "$WORK/svc-$1.log" || true; } | tail -1 | sed 's/^Writer: //'; }

# pager STRATEGY[,STRATEGY] MODE[,MODE]: the P1 limits (mode copy: pages COPYed into PostgreSQL as they
# arrive; bare: pages thrown away); sets PAGER_RATE[strategy/mode]
pager() {
	local out line key
	fresh_db ${DB_PREFIX}_pager
	out=$(DATABASE_URL=$(jdbc_url ${DB_PREFIX}_pager) DATABASE_USERNAME=postgres DATABASE_PASSWORD= \
		HEYMARKET_BASE_URL=$SIM_URL HEYMARKET_API_KEY=$SIM_KEY HEYMIRROR_API_KEYS=$API_KEY \
		HEYMARKET_REQUESTS_PER_MINUTE=$UNLIMITED_RPM HEYMARKET_SHARED_BUDGET=false \
		java "${JVM_OPTS[@]}" -Dloader.path="$LOADER" -Dloader.main=io.heymirror.bench.BarePager -cp "$JAR" \
		org.springframework.boot.loader.launch.PropertiesLauncher "$1" "$2" 2>>"$LOG" | tee -a "$LOG" | grep '^PAGER')
	while read -r line; do
		key=$(echo "$line" | sed -E 's/.* strategy=([^ ]+) mode=([^ ]+).*/\1\/\2/')
		PAGER_RATE[$key]=$(echo "$line" | sed -E 's/.* rate=([0-9.]+).*/\1/')
		log "P1 $key: $line"
	done <<<"$out"
}

# upsert_vs_copy OUTFILE [SPRING ARGS...]: the P3 measurement (its own database, simulator and context)
upsert_vs_copy() {
	local out=$1
	shift
	fresh_db ${DB_PREFIX}_upsert
	DATABASE_URL=$(jdbc_url ${DB_PREFIX}_upsert) DATABASE_USERNAME=postgres DATABASE_PASSWORD= \
		HEYMIRROR_API_KEYS=$API_KEY java "${JVM_OPTS[@]}" -Dloader.path="$LOADER" \
		-Dloader.main=io.heymirror.bench.UpsertVsCopy -cp "$JAR" org.springframework.boot.loader.launch.PropertiesLauncher \
		"$N_UPSERT" "$@" >"$out" 2>>"$LOG"
}
# writer_rate OUTFILE PAGE: rows/s of the writer's WRITER line for pages of PAGE in upsert_vs_copy's output
writer_rate() { awk -v p="page=$2" '$1 == "WRITER" && $2 == p {sub("rate=", "", $5); print $5}' "$1"; }

# wrk_rps OUTFILE SECONDS URL [wrk args...]: requests/s of wrk, -c CONCURRENCY; fails on a non-2xx answer
wrk_rps() {
	local out=$1 seconds=$2 url=$3
	shift 3
	wrk -t2 -c$CONCURRENCY -d"${seconds}s" "$@" "$url" >"$out"
	grep -q 'Non-2xx' "$out" && die "wrk saw non-2xx answers: $(cat "$out")"
	awk '/^Requests\/sec:/ {print $2}' "$out"
}

# hey_p99 OUTFILE RATE URL: p99 in ms of hey holding RATE req/s with HEY_WORKERS workers; fails on a non-200
hey_p99() {
	local out=$1 rate=$2 url=$3 per_worker
	per_worker=$(calc "($rate / $HEY_WORKERS) < 1 ? 1 : int($rate / $HEY_WORKERS)")
	hey -z "${LOAD_SECONDS}s" -c $HEY_WORKERS -q "$per_worker" -o csv -H "Authorization: Bearer $API_KEY" "$url" >"$out"
	hey_latency "$out" 99
}

# hey_percentile OUTFILE PERCENT URL: that percentile in ms of one hey client for LOAD_SECONDS; fails on a non-200
hey_percentile() {
	hey -z "${LOAD_SECONDS}s" -c 1 -o csv -H "Authorization: Bearer $API_KEY" "$3" >"$1"
	hey_latency "$1" "$2"
}

# hey_latency OUTFILE PERCENT: that percentile in ms of a hey CSV report (every request's time; hey's own summary
# leaves percentiles out when it has few samples); fails unless every answer was a 200
hey_latency() {
	awk -F, 'NR > 1 && $7 != 200 {bad++} END {exit bad > 0}' "$1" || die "hey saw answers other than 200 (see $1)"
	awk -F, 'NR > 1 {print $1 * 1000}' "$1" | sort -n | awk -v p="$2" '{v[NR] = $1} END {i = int(NR * p / 100 + 0.999); print v[i < 1 ? 1 : i]}'
}

# hey_rate OUTFILE: requests/s of a hey CSV report (requests over the last one's start offset)
hey_rate() { awk -F, 'NR > 1 {n++; if ($8 > t) t = $8} END {printf "%.1f", n / t}' "$1"; }

# profile NAME URL [wrk args...]: a JFR recording of the service under wrk, split by RequestProfile into
# PROFILE[NAME/part] (samples per 1,000 requests)
profile() {
	local name=$1 url=$2 file=$WORK/profile-$1.jfr requests line part samples
	shift 2
	jcmd "$SVC_PID" JFR.start name="$name" settings=profile >/dev/null
	wrk -t2 -c$CONCURRENCY -d"${LOAD_SECONDS}s" "$@" "$url" >"$WORK/wrk-profile-$name.txt"
	jcmd "$SVC_PID" JFR.stop name="$name" filename="$file" >/dev/null
	requests=$(awk '/requests in/ {print $1}' "$WORK/wrk-profile-$name.txt")
	while read -r line; do
		part=$(echo "$line" | sed -E 's/.*part=([A-Z_]+).*/\1/')
		samples=$(echo "$line" | sed -E 's/.*samples=([0-9]+).*/\1/')
		PROFILE[$name/$part]=$(calc "$samples * 1000 / $requests")
	done < <(java -cp "$TEST_CP" io.heymirror.bench.RequestProfile "$file" | grep '^PROFILE')
}

# read_path DB: P4 on the service's mirror of N_SYNC contacts
read_path() {
	local url="http://127.0.0.1:$SVC_PORT" byid ceiling half
	export BENCH_MAX_ID=$N_SYNC BENCH_API_KEY=$API_KEY
	byid=(-s bench/random-id.lua)
	ceiling=(-H "Authorization: Bearer $API_KEY")
	wrk_rps "$WORK/wrk-warmup.txt" "$WARMUP_SECONDS" "$url" "${byid[@]}" >/dev/null
	wrk_rps "$WORK/wrk-warmup.txt" "$WARMUP_SECONDS" "$url/api/bench/ceiling" "${ceiling[@]}" >/dev/null
	API_RPS=$(wrk_rps "$WORK/wrk.txt" "$LOAD_SECONDS" "$url" "${byid[@]}")
	CEILING_RPS=$(wrk_rps "$WORK/wrk-ceiling.txt" "$LOAD_SECONDS" "$url/api/bench/ceiling" "${ceiling[@]}")
	# the yardstick must be the service's own lookup: a script that drifted from its query (say, without the
	# account of the primary key) scans the table and makes every ratio against it meaningless
	grep -v -e '^\\set' -e '^--' bench/point-select.sql | sed "s/:id/$((N_SYNC / 2))/; 1s/^/EXPLAIN /" | psql -d "$1" -Atq \
		>"$WORK/point-select-plan.txt" 2>&1 || die "EXPLAIN of bench/point-select.sql failed: $(cat "$WORK/point-select-plan.txt")"
	grep -q 'contact_pkey' "$WORK/point-select-plan.txt" \
		|| die "bench/point-select.sql does not use the primary key, so it is not the service's lookup: $(cat "$WORK/point-select-plan.txt")"
	"$PGBENCH" -n -M prepared -c $CONCURRENCY -j 2 -T "$LOAD_SECONDS" -D maxid="$N_SYNC" -f bench/point-select.sql "$1" \
		>"$WORK/pgbench.txt" 2>&1 || die "pgbench failed: $(cat "$WORK/pgbench.txt")"
	DB_TPS=$(awk '/^tps = / {print $3; exit}' "$WORK/pgbench.txt")
	HALF_RATE=$(calc "int($API_RPS / 2)")
	HEY_P99=$(hey_p99 "$WORK/hey.txt" "$HALF_RATE" "$url/api/contacts/$((N_SYNC / 2))")
	HEY_RPS=$(hey_rate "$WORK/hey.txt")
	CEILING_P99=$(hey_p99 "$WORK/hey-ceiling.txt" "$HALF_RATE" "$url/api/bench/ceiling")
	# the profile runs each endpoint once more under JFR: a full run's figure (quick mode has no time for it)
	if ! $QUICK; then
		profile byid "$url" "${byid[@]}"
		profile ceiling "$url/api/bench/ceiling" "${ceiling[@]}"
	fi
	log "P4: by id $API_RPS req/s, ceiling $CEILING_RPS req/s, pgbench $DB_TPS tps; p99 $HEY_P99 ms (ceiling $CEILING_P99 ms) at $HEY_RPS req/s"
}

# P6's fixed searches: label, q, target, and what share of the generated contacts it matches (the simulator's
# names: 30 first names x 25 last names; the share is measured on the mirror and printed). The last name
# (about 4%) is between the search's two bounded plans.
SEARCHES=("no match|Qzxw|≤ 20 ms" "~0.1%|Ana Smith|≤ 20 ms" "~4%|Smith|report" "~10%|ia|report")

# change_feed DB: P7's feed figures on the service's mirror (its log holds the sync's changes): FEED_RATE, FEED_EVENTS
# (a consumer reading it all at limit=1000), LOG_COPY_RATE (the same rows straight out of PostgreSQL); empty
# when the mirror has no change log
change_feed() {
	local db=$1 line started rows
	FEED_RATE="" FEED_EVENTS="" LOG_COPY_RATE=""
	[ -n "$(sql "$db" "select to_regclass('contact_change')")" ] || return 0
	line=$(java -cp "$TEST_CP" io.heymirror.bench.ChangeFeedReader "http://127.0.0.1:$SVC_PORT" "$API_KEY" 2>>"$LOG" \
		| grep '^FEED') || die "the change feed reader failed (see $LOG)"
	FEED_RATE=$(echo "$line" | sed -E 's/.* rate=([0-9.]+).*/\1/')
	FEED_EVENTS=$(echo "$line" | sed -E 's/.* events=([0-9]+).*/\1/')
	rows=$(sql "$db" "select count(*) from contact_change")
	started=$(date +%s.%N)
	psql -d "$db" -Atqc "COPY (SELECT * FROM contact_change) TO STDOUT" >/dev/null
	LOG_COPY_RATE=$(calc "$rows / ($(date +%s.%N) - $started)")
	log "P7: $line; COPY of the $rows log rows: $LOG_COPY_RATE rows/s"
}

# webhook_lag: P7's webhook delivery lag row. A fresh database; the service with one subscriber pointed at the
# receiver of io.heymirror.bench.WebhookLag, which commits changes to the log at 100/s and times each from its
# commit to its receipt. A change never received counts as a miss.
webhook_lag() {
	local db=${DB_PREFIX}_webhook port line p99 missing
	fresh_db "$db"
	port=$(free_port)
	start_service p7-webhook "$db" v1-cursor $UNLIMITED_RPM false \
		--heymirror.changes.webhooks.bench.url="http://127.0.0.1:$port/hooks" \
		--heymirror.changes.webhooks.bench.secret="$WEBHOOK_SECRET"
	line=$(java -cp "$TEST_CP" io.heymirror.bench.WebhookLag "$port" "$(jdbc_url "$db")" 100 "$RATE_SECONDS" \
		"$WARMUP_SECONDS" 2>>"$LOG" | grep '^WEBHOOK') || die "the webhook lag bench failed (see $LOG)"
	stop_service
	log "P7: $line"
	p99=$(echo "$line" | sed -E 's/.* p99_ms=([^ ]+).*/\1/')
	missing=$(echo "$line" | sed -E 's/.* missing=([0-9]+).*/\1/')
	row "P7" "webhook delivery lag p99, commit to receipt by a local receiver, 100 changes/s for $RATE_SECONDS s" \
		"$p99 ms" "–" "–" "–" "≤ 1 s" "$(verdict "$missing == 0 && $p99 <= 1000")" \
		"p50 $(echo "$line" | sed -E 's/.* p50_ms=([^ ]+).*/\1/') ms, max $(echo "$line" | sed -E 's/.* max_ms=([^ ]+).*/\1/') ms, $missing never received"
}

# in_background FILE FUNCTION: quick mode's overlap of a step with others. Runs FUNCTION in a subshell that stops
# its own processes (a subshell does not inherit the EXIT trap) and writes the rows it added to FILE; sets
# BACKGROUND_PID. background_rows PID FILE waits for it and adds those rows where the step's rows belong.
in_background() {
	local file=$1 function=$2
	(
		PIDS=() ROWS=()
		trap 'for pid in "${PIDS[@]}"; do stop_pid "$pid"; done' EXIT
		trap 'exit 130' INT TERM
		"$function"
		printf '%s\n' "${ROWS[@]}" >"$file"
	) &
	BACKGROUND_PID=$!
	PIDS+=($BACKGROUND_PID)
}
background_rows() {
	local rows
	wait "$1" || die "a step run in the background failed (see $LOG)"
	mapfile -t rows <"$2"
	ROWS+=("${rows[@]}")
}

# kafka_sink DB: P7's Kafka figure on P1's mirror (its log holds the sync's changes): the embedded KRaft broker in
# its own JVM (io.heymirror.bench.KafkaSinkThroughput), then the service (sync off) with its Kafka sink on, which
# starts at the oldest change and publishes the whole log; the broker side times it from the first record to the
# last. Sets KAFKA_RATE, KAFKA_EVENTS
kafka_sink() {
	local db=$1 events pid bootstrap line
	KAFKA_RATE="" KAFKA_EVENTS=""
	[ -n "$(sql "$db" "select to_regclass('contact_change')")" ] || return 0
	# the events the sink is served: the log less entries superseded by a newer version positioned before them
	events=$(sql "$db" "select count(*) from contact_change c where not exists (select 1 from contact_change s
		where s.account = c.account and s.contact_id = c.contact_id and s.version > c.version and s.txid < c.txid)")
	: >"$WORK/kafka.log"
	java "${JVM_OPTS[@]}" -cp "$TEST_CP" io.heymirror.bench.KafkaSinkThroughput bench.changes "$events" 900 \
		>"$WORK/kafka.log" 2>&1 &
	pid=$!
	PIDS+=($pid)
	bootstrap=$(wait_for_line "$WORK/kafka.log" '^KAFKA_BOOTSTRAP=' $pid 180 | sed 's/^KAFKA_BOOTSTRAP=//')
	start_service p7-kafka "$db" v1-cursor $UNLIMITED_RPM false --heymirror.changes.kafka.topic=bench.changes \
		--spring.kafka.bootstrap-servers="$bootstrap"
	line=$(wait_for_line "$WORK/kafka.log" '^KAFKA records=' $pid 900)
	stop_service
	stop_pid "$pid"
	KAFKA_RATE=$(echo "$line" | sed -E 's/.* rate=([0-9.]+).*/\1/')
	KAFKA_EVENTS=$(echo "$line" | sed -E 's/.* records=([0-9]+).*/\1/')
	log "P7: Kafka sink: $line"
}

# search_plan DB PATTERN OUTFILE: EXPLAIN ANALYZE of P6's statements (bench/search.sql) for PATTERN: the walk, and
# the matches sorted out of the index with the plan settings the service uses for them
search_plan() {
	local q step
	q=$(echo "$2" | sed "s/'/''/g")
	: >"$3"
	for step in walk matches plain; do
		{
			echo "BEGIN;"
			[ $step = matches ] && grep '^SET LOCAL' "$ROOT/bench/search.sql"
			echo "EXPLAIN (ANALYZE, BUFFERS)"
			sed -n "/^-- $step\$/,/^-- end\$/p" "$ROOT/bench/search.sql" | sed -e '/^--/d' -e "s/:q/'$q'/g"
			echo ";"
			echo "COMMIT;"
		} | psql -d "$1" -Atq >>"$3" 2>&1 || true
	done
}

# search_rows DB: P6 on the service's mirror; adds one row per search
search_rows() {
	local db=$1 url="http://127.0.0.1:$SVC_PORT" trigram live entry label q pattern share p95 limit_p95 ratio encoded target
	local result plan
	# right after the backfill, for the log: the first search before autovacuum has run
	search_plan "$db" "%Qzxw%" "$WORK/explain-search-before-vacuum.txt"
	log "P6 before VACUUM, q=Qzxw: $(grep -E 'Execution Time' "$WORK/explain-search-before-vacuum.txt")"
	# the state autovacuum leaves after a backfill: statistics, and the GIN index's pending list merged
	sql "$db" "VACUUM ANALYZE contact"
	trigram=$(sql "$db" "select count(*) from pg_indexes where tablename = 'contact' and indexdef like '%gin_trgm_ops%'")
	[ "$trigram" -gt 0 ] && trigram="trigram index present" || trigram="no trigram index (its migration has not landed): sequential scans"
	live=$(sql "$db" "select count(*) from contact where deleted_at is null")
	for entry in "${SEARCHES[@]}"; do
		IFS='|' read -r label q target <<<"$entry"
		pattern="%$q%"
		share=$(sql "$db" "select count(*) from contact where deleted_at is null and (display_name ilike '$pattern'
			or first_name ilike '$pattern' or last_name ilike '$pattern')")
		share=$(calc "100 * $share / $live")
		encoded=$(jq -rn --arg q "$q" '$q | @uri')
		hey -z "${WARMUP_SECONDS}s" -c 1 -H "Authorization: Bearer $API_KEY" "$url/api/contacts?q=$encoded&limit=50" >/dev/null
		p95=$(hey_percentile "$WORK/hey-search.txt" 95 "$url/api/contacts?q=$encoded&limit=50")
		rm -f "$WORK"/pgbench_log.*
		(cd "$WORK" && "$PGBENCH" -n -M prepared -c 1 -T "$LOAD_SECONDS" -D "q=$pattern" -f "$ROOT/bench/search.sql" -l "$db" \
			>"$WORK/pgbench-search.txt" 2>&1) || die "pgbench failed: $(cat "$WORK/pgbench-search.txt")"
		limit_p95=$(cat "$WORK"/pgbench_log.* | awk '{print $3 / 1000}' | sort -n | awk '{v[NR] = $1} END {print v[int(NR * 0.95 + 0.999)]}')
		# the plan behind the figure, for the log
		plan=$WORK/explain-search-${label//[^a-z0-9]/}.txt
		search_plan "$db" "$pattern" "$plan"
		log "P6 q=$q plan: $(grep -E 'Scan|Execution Time' "$plan" | sed -E 's/ +/ /g' | tr '\n' ';')"
		ratio=$(calc "$p95 / $limit_p95")
		if [ "$target" = report ]; then result="–"; else result=$(verdict "$p95 <= 20"); fi
		log "P6 q=$q ($share% of $live): p95 $p95 ms, the same SQL in pgbench $limit_p95 ms; $trigram"
		row "P6 $label" "GET /api/contacts?q=$q&limit=50 p95, one client, $(fmt "$live") contacts (matches $(printf %.2f "$share")%)" \
			"$(printf %.1f "$p95") ms" "$(printf %.1f "$limit_p95") ms" \
			"the same SQL (bench/search.sql) in pgbench -M prepared, one client: p95" "$(printf %.2f "$ratio")" "$target" \
			"$result" "$trigram"
	done
}

vm_hwm_kib() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }
# live_heap_kib PID: the heap in use right after a full GC (what the process holds, as against what the
# collector has grown the heap to, which RSS follows)
live_heap_kib() {
	jcmd "$1" GC.run >/dev/null
	jcmd "$1" GC.heap_info | awk '/ heap +total/ {for (i = 1; i <= NF; i++) if ($i == "used") {sub("K", "", $(i + 1)); print $(i + 1); exit}}'
}

calc() { awk "BEGIN { printf \"%s\", $1 }"; }
# thousands separated with commas, whatever the locale
fmt() { printf "%.0f" "$1" | sed -E ':a; s/^([0-9]+)([0-9]{3})/\1,\2/; ta'; }
verdict() { awk "BEGIN { exit !($1) }" && echo pass || echo miss; }

ROWS=()
# row ROW MEASURE HEYMIRROR LIMIT LIMIT_MEASURED_BY RATIO TARGET RESULT SECOND_LIMIT
row() { ROWS+=("| $1 | $2 | $3 | $4 | $5 | $6 | $7 | $8 | $9 |"); }
# a row whose measurement does not exist yet
pending() { row "$1" "$2" "not measured yet" "–" "$3" "–" "$4" "–" "–"; }
# lines printed under the table (a mode's own breakdown)
EXTRA=()
declare -A PROFILE=()

# ---------------------------------------------------------------- report
# report: prints the table (and the P4 profile, when measured) and writes it to bench/out/
report() {
	local load_after mem_gib file part byid ceiling
	load_after=$(cut -d' ' -f1-3 /proc/loadavg)
	mem_gib=$(awk '/^MemTotal:/ {printf "%.0f", $2 / 1048576}' /proc/meminfo)
	file=$OUT/results-$STAMP.md
	{
		echo "Heymirror bench ($MODE), $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
		echo "Machine: $(nproc) cores, $mem_gib GiB, load average $LOAD_BEFORE before / $load_after after;" \
			"JDK $(java_major "$JAVA_HOME"); $DB_KIND; $((SECONDS - STARTED)) s"
		if [ ${#ROWS[@]} -gt 0 ]; then
			echo
			echo "| Row | Measure | Heymirror | Limit | Limit measured by | Ratio | Target | Result | Second limit |"
			echo "| --- | --- | ---: | ---: | --- | ---: | --- | --- | --- |"
			printf '%s\n' "${ROWS[@]}"
		fi
		if [ ${#PROFILE[@]} -gt 0 ]; then
			echo
			echo "P4 profile: where request handling spends its CPU (JFR execution samples per 1,000 requests under wrk," \
				"each sample given to the part running its innermost non-JDK frame; bench/lib.sh profile())"
			echo
			echo "| Part | GET /api/contacts/{id} | ceiling | difference |"
			echo "| --- | ---: | ---: | ---: |"
			for part in JDBC JSON SECURITY OBSERVATIONS HEYMIRROR SPRING_MVC TOMCAT LOGGING OTHER OUTSIDE_REQUESTS; do
				byid=${PROFILE[byid/$part]:-0} ceiling=${PROFILE[ceiling/$part]:-0}
				printf '| %s | %.1f | %.1f | %.1f |\n' "$part" "$byid" "$ceiling" "$(calc "$byid - $ceiling")"
			done
		fi
		if [ ${#EXTRA[@]} -gt 0 ]; then
			echo
			printf '%s\n' "${EXTRA[@]}"
		fi
	} >"$file"
	cp "$file" "$OUT/latest-$MODE.md"
	cat "$file"
}
