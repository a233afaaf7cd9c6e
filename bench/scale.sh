# bench/run.sh --scale: the mirror at 100,000, 1,000,000 and 5,000,000 contacts. Sourced by bench/run.sh.
#
# For each size: a fresh simulator, database and service; a full backfill (v1-cursor, the default strategy,
# no rate limit), the service's peak RSS after it, then one incremental run that finds nothing changed (its
# duration and upstream requests). At the largest size also: the mirror's and the change log's size on disk
# per contact, and the limits of the backfill rate (the same walk by a pager that COPYs each page into
# PostgreSQL, and by one that throws the pages away). Each database is dropped once measured.
# About an hour on 2 cores and 20 GB of disk; do not run it while other builds use the machine.
# shellcheck shell=bash

# BENCH_SCALE_SIZES="10000 20000 50000" tries the mode out on small sizes; BENCH_SCALE_PAGER=0 leaves out the
# limits of the backfill rate (two more walks of the largest size)
read -r -a SCALE_SIZES <<<"${BENCH_SCALE_SIZES:-100000 1000000 5000000}"
SCALE_DISK_GB=25

data_dir=$(sql postgres "show data_directory" 2>/dev/null || echo "$ROOT")
free_gb=$(df --output=avail -BG "$data_dir" 2>/dev/null | tail -1 | tr -dc 0-9 || echo 0)
[ -n "${BENCH_SCALE_SIZES:-}" ] || [ "${free_gb:-0}" -ge $SCALE_DISK_GB ] || die "--scale needs about $SCALE_DISK_GB GB free for PostgreSQL ($data_dir has ${free_gb} GB)"

# sim_heap CONTACTS: the simulator's heap for that many contacts (it keeps every contact rendered: 1.9 GB live
# at 1,000,000, so about 10 GB at 5,000,000, and its process about 1.5 times its heap)
sim_heap() { echo "$(($1 * 5 / 2000000 + 2))g"; }

# trigger_incremental_sync: starts an incremental run, as the schedule would. The backfill's run keeps the
# account busy a moment after its row ends (it analyses the tables it grew), so the request is repeated until
# a run starts.
trigger_incremental_sync() {
	local deadline=$((SECONDS + 120)) answer
	while :; do
		if [ "$TRIGGER" = actuator ]; then
			answer=$(curl -fsS -X POST -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' \
				-d '{"mode":"incremental"}' "http://127.0.0.1:$SVC_PORT/actuator/sync")
			case $answer in *'"started":[]'*) ;; *) return 0 ;; esac
		else
			curl -fsS -X POST -d '{}' "http://127.0.0.1:$TRIGGER_PORT/sync" >/dev/null && return 0
		fi
		[ $SECONDS -lt $deadline ] || die "no incremental run started in 120 s: $answer"
		sleep 0.5
	done
}

declare -A BACKFILL_SECS HWM LIVE NOCHANGE_SECS NOCHANGE_REQUESTS PAGER_RATE
largest=${SCALE_SIZES[-1]}
smallest=${SCALE_SIZES[0]}
for n in "${SCALE_SIZES[@]}"; do
	start_sim "scale-$n" "$n" "$(sim_heap "$n")"
	db=${DB_PREFIX}_scale_$n
	fresh_db "$db"
	start_service "scale-$n" "$db" v1-cursor $UNLIMITED_RPM false
	trigger_full_sync
	read -r outcome secs count _ _ < <(wait_sync "$db" 14400)
	[ "$outcome" = SUCCEEDED ] && [ "$count" -eq "$n" ] || die "backfill of $n: $outcome, $count contacts"
	BACKFILL_SECS[$n]=$secs
	HWM[$n]=$(vm_hwm_kib "$SVC_PID")
	LIVE[$n]=$(live_heap_kib "$SVC_PID")
	log "scale $n: backfill in $secs s ($(fmt "$(calc "$n / $secs")")/s), VmHWM ${HWM[$n]} KiB, heap after a full GC ${LIVE[$n]} KiB; writer: $(writer_stats "scale-$n")"
	# nothing changes upstream between the two runs
	last_run=$(sql "$db" "select max(id) from sync_run")
	trigger_incremental_sync
	deadline=$((SECONDS + 3600))
	until [ "$(sql "$db" "select count(*) from sync_run where id > $last_run and ended_at is not null")" -gt 0 ]; do
		[ $SECONDS -lt $deadline ] || die "the incremental run at $n did not end"
		sleep 0.5
	done
	read -r outcome secs requests < <(sql "$db" "select outcome, extract(epoch from ended_at - started_at), requests
		from sync_run where id > $last_run order by id desc limit 1" | tr '|' ' ')
	[ "$outcome" = SUCCEEDED ] || die "the incremental run at $n: $outcome"
	NOCHANGE_SECS[$n]=$secs NOCHANGE_REQUESTS[$n]=$requests
	log "scale $n: incremental run with nothing changed in $secs s, $requests upstream requests"
	stop_service
	if [ "$n" = "$largest" ]; then
		live=$(sql "$db" "select count(*) from contact where deleted_at is null")
		mirror_bytes=$(sql "$db" "select pg_total_relation_size('contact')")
		raw_bytes=$(sql "$db" "select sum(octet_length(raw::text)) from contact")
		if [ -n "$(sql "$db" "select to_regclass('contact_change')")" ]; then
			log_bytes=$(sql "$db" "select pg_total_relation_size('contact_change')")
			log_rows=$(sql "$db" "select count(*) from contact_change")
		else
			log_bytes="" log_rows=""
		fi
		database_bytes=$(sql "$db" "select pg_database_size(current_database())")
		log "scale $n: contact $mirror_bytes bytes (raw JSON $raw_bytes), change log ${log_bytes:-none} bytes in ${log_rows:-0} rows, database $database_bytes bytes"
	fi
	sql postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
	if [ "$n" = "$largest" ] && [ "${BENCH_SCALE_PAGER:-1}" = 1 ]; then
		pager v1-cursor copy,bare
		sql postgres "DROP DATABASE IF EXISTS ${DB_PREFIX}_pager WITH (FORCE)" >/dev/null
	fi
	stop_pid "$SIM_PID"
done

rate=$(calc "$largest / ${BACKFILL_SECS[$largest]}")
if [ "${BENCH_SCALE_PAGER:-1}" != 1 ]; then
	log "S1: backfill of $largest at $(fmt "$rate")/s; its limits were not measured (BENCH_SCALE_PAGER=0)"
	pending "S1" "backfill of $(fmt "$largest") contacts: contacts/s" "the pager that COPYs each page" "report"
else
copy=${PAGER_RATE[v1-cursor/copy]} bare=${PAGER_RATE[v1-cursor/bare]}
row "S1" "backfill of $(fmt "$largest") contacts (v1-cursor, no rate limit): contacts/s; took $(printf %.1f "$(calc "${BACKFILL_SECS[$largest]} / 60")") min" \
	"$(fmt "$rate")" "$(fmt "$copy")" "the same simulator walked by the service's client, each page COPYed into PostgreSQL as it arrives" \
	"$(printf %.2f "$(calc "$rate / $copy")")" "report" "–" \
	"bare pager (pages thrown away) $(fmt "$bare")/s: $(printf %.2f "$(calc "$rate / $bare")")"
fi
ratio=$(calc "${HWM[$largest]} / ${HWM[$smallest]}")
row "S2" "peak RSS (VmHWM) after the backfill of $(fmt "$largest") contacts" "$(calc "int(${HWM[$largest]} / 1024)") MiB" \
	"$(calc "int(${HWM[$smallest]} / 1024)") MiB" "the same after the backfill of $(fmt "$smallest") (same run)" \
	"$(printf %.2f "$ratio")" "≤ 1.2" "$(verdict "$ratio <= 1.2")" \
	"heap in use after a full GC: $(calc "int(${LIVE[$largest]} / 1024)") MiB against $(calc "int(${LIVE[$smallest]} / 1024)") MiB ($(printf %.2f "$(calc "${LIVE[$largest]} / ${LIVE[$smallest]}")"))"
per=$(calc "$mirror_bytes / $live")
row "S3" "mirror on disk per contact (contact table with its indexes and TOAST), $(fmt "$largest") contacts" "$(fmt "$per") B" \
	"$(fmt "$(calc "$raw_bytes / $live")") B" "the upstream JSON alone (octet_length(raw::text), averaged)" \
	"$(printf %.2f "$(calc "$per / ($raw_bytes / $live)")")" "report" "–" \
	"whole database: $(calc "int($database_bytes / 1048576)") MiB"
if [ -n "$log_bytes" ]; then
	row "S3" "change log on disk per contact (contact_change with its indexes)" "$(fmt "$(calc "$log_bytes / $live")") B" \
		"$(fmt "$per") B" "the mirror per contact (row above)" "$(printf %.2f "$(calc "$log_bytes / $mirror_bytes")")" \
		"report" "–" "$(fmt "$log_rows") entries"
else
	pending "S3" "change log on disk per contact" "the mirror per contact" "report"
fi
for n in "${SCALE_SIZES[@]}"; do
	row "S4 $(fmt "$n")" "incremental run when nothing changed: seconds (upstream requests)" \
		"$(printf %.2f "${NOCHANGE_SECS[$n]}") s (${NOCHANGE_REQUESTS[$n]})" \
		"$(printf %.2f "${NOCHANGE_SECS[$smallest]}") s (${NOCHANGE_REQUESTS[$smallest]})" \
		"the same at $(fmt "$smallest") contacts (same run)" \
		"$(printf %.2f "$(calc "${NOCHANGE_SECS[$n]} / ${NOCHANGE_SECS[$smallest]}")")" "requests constant" \
		"$(verdict "${NOCHANGE_REQUESTS[$n]} == ${NOCHANGE_REQUESTS[$smallest]}")" "–"
done
