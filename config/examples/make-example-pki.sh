#!/usr/bin/env bash
# Regenerates the EXAMPLE-ONLY credentials shipped next to the example configs, with strongSwan's pki tool
# (Debian: apt-get install strongswan-pki). These keys are public (they are in the repository): never use them
# for a real gateway; run the same commands with your own names to make real ones.
#
#   config/examples/make-example-pki.sh            # rewrites site-to-site-cert/ and road-warrior-server/ PKI files
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
pki() { command pki "$@" 2>/dev/null; }
days=3650

# One example CA signs every certificate.
pki --gen --type ecdsa --size 384 --outform pem > "$work/caKey.pem"
pki --self --ca --lifetime $days --in "$work/caKey.pem" --type ecdsa \
    --dn "C=XX, O=jswan example (NOT FOR PRODUCTION), CN=jswan Example CA" --outform pem > "$work/caCert.pem"

# issue NAME SAN DIR: NAMEKey.pem into DIR/ecdsa, NAMECert.pem into DIR/x509, caCert.pem into DIR/x509ca.
issue() {
    local name="$1" san="$2" dir="$here/$3"
    mkdir -p "$dir/ecdsa" "$dir/x509" "$dir/x509ca"
    pki --gen --type ecdsa --size 384 --outform pem > "$dir/ecdsa/${name}Key.pem"
    chmod 600 "$dir/ecdsa/${name}Key.pem"
    pki --pub --in "$dir/ecdsa/${name}Key.pem" --type ecdsa \
        | pki --issue --lifetime $days --cacert "$work/caCert.pem" --cakey "$work/caKey.pem" \
              --dn "C=XX, O=jswan example (NOT FOR PRODUCTION), CN=$san" --san "$san" \
              --flag serverAuth --flag ikeIntermediate --outform pem > "$dir/x509/${name}Cert.pem"
    cp "$work/caCert.pem" "$dir/x509ca/caCert.pem"
}

issue moon moon.example.org site-to-site-cert
issue gw vpn.example.org road-warrior-server
echo "example PKI written under $here (example only: never use these keys in production)"
