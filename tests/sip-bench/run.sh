#!/bin/bash
# SIP benchmark: sipp load through Switchboard's sip-edge and through Kamailio's dispatcher, same
# machine, same two sipp trunks (127.0.0.1:5071, :5072), same UAC, one after the other.
#
#   tests/sip-bench/run.sh                 # all four series (needs the fat jar: mvn -B -q install -DskipTests)
#   RATES="300 600" DUR=10 PROXIES=switchboard MODES=b tests/sip-bench/run.sh   # a subset
#
# Series: {switchboard, kamailio} x {a: no failover, both trunks answer, round robin;
#                                     b: every call fails over: 5071 answers 503, 5071 first}.
# Each series steps the call rate up (RATES, cps, DUR seconds each, calls held 1 s) and stops at the
# first rate that is not clean. Clean: failed calls < 0.1 % and p99 setup < 500 ms. Reported per series:
# the highest clean rate and the p99 setup time (INVITE to 200 OK at the UAC, sipp's rtd) at that
# rate. Writes runs/ (sipp files) and results.md beside this script.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RATES=${RATES:-"300 600 1000 1500 2000 2500"}
DUR=${DUR:-10}
# a rate is clean when < 0.1 % of calls failed and the p99 setup time stays under RFC 3261's T1
# (500 ms): beyond it the UAC retransmits and the load feeds itself
P99_MAX=${P99_MAX:-500}
BUF=4194304
RUNS=$HERE/runs
JAR=$ROOT/verticles/target/switchboard.jar
CP=$JAR:$ROOT/tests/target/test-classes
for tool in sipp kamailio java python3; do command -v $tool >/dev/null || { echo "needs $tool"; exit 2; }; done
[ -f "$JAR" ] && [ -f "$ROOT/tests/target/test-classes/io/switchboard/bench/SipEdgeBenchNode.class" ] || {
  echo "build first: (cd $ROOT && mvn -B -q install -DskipTests && mvn -B -q -pl tests test-compile)"; exit 2; }
rm -rf "$RUNS"; mkdir -p "$RUNS"
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
sed "s#WORKDIR#$RUNS#g" "$HERE/kamailio.cfg" > "$RUNS/kamailio.cfg"
sed "s#WORKDIR#$RUNS#g" "$HERE/dispatcher.list" > "$RUNS/dispatcher.list"

PROXY_PID=""
start_proxy() { # $1 = switchboard|kamailio, $2 = a|b
  if [ "$1" = kamailio ]; then
    local defs=(); [ "$2" = b ] && defs+=(-A DS_PRIORITY)
    rm -f "$RUNS/kamailio.pid"
    kamailio -f "$RUNS/kamailio.cfg" -P "$RUNS/kamailio.pid" -w "$RUNS" -m 512 -M 16 "${defs[@]}" > "$RUNS/kamailio.out" 2>&1
    sleep 1; PROXY_PID=$(cat "$RUNS/kamailio.pid")
  else
    local rot=(); [ "$2" = a ] && rot+=(--rotate)
    java -Xms512m -Xmx1g ${JAVA_OPTS:-} -cp "$CP" io.switchboard.bench.SipEdgeBenchNode "$HERE/switchboard-bench.yaml" "${rot[@]}" \
      > "$RUNS/switchboard_$2.out" 2>&1 &
    PROXY_PID=$!
    for i in $(seq 1 120); do grep -q READY "$RUNS/switchboard_$2.out" && break; sleep 0.25; done
    grep -q READY "$RUNS/switchboard_$2.out" || { echo "sip-edge did not start:"; tail -20 "$RUNS/switchboard_$2.out"; exit 1; }
    # warm-up, not measured: on 2 shared cores C2 needs ~30 s of load before the JVM reaches its steady state
    sipp -sf "$HERE/uac_rr.xml" 127.0.0.1:5060 -i 127.0.0.1 -p 5061 -r 500 -m ${WARM_CALLS:-20000} -l 1500 -d 1000 -s 442071838750 \
      -nostdin -buff_size $BUF -recv_timeout 10000 > /dev/null 2>&1
  fi
}
stop_proxy() {
  kill -TERM "$PROXY_PID" 2>/dev/null
  for i in $(seq 1 40); do kill -0 "$PROXY_PID" 2>/dev/null || break; sleep 0.25; done
  kill -0 "$PROXY_PID" 2>/dev/null && kill -KILL "$PROXY_PID"
  wait "$PROXY_PID" 2>/dev/null; sleep 0.5
}

one_rate() { # $1 proxy $2 mode $3 rate -> prints "rate total ok failed p50 p99"
  local D=$RUNS/$1_$2_r$3; mkdir -p "$D"; cd "$D"
  local UAS1=$HERE/uas_rr.xml; [ "$2" = b ] && UAS1=$HERE/uas_503.xml
  sipp -sf "$UAS1" -i 127.0.0.1 -p 5071 -nostdin -buff_size $BUF > uas5071.out 2>&1 &
  local U1=$!
  sipp -sf "$HERE/uas_rr.xml" -i 127.0.0.1 -p 5072 -nostdin -buff_size $BUF > uas5072.out 2>&1 &
  local U2=$!
  sleep 0.5
  local total=$(( $3 * DUR )); local limit=$(( $3 * 3 )); [ $limit -lt 300 ] && limit=300
  timeout $(( DUR * 4 + 60 )) sipp -sf "$HERE/uac_rr.xml" 127.0.0.1:5060 -i 127.0.0.1 -p 5061 -r $3 -m $total -l $limit \
    -d 1000 -s 442071838750 -nostdin -buff_size $BUF -recv_timeout 10000 -trace_stat -fd 1 -stf uac.csv \
    -trace_rtt -rtt_freq 1 -trace_screen -screen_file uac_screen.log > uac.out 2>&1
  kill -USR1 $U1 $U2 2>/dev/null; sleep 0.5; kill -TERM $U1 $U2 2>/dev/null; wait $U1 $U2 2>/dev/null
  python3 - "$D" "$3" "$total" <<'PY'
import csv, glob, sys
d, rate, total = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ok = failed = 0
with open(d + "/uac.csv") as f:
    rows = list(csv.reader(f, delimiter=";"))
head, last = rows[0], rows[-1]
ok = int(last[head.index("SuccessfulCall(C)")]); failed = int(last[head.index("FailedCall(C)")])
times = []
for path in glob.glob(d + "/*_rtt.csv"):
    with open(path) as f:
        for row in csv.reader(f, delimiter=";"):
            try:
                times.append(float(row[1]))
            except (ValueError, IndexError):
                pass
times.sort()
pct = lambda p: times[min(len(times) - 1, int(len(times) * p))] if times else float("nan")
print(rate, total, ok, failed, "%.1f" % pct(0.50), "%.1f" % pct(0.99))
PY
  cd "$HERE"
}

declare -A BEST
declare -A P99
printf "%-12s %-4s %6s %7s %7s %7s %8s %8s\n" proxy mode cps calls ok failed p50_ms p99_ms | tee "$RUNS/steps.txt"
for proxy in ${PROXIES:-kamailio switchboard}; do
  for mode in ${MODES:-a b}; do
    start_proxy $proxy $mode
    BEST[$proxy$mode]=0; P99[$proxy$mode]=-
    for rate in $RATES; do
      read r total ok failed p50 p99 < <(one_rate $proxy $mode $rate)
      printf "%-12s %-4s %6s %7s %7s %7s %8s %8s\n" $proxy $mode $r $total $ok $failed $p50 $p99 | tee -a "$RUNS/steps.txt"
      if [ "$ok" -ge $(( total * 999 / 1000 )) ] && [ $(( failed * 1000 )) -lt "$total" ] \
         && python3 -c "import sys; sys.exit(0 if float('$p99') < $P99_MAX else 1)"; then
        BEST[$proxy$mode]=$rate; P99[$proxy$mode]=$p99
      else
        break
      fi
    done
    stop_proxy
  done
done

{
  echo "| series | Kamailio 5.6 dispatcher | Switchboard sip-edge | ratio |"
  echo "|---|---|---|---|"
  for mode in ${MODES:-a b}; do
    k=${BEST[kamailio$mode]:-0}; s=${BEST[switchboard$mode]:-0}
    ratio=$(python3 -c "print('%.2f' % ($s / $k) if $k else '-')")
    label="no failover"; [ $mode = b ] && label="one failover per call (503 then 200)"
    echo "| $label | $k cps, p99 ${P99[kamailio$mode]:--} ms | $s cps, p99 ${P99[switchboard$mode]:--} ms | $ratio |"
  done
  echo
  echo "Highest clean rate of $RATES cps ($DUR s each, calls held 1 s; clean: < 0.1 % failed and p99 setup < $P99_MAX ms); p99 setup = INVITE to 200 OK at the UAC."
  echo "Steps: runs/steps.txt. Machine: $(nproc) cores, load average before the run: $LOAD0."
} | tee "$HERE/results.md"
