#!/usr/bin/env bash
# Heymirror benchmark: Heymirror's speed next to the limits it runs against, measured in the same run.
#
#   bench/run.sh           full run (100,000 / 200,000 / 1,000,000 contacts; about 15 minutes on 2 cores)
#   bench/run.sh --quick   every row at a tenth of the size or less (CI smoke test: exits 0 when targets are
#                          missed, non-zero only when the bench itself breaks)
#   bench/run.sh --writer  where the sync's writer spends its time: P1's syncs with every statement's
#                          server time logged (the PostgreSQL server on 127.0.0.1:5432 only)
#   bench/run.sh --scale   the 5,000,000-contact run (bench/scale.sh): backfill, memory, disk, no-change runs
#
# Prints one markdown table and writes it to bench/out/. Uses the PostgreSQL server on 127.0.0.1:5432
# (trust auth, user postgres) when one answers, else the tests' embedded PostgreSQL; the Heymarket
# simulator (test sources) in its own JVM; the service from the jar in its own JVM.
# Every row prints its limit and how that limit was measured; bench/README.md documents each row.
# Environment: BENCH_EMBEDDED=1 forces the embedded PostgreSQL; BENCH_JFR=1 records a JFR profile of
# every service run into bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

MODE=full
case "${1:-}" in
	--quick) MODE=quick ;;
	--writer) MODE=writer ;;
	--scale) MODE=scale ;;
	"") ;;
	*) echo "usage: bench/run.sh [--quick|--writer|--scale]" >&2; exit 2 ;;
esac
QUICK=false
[ $MODE = quick ] && QUICK=true

if $QUICK; then
	N_SYNC=10000 N_UPSERT=20000 N_BIG=50000 N_RATE=60000 RATE_SECONDS=5 LOAD_SECONDS=2 WARMUP_SECONDS=1
else
	N_SYNC=100000 N_UPSERT=200000 N_BIG=1000000 N_RATE=400000 RATE_SECONDS=60 LOAD_SECONDS=20 WARMUP_SECONDS=5
fi

# shellcheck source=bench/lib.sh
source bench/lib.sh
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED=$SECONDS
start_database
log "mode $MODE, database: $DB_KIND, sync trigger: $TRIGGER, jar: $JAR"

case $MODE in
	writer)
		# shellcheck source=bench/writer.sh
		source bench/writer.sh
		report
		exit 0
		;;
	scale)
		# shellcheck source=bench/scale.sh
		source bench/scale.sh
		report
		exit 0
		;;
esac

# ---------------------------------------------------------------- the rows
# P5: peak RSS after a backfill of N_BIG contacts, fresh process and database; then P6: search on that mirror
big_mirror_rows() {
	local db=${DB_PREFIX}_big outcome secs count hwm live ratio
	start_sim p5 "$N_BIG" "$([ $N_BIG -ge 500000 ] && echo 6g || echo 2g)"
	fresh_db "$db"
	start_service p5 "$db" v1-cursor $UNLIMITED_RPM false
	trigger_full_sync
	read -r outcome secs count _ _ < <(wait_sync "$db" 3600)
	[ "$outcome" = SUCCEEDED ] && [ "$count" -eq "$N_BIG" ] || die "P5 sync: $outcome, $count contacts"
	hwm=$(vm_hwm_kib "$SVC_PID")
	live=$(live_heap_kib "$SVC_PID")
	log "P5: $count contacts in $secs s; VmHWM $hwm KiB (small: $HWM_SMALL KiB); heap after a full GC $live KiB (small: $LIVE_SMALL KiB)"
	ratio=$(calc "$hwm / $HWM_SMALL")
	row "P5" "peak RSS (VmHWM) after a backfill of $(fmt $N_BIG) contacts" "$(calc "int($hwm / 1024)") MiB" \
		"$(calc "int($HWM_SMALL / 1024)") MiB" "the same after the $(fmt $N_SYNC)-contact sync of P1" "$(printf %.2f "$ratio")" \
		"≤ 1.2" "$(verdict "$ratio <= 1.2")" \
		"heap in use after a full GC: $(calc "int($live / 1024)") MiB against $(calc "int($LIVE_SMALL / 1024)") MiB ($(printf %.2f "$(calc "$live / $LIVE_SMALL")"))"
	# (after P5's figure is taken)
	search_rows "$db"
	stop_service
	stop_pid "$SIM_PID"
}

# quick mode overlaps P3 with P1 and P2 (figures do not count there; full runs keep every row alone)
if $QUICK; then
	upsert_vs_copy "$WORK/upsert.txt" &
	P3_PID=$!
	PIDS+=($P3_PID)
fi

# P1 + P4 + P5 (small): one simulator with N_SYNC contacts, no rate limit
start_sim p1 "$N_SYNC" 2g
declare -A SYNC_RATE PAGER_RATE
# the simulator's JIT warms up during its first walks: one walk per strategy first, not counted, so that the first
# sync measured (with the change log) does not wait on a colder simulator than the pagers and P7's sync without the
# log that follow it (a writer kept waiting on pages commits more, smaller groups)
if ! $QUICK; then
	log "P1: warming the simulator up (one walk per strategy, not counted)"
	pager v1-cursor,v2-keyset bare
fi
for strategy in v1-cursor v2-keyset; do
	db=${DB_PREFIX}_${strategy//-/_}
	fresh_db "$db"
	start_service "p1-$strategy" "$db" "$strategy" $UNLIMITED_RPM false
	trigger_full_sync
	read -r outcome secs count _ _ < <(wait_sync "$db" 1800)
	[ "$outcome" = SUCCEEDED ] && [ "$count" -eq "$N_SYNC" ] || die "P1 $strategy sync: $outcome, $count contacts"
	SYNC_RATE[$strategy]=$(calc "$count / $secs")
	log "P1 $strategy: full sync of $count contacts in $secs s; writer: $(writer_stats "p1-$strategy")"
	if [ "$strategy" = v1-cursor ]; then
		HWM_SMALL=$(vm_hwm_kib "$SVC_PID")
		LIVE_SMALL=$(live_heap_kib "$SVC_PID")
		read_path "$db"
		change_feed "$db"
	fi
	stop_service
	if [ "$strategy" = v1-cursor ]; then kafka_sink "$db"; fi
	# full runs give each pager walk a cold JVM, like the sync it is compared with
	if ! $QUICK; then
		pager "$strategy" copy
		pager "$strategy" bare
	fi
done
# P7: the v1-cursor sync again without the change log (full runs only: CI's quick mode has no time for it)
NOLOG_RATE=""
if ! $QUICK; then
	db=${DB_PREFIX}_nolog
	fresh_db "$db"
	start_service p1-nolog "$db" v1-cursor $UNLIMITED_RPM false --heymirror.changes.enabled=false
	trigger_full_sync
	read -r outcome secs count _ _ < <(wait_sync "$db" 1800)
	[ "$outcome" = SUCCEEDED ] && [ "$count" -eq "$N_SYNC" ] || die "P7 sync without the log: $outcome, $count contacts"
	NOLOG_RATE=$(calc "$count / $secs")
	log "P7: full sync of $count contacts without the change log in $secs s; writer: $(writer_stats p1-nolog)"
	stop_service
fi
if $QUICK; then pager v1-cursor,v2-keyset copy,bare; fi
stop_pid "$SIM_PID"
for strategy in v1-cursor v2-keyset; do
	copy=${PAGER_RATE[$strategy/copy]} bare=${PAGER_RATE[$strategy/bare]}
	ratio=$(calc "${SYNC_RATE[$strategy]} / $copy")
	row "P1 $strategy" "full sync of $(fmt $N_SYNC), contacts/s" "$(fmt "${SYNC_RATE[$strategy]}")" "$(fmt "$copy")" \
		"the same pages walked by the service's client, each COPYed into PostgreSQL as it arrives (same run)" \
		"$(printf %.2f "$ratio")" "≥ 0.8" "$(verdict "$ratio >= 0.8")" \
		"bare pager (pages thrown away) $(fmt "$bare")/s: $(printf %.2f "$(calc "${SYNC_RATE[$strategy]} / $bare")")"
done

# P2: the simulator limits to SIM_RPM per sliding minute; Heymirror's (shared) budget is BUDGET_RPM
declare -A RATE_CONTACTS
# quick mode overlaps P7's webhook row, P5 and P6 with P2, which mostly waits on its budget
if $QUICK; then
	in_background "$WORK/webhook-rows.txt" webhook_lag
	WEBHOOK_PID=$BACKGROUND_PID
	in_background "$WORK/big-rows.txt" big_mirror_rows
	BIG_PID=$BACKGROUND_PID
fi
# (quick mode: one simulator for both strategies; its minute keeps v1-cursor's few hundred requests, far from
# its limit)
for strategy in v1-cursor v2-keyset; do
	if ! $QUICK || [ $strategy = v1-cursor ]; then start_sim "p2-$strategy" "$N_RATE" 3g --rpm $SIM_RPM; fi
	db=${DB_PREFIX}_rate
	fresh_db "$db"
	start_service "p2-$strategy" "$db" "$strategy" $BUDGET_RPM true
	curl -fsS -X POST "$SIM_URL/__admin/reset-stats" >/dev/null
	t0=$(date +%s.%N)
	trigger_full_sync
	sleep "$RATE_SECONDS"
	stats=$(curl -fsS "$SIM_URL/__admin/stats")
	t1=$(date +%s.%N)
	contacts=$(sql "$db" "select count(*) from contact")
	stop_service
	if ! $QUICK || [ $strategy = v2-keyset ]; then stop_pid "$SIM_PID"; fi
	elapsed=$(calc "$t1 - $t0")
	requests=$(echo "$stats" | jq '.requests')
	throttled=$(echo "$stats" | jq '.byStatus["429"] // 0')
	# Bucket4j's allowance for a window starting on a full bucket: the burst, then the refill
	allowance=$(calc "$BUDGET_BURST + $BUDGET_REFILL * $elapsed / 60")
	share=$(calc "$requests / $allowance")
	RATE_CONTACTS[$strategy]=$(calc "$contacts / $elapsed")
	log "P2 $strategy: $requests requests, $throttled 429s, $contacts contacts in $elapsed s"
	row "P2 $strategy" "requests sent in $(printf %.1f "$elapsed") s (budget $BUDGET_RPM/min)" "$(fmt "$requests")" \
		"$(fmt "$allowance")" "the budget's allowance for the window: burst $BUDGET_BURST + $BUDGET_REFILL/min × elapsed" \
		"$(printf %.1f%% "$(calc "$share * 100")")" "≥ 95%" "$(verdict "$share >= 0.95")" "–"
	row "P2 $strategy" "429s from the simulator" "$throttled" "$(fmt $SIM_RPM)" \
		"the simulator's limit: requests accepted in any sliding minute" "–" "0" "$(verdict "$throttled == 0")" \
		"requests sent / the simulator's limit: $(printf %.2f "$(calc "$requests / $SIM_RPM")")"
done
ratio=$(calc "${RATE_CONTACTS[v2-keyset]} / ${RATE_CONTACTS[v1-cursor]}")
row "P2" "v2-keyset contacts/s under the budget" "$(fmt "${RATE_CONTACTS[v2-keyset]}")" \
	"$(fmt "${RATE_CONTACTS[v1-cursor]}")" "v1-cursor contacts/s under the same budget (same run)" \
	"$(printf %.2f "$ratio")" "≥ 3" "$(verdict "$ratio >= 3")" "–"

# P3: upsert path vs COPY
if $QUICK; then
	wait "$P3_PID" || die "P3 (upsert vs COPY) failed (see $LOG)"
else
	upsert_vs_copy "$WORK/upsert.txt"
	# P7's steadier figure: the same writer without the change log
	upsert_vs_copy "$WORK/upsert-nolog.txt" --heymirror.changes.enabled=false
	log "P7: the writer without the change log: $(grep '^WRITER' "$WORK/upsert-nolog.txt" | tr '\n' ';')"
fi
out=$(grep -E '^(WRITER|UPSERT|COPY)' "$WORK/upsert.txt") || die "P3 printed no figures (see $LOG)"
log "P3: $(echo "$out" | tr '\n' ';')"
copy_rate=$(echo "$out" | awk '/^COPY/ {sub("rate=", "", $4); print $4}')
for page in 30 100; do
	rate=$(writer_rate "$WORK/upsert.txt" "$page")
	alone=$(echo "$out" | awk -v p="page=$page" '$1 == "UPSERT" && $2 == p {sub("rate=", "", $5); print $5}')
	ratio=$(calc "$rate / $copy_rate")
	row "P3 page $page" "rows/s of the sync's writer fed pages of $page faster than it writes (it groups them), $(fmt $N_UPSERT) rows" \
		"$(fmt "$rate")" "$(fmt "$copy_rate")" "COPY of the same rows into a table of the mirror's shape (same indexes), same JVM" \
		"$(printf %.2f "$ratio")" "≥ 0.5" "$(verdict "$ratio >= 0.5")" \
		"one transaction per page (ContactUpserter alone) $(fmt "$alone")/s: $(printf %.2f "$(calc "$alone / $copy_rate")")"
done

# P4 rows (measured above on the v1-cursor mirror)
ceiling_how="GET /api/bench/ceiling: a constant object through the same API-key filter chain, Micrometer and Jackson (bench class path only), wrk alike, same JVM"
pgbench_how="pgbench -M prepared -c$CONCURRENCY -j2: the same point select on the same database"
ratio=$(calc "$API_RPS / $CEILING_RPS")
row "P4" "GET /api/contacts/{id} req/s, wrk -c$CONCURRENCY, ids uniform" "$(fmt "$API_RPS")" "$(fmt "$CEILING_RPS")" \
	"$ceiling_how" "$(printf %.2f "$ratio")" "≥ 0.7" "$(verdict "$ratio >= 0.7")" \
	"pgbench $(fmt "$DB_TPS") tps: $(printf %.2f "$(calc "$API_RPS / $DB_TPS")")"
ratio=$(calc "$API_RPS / $DB_TPS")
row "P4" "GET /api/contacts/{id} req/s, wrk -c$CONCURRENCY, ids uniform" "$(fmt "$API_RPS")" "$(fmt "$DB_TPS")" \
	"$pgbench_how" "$(printf %.2f "$ratio")" "≥ 0.15" "$(verdict "$ratio >= 0.15")" \
	"ceiling $(fmt "$CEILING_RPS")/s: $(printf %.2f "$(calc "$API_RPS / $CEILING_RPS")")"
row "P4" "p99 latency at half the peak (hey -c$HEY_WORKERS -q, $(fmt "$HEY_RPS") req/s held)" "$(printf %.1f "$HEY_P99") ms" \
	"$(printf %.1f "$CEILING_P99") ms" "p99 of the ceiling endpoint at the same rate" "–" "≤ 10 ms" \
	"$(verdict "$HEY_P99 <= 10")" "–"

# P5 and P6 rows (quick mode: measured in the background during P2, see above)
if $QUICK; then
	background_rows "$BIG_PID" "$WORK/big-rows.txt"
else
	big_mirror_rows
fi

# P7: the change feed
if [ -n "$NOLOG_RATE" ]; then
	ratio=$(calc "${SYNC_RATE[v1-cursor]} / $NOLOG_RATE")
	row "P7" "full sync of $(fmt $N_SYNC) (v1-cursor) with the change log, contacts/s" "$(fmt "${SYNC_RATE[v1-cursor]}")" \
		"$(fmt "$NOLOG_RATE")" "the same sync with heymirror.changes.enabled=false (same run, same simulator)" \
		"$(printf %.2f "$ratio")" "≥ 0.85" "$(verdict "$ratio >= 0.85")" \
		"writer transactions for the same pages: $(writer_stats p1-v1-cursor | sed -E 's/.* in ([0-9]+) transactions.*/\1/') with the log, $(writer_stats p1-nolog | sed -E 's/.* in ([0-9]+) transactions.*/\1/') without"
	with_log=$(writer_rate "$WORK/upsert.txt" 30) without_log=$(writer_rate "$WORK/upsert-nolog.txt" 30)
	ratio=$(calc "$with_log / $without_log")
	row "P7" "rows/s of the sync's writer with the change log, fed pages of 30 faster than it writes (P3's setup), $(fmt $N_UPSERT) rows" \
		"$(fmt "$with_log")" "$(fmt "$without_log")" "the same writer with heymirror.changes.enabled=false (same run)" \
		"$(printf %.2f "$ratio")" "≥ 0.85" "$(verdict "$ratio >= 0.85")" "–"
else
	pending "P7" "sync contacts/s with the change log" "the same sync without the log (full runs only)" "≥ 0.85"
fi
if [ -n "$FEED_RATE" ]; then
	row "P7" "GET /api/changes events/s at limit=1000: one consumer reads the $(fmt "$FEED_EVENTS") events of P1's sync" \
		"$(fmt "$FEED_RATE")" "$(fmt "$LOG_COPY_RATE")" "the same rows straight out of PostgreSQL (COPY contact_change TO STDOUT, psql)" \
		"$(printf %.2f "$(calc "$FEED_RATE / $LOG_COPY_RATE")")" "≥ 20,000/s" "$(verdict "$FEED_RATE >= 20000")" "–"
else
	pending "P7" "GET /api/changes events/s at limit=1000" "–" "≥ 20,000/s"
fi
if $QUICK; then background_rows "$WEBHOOK_PID" "$WORK/webhook-rows.txt"; else webhook_lag; fi
if [ -n "$KAFKA_RATE" ]; then
	row "P7" "Kafka sink events/s: it publishes the $(fmt "$KAFKA_EVENTS") events of P1's sync to the embedded broker (3 partitions, acks=all), from the oldest change" \
		"$(fmt "$KAFKA_RATE")" "$(fmt "$FEED_RATE")" "one consumer reading the same log through GET /api/changes (the row above)" \
		"$(printf %.2f "$(calc "$KAFKA_RATE / $FEED_RATE")")" "≥ 5,000/s" "$(verdict "$KAFKA_RATE >= 5000")" "–"
else
	pending "P7" "Kafka sink events/s, embedded broker" "–" "≥ 5,000/s"
fi

report
