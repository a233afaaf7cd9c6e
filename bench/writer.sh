# bench/run.sh --writer: where the sync's writer spends its time. Sourced by bench/run.sh.
#
# P1's full syncs (both strategies, N_SYNC contacts, simulator without rate limit; and v1-cursor once more with
# the change log off, to show what the log costs the writer), each on a database
# with log_min_duration_statement = 0, so the server logs how long each statement took. The server's
# log is read back for that database and its statements summed by kind; the writer's own summary
# (PipelinedWriter's debug line: pages, transactions, busy time) gives the time it spent in all, and
# the difference between the two is the writer's client side (encoding the page's JSON, pgJDBC, round
# trips). The logging itself slows the run down a little: compare the figures with each other, not
# with P1's rate.
# shellcheck shell=bash

[ "$PGHOST" = 127.0.0.1 ] || die "--writer reads the server's log: it needs the PostgreSQL server on 127.0.0.1:5432"
PG_LOG=${BENCH_PG_LOG:-$(ls /var/log/postgresql/postgresql-*-main.log 2>/dev/null | head -1)}
[ -n "$PG_LOG" ] && [ -r "$PG_LOG" ] || die "cannot read the server's log (set BENCH_PG_LOG to its path)"

# statement_times DB OFFSET: "kind milliseconds count" for each kind of statement the server logged for
# DB after byte OFFSET of its log (parse, bind and execute of one statement all count for it)
statement_times() {
	tail -c +$(($2 + 1)) "$PG_LOG" | awk -v db="@$1 " '
		index($0, db) && match($0, /duration: [0-9.]+ ms/) {
			ms = substr($0, RSTART + 10, RLENGTH - 13) + 0
			rest = substr($0, RSTART + RLENGTH)
			# the upsert (with the change log, a WITH statement ending in it)
			if (rest ~ /(WITH input AS|INSERT INTO contact AS c)/) kind = "upsert"
			else if (rest ~ /UPDATE contact SET seen_at/) kind = "markseen"
			else if (rest ~ /UPDATE sync_state/) kind = "checkpoint"
			else if (rest ~ /SAVEPOINT/) kind = "savepoint"
			else if (rest ~ /(BEGIN|COMMIT)/) kind = "commit"
			else kind = "other"
			time[kind] += ms
			if (rest ~ /execute|statement:/) count[kind]++
		}
		END { for (kind in time) printf "%s %.1f %d\n", kind, time[kind], count[kind] }'
}

EXTRA+=("Where the writer's time goes (bench/run.sh --writer: full syncs of $(fmt "$N_SYNC") contacts; server time of each"
	"statement from PostgreSQL's log with log_min_duration_statement = 0; ms per page, and ms in all)")
EXTRA+=("")
EXTRA+=("| Run | contacts/s | pages / transactions | writer busy | upsert | markSeen | checkpoint | savepoint | BEGIN + COMMIT | client side | other SQL (not the writer's) |")
EXTRA+=("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
# cell MS: MS per page (of the strategy's PAGES), and in all
cell() { printf '%.2f (%s ms)' "$(calc "$1 / $pages")" "$(fmt "$1")"; }

start_sim writer "$N_SYNC" 2g
# each strategy with the change log (the default), and v1-cursor once more without it
for run in v1-cursor v2-keyset v1-cursor/no-log; do
	strategy=${run%/*} args=()
	[ "$run" = "$strategy" ] || args=(--heymirror.changes.enabled=false)
	db=${DB_PREFIX}_writer_${run//[^a-z0-9]/_}
	fresh_db "$db"
	sql postgres "ALTER DATABASE $db SET log_min_duration_statement = 0"
	start_service "writer-${run//\//-}" "$db" "$strategy" $UNLIMITED_RPM false "${args[@]}"
	offset=$(stat -c %s "$PG_LOG")
	trigger_full_sync
	read -r outcome secs count _ _ < <(wait_sync "$db" 1800)
	[ "$outcome" = SUCCEEDED ] && [ "$count" -eq "$N_SYNC" ] || die "$strategy sync: $outcome, $count contacts"
	stop_service
	stats=$(writer_stats "writer-${run//\//-}")
	[ -n "$stats" ] || die "no writer summary in $WORK/svc-writer-${run//\//-}.log"
	log "writer $run: $count contacts in $secs s; $stats"
	pages=$(echo "$stats" | sed -E 's/^([0-9]+) pages.*/\1/')
	transactions=$(echo "$stats" | sed -E 's/.* in ([0-9]+) transactions.*/\1/')
	busy=$(echo "$stats" | sed -E 's/.* busy ([0-9]+) ms.*/\1/')
	declare -A ms=() n=()
	while read -r kind time number; do
		ms[$kind]=$time n[$kind]=$number
		log "writer $run: $kind $time ms in $number statements"
	done < <(statement_times "$db" "$offset")
	server=0
	for kind in upsert markseen checkpoint savepoint commit; do server=$(calc "$server + ${ms[$kind]:-0}"); done
	EXTRA+=("| $run | $(fmt "$(calc "$count / $secs")") | $(fmt "$pages") / $(fmt "$transactions") |"`
		`" $(cell "$busy") ($(printf %.0f "$(calc "100 * $busy / ($secs * 1000)")")% of the run) |"`
		`" $(cell "${ms[upsert]:-0}") | $(cell "${ms[markseen]:-0}") | $(cell "${ms[checkpoint]:-0}") |"`
		`" $(cell "${ms[savepoint]:-0}") | $(cell "${ms[commit]:-0}") | $(cell "$(calc "$busy - $server")") |"`
		`" $(fmt "${ms[other]:-0}") ms |")
	unset ms n
	sql postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
done
stop_pid "$SIM_PID"
