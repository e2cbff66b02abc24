#!/usr/bin/env bash
# Runs jswan's whole test suite on a Debian 12 machine as root: installs what the tests need (idempotent),
# then `mvn verify`, then prints one summary over all modules. Exit status is Maven's.
set -uo pipefail
cd "$(dirname "$0")/.."

packages=(
  openjdk-17-jdk-headless maven
  strongswan-charon strongswan-swanctl strongswan-pki
  libstrongswan-standard-plugins libstrongswan-extra-plugins libcharon-extra-plugins
  iproute2 iperf3 tcpdump iputils-ping tshark python3-scapy nftables libssl3 libgnutls30
)
# Intel's ipsec-mb (AES-GCM) is packaged for x86-64 only; elsewhere jswan runs AES-GCM on GnuTLS.
[ "$(dpkg --print-architecture)" = amd64 ] && packages+=(libipsec-mb1)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: missing packages: ${missing[*]}; run as root (or install them) first" >&2
    exit 2
  fi
  echo "test.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

mvn -B -fae verify "$@"
status=$?

# One summary over every module's Surefire reports (Maven prints one per module).
awk '
  /<testsuite / {
    for (i = 1; i <= NF; i++) {
      if (match($i, /^(tests|failures|errors|skipped)="[0-9]+"/)) {
        split($i, kv, "\""); key = substr($i, 1, index($i, "=") - 1); sum[key] += kv[2]
      }
    }
  }
  END {
    t = sum["tests"] + 0; f = sum["failures"] + 0; e = sum["errors"] + 0; s = sum["skipped"] + 0
    printf "\nAll modules: Tests run: %d, Failures: %d, Errors: %d, Skipped: %d\n", t, f, e, s
    printf "%d passed, %d failed, %d skipped\n", t - f - e - s, f + e, s
  }' $(find . -path '*/target/surefire-reports/TEST-*.xml' 2>/dev/null) /dev/null
exit $status
