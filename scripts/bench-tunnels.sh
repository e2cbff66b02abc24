#!/usr/bin/env bash
# Measures TCP throughput (iperf3, one stream and four streams) from host A to host B through a two-gateway lab,
# for: the plain routed path (the ceiling), strongSwan with its userspace kernel-libipsec data plane, wireguard-go,
# and jswan to jswan; then prints a table with the ratios to the plain path and to kernel-libipsec, the gigabits the
# one-stream run carried per second of CPU the two gateways' processes used (efficiency, unmoved by neighbours), and
# the share of CPU time the hypervisor gave other guests during each measurement (steal: on a shared host, it moves
# every throughput figure).
#
#   hA (10.91.1.2) -- gA (10.91.1.1 | 10.91.0.1) ==== gB (10.91.0.2 | 10.91.2.1) -- hB (10.91.2.2)
#
# Everything runs in network namespaces this script creates (prefix "jb<pid>") and removes on exit; traffic only
# goes to addresses inside them. Usage (root): scripts/bench-tunnels.sh [-t SECONDS] [-w SECONDS] [-o BENCH.md] [which...]
# where which is any of: plain strongswan wireguard jswan (default: all that are installed). -w: seconds of warm-up
# that iperf3 leaves out of the result (-O; JIT warm-up for jswan), default 2.
# jswan variants, to compare within one run: jswan@17 / jswan@25 pick the JDK by major version (default: the
# launcher's choice), jswan+MODE passes -Djswan.esp.tx=MODE (gso, sendmmsg, netty), jswan+nogro turns off the TUN
# offloads (write coalescing and TSO reads), jswan+notso only the TSO reads, jswan+noudpgro turns off UDP GRO on the
# NAT-T socket, jswan+ipsecmb / jswan+gnutls / jswan+openssl / jswan+jca pick the ESP crypto backend
# (-Djswan.esp.crypto), jswan+plainesp sends plain ESP (IP protocol 50, --esp-encap nat) instead of ESP-in-UDP,
# jswan+nettyrx has Netty's event loop read ESP instead of jswan's recvmmsg loop, and jswan-base runs the jar named
# by $JSWAN_BASE_JAR instead of gateway/target/jswan.jar; e.g.
# jswan-base@17 jswan@17 jswan@25+netty+nogro. Extra JVM options for the jswan gateways (profiling): $JSWAN_JVM_OPTS.
set -euo pipefail

secs=5
omit=2
out=""
while getopts "t:w:o:h" opt; do
  case $opt in
    t) secs=$OPTARG ;;
    w) omit=$OPTARG ;;
    o) out=$OPTARG ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
  esac
done
shift $((OPTIND - 1))
which=("$@")
[ ${#which[@]} -gt 0 ] || which=(plain strongswan wireguard jswan)
[ "$(id -u)" -eq 0 ] || { echo "bench-tunnels: needs root (network namespaces)" >&2; exit 2; }
for tool in iperf3 ip; do command -v $tool >/dev/null || { echo "bench-tunnels: $tool missing (apt-get install iperf3 iproute2)" >&2; exit 2; }; done

here="$(cd "$(dirname "$0")/.." && pwd)"
p="jb$$"
hA=$p-hA; gA=$p-gA; gB=$p-gB; hB=$p-hB
work=$(mktemp -d /tmp/jswan-bench.XXXXXX)
pids=()

# Whatever still runs inside this script's namespaces is ours (an iperf3 server left by an interrupted measurement,
# say); `ip netns del` alone would leave it running, holding the namespace.
kill_in_namespaces() { # signal
  local ns
  for ns in $hA $gA $gB $hB; do ip netns pids "$ns" 2>/dev/null | xargs -r kill "-$1" 2>/dev/null || true; done
}

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  kill_in_namespaces TERM
  sleep 0.3
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  kill_in_namespaces KILL
  for ns in $hA $gA $gB $hB; do ip netns del "$ns" 2>/dev/null || true; done
  [ -n "${BENCH_KEEP:-}" ] && echo "bench-tunnels: kept $work" || rm -rf "$work"
}
trap cleanup EXIT
trap "exit 130" INT   # through the EXIT trap, once, instead of going on after it
trap "exit 143" TERM

x() { ip netns exec "$@"; }

build_lab() {
  for ns in $hA $gA $gB $hB; do ip netns add "$ns"; x "$ns" ip link set lo up; done
  ip link add "$p-a" netns "$hA" type veth peer name "$p-ag" netns "$gA"
  ip link add "$p-ab" netns "$gA" type veth peer name "$p-ba" netns "$gB"
  ip link add "$p-b" netns "$hB" type veth peer name "$p-bg" netns "$gB"
  x "$hA" ip addr add 10.91.1.2/24 dev "$p-a"; x "$hA" ip link set "$p-a" up
  x "$gA" ip addr add 10.91.1.1/24 dev "$p-ag"; x "$gA" ip link set "$p-ag" up
  x "$gA" ip addr add 10.91.0.1/24 dev "$p-ab"; x "$gA" ip link set "$p-ab" up
  x "$gB" ip addr add 10.91.0.2/24 dev "$p-ba"; x "$gB" ip link set "$p-ba" up
  x "$gB" ip addr add 10.91.2.1/24 dev "$p-bg"; x "$gB" ip link set "$p-bg" up
  x "$hB" ip addr add 10.91.2.2/24 dev "$p-b"; x "$hB" ip link set "$p-b" up
  x "$hA" ip route add default via 10.91.1.1
  x "$hB" ip route add default via 10.91.2.1
  x "$gA" sysctl -qw net.ipv4.ip_forward=1
  x "$gB" sysctl -qw net.ipv4.ip_forward=1
}

teardown_lab() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  kill_in_namespaces TERM
  sleep 0.5
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  kill_in_namespaces KILL
  pids=()
  for ns in $hA $gA $gB $hB; do ip netns del "$ns" 2>/dev/null || true; done
}

wait_ping() {
  for _ in $(seq 1 40); do
    x "$hA" ping -c1 -W1 10.91.2.2 >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  return 1
}

iperf() { # streams -> "Mbit/s bytes": the rate after the warm-up, and every byte received including it
  local json
  json=$(timeout $((secs + omit + 20)) ip netns exec "$hA" iperf3 -c 10.91.2.2 -t "$secs" -O "$omit" -P "$1" -J \
    2>/dev/null || true)
  echo "$json" | python3 -c 'import json,sys
try:
  d=json.load(sys.stdin)
  total=sum(i["sum"]["bytes"] for i in d["intervals"])
  print("%.0f %d" % (d["end"]["sum_received"]["bits_per_second"]/1e6, total))
except Exception: print("n/a 0")'
}

gateway_ticks() { # -> CPU clock ticks (user + system) used so far by every process in the two gateway namespaces
  local pid sum=0 t
  for pid in $(ip netns pids "$gA" 2>/dev/null) $(ip netns pids "$gB" 2>/dev/null); do
    # fields after the parenthesised command name: utime and stime are the 12th and 13th
    t=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{print $12 + $13}') || t=0
    sum=$((sum + ${t:-0}))
  done
  echo "$sum"
}

cpu_ticks() { # -> "steal total" from /proc/stat (all CPUs)
  awk '/^cpu /{print $9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat
}

measure() { # name -> "one four steal% gbit-per-core"
  # Runs in a subshell (<(...)): a pid added to pids here would not reach the exit trap, so the server stops here.
  ip netns exec "$hB" iperf3 -s >/dev/null 2>&1 & # not through x(): $! must be iperf3 itself
  local server=$!
  sleep 0.5
  local one four bytes1 bytes4 s0 t0 s1 t1 g0 g1
  read -r s0 t0 < <(cpu_ticks)
  g0=$(gateway_ticks)
  read -r one bytes1 < <(iperf 1)
  g1=$(gateway_ticks)
  read -r four bytes4 < <(iperf 4)
  read -r s1 t1 < <(cpu_ticks)
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  # Time the hypervisor gave to other guests while we measured: on a shared host it moves every figure.
  local steal=$(( t1 > t0 ? 100 * (s1 - s0) / (t1 - t0) : 0 ))
  # Gigabits carried per second of the gateways' CPU (one stream, warm-up included): what a tunnel costs, whatever
  # the neighbours take. None for the plain path, whose gateways run no process.
  local per_core
  per_core=$(python3 -c "import sys; b,t,hz=int(sys.argv[1]),int(sys.argv[2]),int(sys.argv[3]); print('%.2f' % (b*8/1e9/(t/hz)) if t > 0 and b > 0 else '-')" \
    "$bytes1" "$((g1 - g0))" "$(getconf CLK_TCK)")
  echo "$one $four $steal $per_core"
}

setup_strongswan() { # ns left right leftnet rightnet start_action
  local ns=$1 dir="$work/$1" me=$2 peer=$3 mynet=$4 peernet=$5 action=$6
  mkdir -p "$dir/run" "$dir/swanctl"
  cat > "$dir/strongswan.conf" <<CONF
charon {
  load_modular = no
  load = kernel-libipsec pem pkcs1 pkcs8 x509 pubkey openssl random nonce kdf curve25519 gmp aes sha1 sha2 hmac gcm chapoly kernel-netlink socket-default vici
  plugins { vici { socket = unix://$dir/charon.vici } }
  filelog { log { path = $dir/charon.log
    default = 1 } }
}
CONF
  cat > "$dir/swanctl/swanctl.conf" <<CONF
connections { bench { local_addrs = $me
  remote_addrs = $peer
  proposals = aes128gcm16-prfsha256-x25519
  local { auth = psk }
  remote { auth = psk }
  children { net { local_ts = $mynet
      remote_ts = $peernet
      esp_proposals = aes128gcm16
      start_action = $action } } } }
secrets { ike { secret = bench-only-secret } }
CONF
  ip netns exec "$ns" unshare -m --propagation private sh -c 'mount --bind "$0" /run && exec "$@"' "$dir/run" \
    env STRONGSWAN_CONF="$dir/strongswan.conf" /usr/lib/ipsec/charon >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 1 50); do [ -S "$dir/charon.vici" ] && break; sleep 0.2; done
  SWANCTL_DIR="$dir/swanctl" swanctl --load-all --uri "unix://$dir/charon.vici" >/dev/null 2>&1
}

setup_wireguard() { # ns key peerpub peerip mynet peernet
  # The UAPI socket lives in /var/run/wireguard/<ifname>.sock, shared by all namespaces: names must differ.
  local ns=$1 dev
  dev="${ns: -2}$$"
  x "$ns" env WG_PROCESS_FOREGROUND=1 wireguard-go "$dev" >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 1 50); do x "$ns" ip link show "$dev" >/dev/null 2>&1 && break; sleep 0.1; done
  echo "$2" > "$work/$ns.key"
  x "$ns" wg set "$dev" listen-port 51820 private-key "$work/$ns.key" peer "$3" endpoint "$4:51820" allowed-ips "$6"
  x "$ns" ip link set "$dev" up
  x "$ns" ip route add "$6" dev "$dev"
}

declare -A r1 r4 st pc
run() {
  local name=$1
  build_lab
  case $name in
    plain)
      x "$gA" ip route add 10.91.2.0/24 via 10.91.0.2
      x "$gB" ip route add 10.91.1.0/24 via 10.91.0.1 ;;
    strongswan)
      command -v swanctl >/dev/null || { echo "  skip strongswan: not installed"; teardown_lab; return; }
      setup_strongswan "$gB" 10.91.0.2 10.91.0.1 10.91.2.0/24 10.91.1.0/24 none
      setup_strongswan "$gA" 10.91.0.1 10.91.0.2 10.91.1.0/24 10.91.2.0/24 start ;;
    wireguard)
      command -v wireguard-go >/dev/null && command -v wg >/dev/null \
        || { echo "  skip wireguard: apt-get install wireguard-go wireguard-tools"; teardown_lab; return; }
      local ka kb
      ka=$(wg genkey); kb=$(wg genkey)
      setup_wireguard "$gA" "$ka" "$(echo "$kb" | wg pubkey)" 10.91.0.2 10.91.1.0/24 10.91.2.0/24
      setup_wireguard "$gB" "$kb" "$(echo "$ka" | wg pubkey)" 10.91.0.1 10.91.2.0/24 10.91.1.0/24 ;;
    jswan*)
      jswan_variant "$name" || { echo "  skip $name: $jswan_why"; teardown_lab; return; }
      setup_jswan "$gB" 10.91.0.2 10.91.0.1 10.91.2.0/24 10.91.1.0/24 none
      setup_jswan "$gA" 10.91.0.1 10.91.0.2 10.91.1.0/24 10.91.2.0/24 start ;;
    *) echo "  skip $name: unknown"; teardown_lab; return ;;
  esac
  if ! wait_ping; then
    echo "  $name: no connectivity host A -> host B; skipped"
    [ -z "${BENCH_HOLD:-}" ] || { echo "  holding the lab ($p) for ${BENCH_HOLD}s"; sleep "$BENCH_HOLD"; }
    teardown_lab; return
  fi
  read -r one four steal per_core < <(measure "$name")
  r1[$name]=$one; r4[$name]=$four; st[$name]=$steal; pc[$name]=$per_core
  printf "  %-11s 1 stream %6s Mbit/s   4 streams %6s Mbit/s   gateways %s Gbit per CPU-second   steal %s %%\n" \
    "$name" "$one" "$four" "$per_core" "$steal"
  teardown_lab
}

jdk_home() { # major -> JAVA_HOME of an installed JDK of that major version
  local d
  for d in /usr/lib/jvm/*/; do
    [ "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release" 2>/dev/null)" = "$1" ] && { echo "${d%/}"; return 0; }
  done
  return 1
}

jswan_cmd=()
jswan_args=()
jswan_why=""
jswan_variant() { # name -> jswan_cmd (the daemon command without arguments), jswan_args (daemon options)
  local name=$1 jar="$here/gateway/target/jswan.jar" home="" java opts=()
  jswan_args=()
  [[ $name == jswan-base* ]] && jar=${JSWAN_BASE_JAR:-}
  [ -n "$jar" ] && [ -f "$jar" ] || { jswan_why="no jar (build it, or set JSWAN_BASE_JAR)"; return 1; }
  if [[ $name =~ @([0-9]+) ]]; then
    home=$(jdk_home "${BASH_REMATCH[1]}") || { jswan_why="no JDK ${BASH_REMATCH[1]}"; return 1; }
    java="$home/bin/java"
  elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    java="$JAVA_HOME/bin/java"
  else # the launcher's choice: `java` on the PATH if 17+, else the newest JDK 17+ under /usr/lib/jvm
    local d v best_v=0
    java=java
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' \
      "$(dirname "$(dirname "$(readlink -f "$(command -v java || echo /nonexistent)")")")/release" 2>/dev/null || true)
    [ -n "$v" ] && [ "$v" -ge 17 ] && best_v=999
    for d in /usr/lib/jvm/*/; do
      v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release" 2>/dev/null || true)
      if [ -n "$v" ] && [ "$v" -ge 17 ] && [ "$v" -gt "$best_v" ] && [ -x "$d/bin/java" ]; then
        java="$d/bin/java"; best_v=$v
      fi
    done
  fi
  local major
  major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' \
    "$(dirname "$(dirname "$(readlink -f "$(command -v "$java" || echo /nonexistent)")")")/release" 2>/dev/null || true)
  [ -n "$major" ] && [ "$major" -ge 22 ] && opts+=(--enable-native-access=ALL-UNNAMED)
  [ -n "$major" ] && [ "$major" -ge 24 ] && opts+=(--sun-misc-unsafe-memory-access=allow)
  local word
  for word in $(echo "$name" | tr '+' ' ' | cut -d' ' -f2-); do
    [ "$word" != "${name%%+*}" ] || continue
    case $word in
      nogro) opts+=(-Djswan.tun.gro=false) ;;
      notso) opts+=(-Djswan.tun.tso=false) ;;
      noudpgro) opts+=(-Djswan.udp.gro=false) ;;
      jca|openssl|gnutls|ipsecmb) opts+=("-Djswan.esp.crypto=$word") ;;
      nettyrx) opts+=(-Djswan.esp.rx=netty) ;;
      plainesp) jswan_args+=(--esp-encap nat) ;;
      *) opts+=("-Djswan.esp.tx=$word") ;;
    esac
  done
  # extra JVM options, split on blanks on purpose, e.g. JSWAN_JVM_OPTS="-agentpath:/opt/ap/libasyncProfiler.so=start"
  # shellcheck disable=SC2206
  opts+=(${JSWAN_JVM_OPTS:-})
  jswan_cmd=("$java" "${opts[@]}" -jar "$jar")
  echo "  $name: $("$java" -version 2>&1 | sed -n 2p)"
}

setup_jswan() { # ns left right leftnet rightnet start_action
  local ns=$1 dir="$work/$1-jswan"
  mkdir -p "$dir"
  cat > "$dir/swanctl.conf" <<CONF
connections { bench { local_addrs = $2
  remote_addrs = $3
  proposals = aes128gcm16-prfsha256-x25519
  local { auth = psk }
  remote { auth = psk }
  children { net { local_ts = $4
      remote_ts = $5
      esp_proposals = aes128gcm16
      start_action = $6 } } } }
secrets { ike { secret = bench-only-secret } }
CONF
  ip netns exec "$ns" "${jswan_cmd[@]}" daemon --config-dir "$dir" --vici-socket "$dir/jswan.vici" \
    --log-file "$dir/jswan.log" "${jswan_args[@]}" >"$dir/jswan.out" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do grep -q "listening on UDP" "$dir/jswan.log" 2>/dev/null && break; sleep 0.2; done
}

echo "bench-tunnels: iperf3 ${secs}s per run after ${omit}s warm-up; $(nproc) cores, $(uname -r)"
for w in "${which[@]}"; do run "$w"; done

ratio() { python3 -c "import sys; a,b=sys.argv[1],sys.argv[2]; print('%.2f' % (float(a)/float(b)) if a not in ('','n/a') and b not in ('','n/a','0') else '-')" "$1" "$2"; }
table=$(
  echo "| path | 1 stream Mbit/s | 4 streams Mbit/s | 1 stream / plain | 4 streams / plain | 1 stream / kernel-libipsec | 4 streams / kernel-libipsec | Gbit per gateway CPU-s | steal % |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for w in "${which[@]}"; do
    [ -n "${r1[$w]:-}" ] || continue
    echo "| $w | ${r1[$w]} | ${r4[$w]} | $(ratio "${r1[$w]}" "${r1[plain]:-}") | $(ratio "${r4[$w]}" "${r4[plain]:-}") | $(ratio "${r1[$w]}" "${r1[strongswan]:-}") | $(ratio "${r4[$w]}" "${r4[strongswan]:-}") | ${pc[$w]:-} | ${st[$w]:-} |"
  done
)
echo; echo "$table"
if [ -n "$out" ]; then
  { echo; echo "### $(date -u +%Y-%m-%d) bench-tunnels.sh -t $secs -w $omit ${which[*]} ($(nproc) cores, $(uname -r))"
    echo; echo "$table"; } >> "$out"
fi
