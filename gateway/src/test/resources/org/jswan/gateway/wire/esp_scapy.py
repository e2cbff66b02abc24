#!/usr/bin/python3
# An independent ESP implementation for jswan's wire tests: Scapy's scapy.layers.ipsec (not jswan code).
#   esp_scapy.py send CASES.json          encrypt one ICMP echo request per case with the SA jswan receives on
#                                         (case["in"]) and send it to jswan (tunnel or transport mode, UDP or ESP)
#   esp_scapy.py decode CASES.json PCAP   decrypt (ICV verified) every ESP packet in PCAP whose SPI is known;
#                                         prints one JSON object per packet
# CASES.json: [{"name", "mode": "tunnel"|"transport", "encap": "udp"|"none", "jswan": "10.99.0.1", "peer": "...",
#   (IPv4 or IPv6 addresses, outer and inner families may differ in tunnel mode)
#   "jswan_port", "peer_port", "inner_jswan", "inner_peer", "icmp_id", "esn": true|false,
#   "out"|"in": {"spi", "crypt", "crypt_key" (hex, AEAD: key + salt), "auth" (or null), "auth_key"}}]
# ESN (RFC 4304) cases run both counters across 2^32: Scapy sends 2^32 - 1, 2^32, 2^32 + 1 (tampered), and jswan
# starts its counter at 2^32 - 2, so every ESN packet's high bits are 0 for a low half >= 2^31 and 1 below it.
import hashlib
import hmac
import json
import struct
import sys

import socket

from scapy.all import ICMP, IP, UDP, Raw, rdpcap
from scapy.layers.inet6 import ICMPv6EchoReply, ICMPv6EchoRequest, IPv6
from scapy.layers.ipsec import ESP, SecurityAssociation


def sa_of(spec, tunnel_header=None, nat_t_header=None):
    return SecurityAssociation(ESP, spi=spec["spi"], crypt_algo=spec["crypt"],
                               crypt_key=bytes.fromhex(spec["crypt_key"]),
                               auth_algo=spec.get("auth"),
                               auth_key=bytes.fromhex(spec["auth_key"]) if spec.get("auth") else None,
                               tunnel_header=tunnel_header, nat_t_header=nat_t_header)


HMAC_OF = {"SHA2-256-128": (hashlib.sha256, 16), "SHA2-384-192": (hashlib.sha384, 24),
           "SHA2-512-256": (hashlib.sha512, 32)}


def esn_high(low):
    return 0 if low >= 0x80000000 else 1


def esp_hmac_icv(spec, esp_bytes_without_icv, high):
    # RFC 4303 §2.2.1 / §3.3.2.1: with ESN the high 32 bits are appended for the ICV only. Scapy 2.5 does this for
    # AH but not for ESP, so the ICV is computed here (Scapy still does the encryption).
    digest, size = HMAC_OF[spec["auth"]]
    return hmac.new(bytes.fromhex(spec["auth_key"]), esp_bytes_without_icv + struct.pack("!L", high),
                    digest).digest()[:size]


def ip_of(src, dst):
    return IPv6(src=src, dst=dst) if ":" in src else IP(src=src, dst=dst)


def echo_request(src, dst, icmp_id, seq, text):
    if ":" in src:
        return IPv6(src=src, dst=dst) / ICMPv6EchoRequest(id=icmp_id, seq=seq, data=text)
    return IP(src=src, dst=dst) / ICMP(type=8, id=icmp_id, seq=seq) / Raw(text)


def send_raw(pkt):
    # Raw IPPROTO_RAW sockets send the packet as built (header included); the kernel routes it and resolves the
    # neighbour (Scapy's own L3 sockets fail on IPv6 here).
    family = socket.AF_INET6 if isinstance(pkt, IPv6) else socket.AF_INET
    with socket.socket(family, socket.SOCK_RAW, socket.IPPROTO_RAW) as s:
        s.sendto(bytes(pkt), (pkt.dst, 0))


def finish(pkt, tamper):
    if UDP in pkt:
        # Scapy 2.5 fixes the NAT-T UDP length before it appends the ESP packet (it stays 8): set it.
        # RFC 3948 §2.1 zero checksum over IPv4; over IPv6 a UDP checksum is mandatory (RFC 8200 §8.1).
        pkt[UDP].len = 8 + len(pkt[UDP].payload)
        if IPv6 in pkt:
            del pkt[UDP].chksum
    data = bytearray(bytes(pkt))
    if tamper:
        data[-1] ^= 0x01
    pkt = pkt.__class__(bytes(data))
    if tamper and IPv6 in pkt and UDP in pkt:
        del pkt[UDP].chksum  # let the bad ICV, not the UDP checksum, be what fails
        pkt = pkt.__class__(bytes(pkt))
    return pkt


def do_send(cases):
    for c in cases:
        nat_t = UDP(sport=c["peer_port"], dport=c["jswan_port"]) if c["encap"] == "udp" else None
        text = b"scapy-to-jswan " + c["name"].encode()
        if c["mode"] == "tunnel":
            src, dst = c["inner_peer"], c["inner_jswan"]
            sa = sa_of(c["in"], tunnel_header=ip_of(c["peer"], c["jswan"]), nat_t_header=nat_t)
        else:
            src, dst = c["peer"], c["jswan"]
            sa = sa_of(c["in"], nat_t_header=nat_t)
        # seq 1 and 2 are good; seq 3 has its last ICV byte flipped, which jswan must drop (RFC 4303 §3.4.4).
        # ESN: 2^32 - 1, 2^32 (low half 0 on the wire), 2^32 + 1.
        full = (0xFFFFFFFF, 1 << 32, (1 << 32) + 1) if c.get("esn") else (1, 2, 3)
        for n, seq in enumerate(full):
            inner = echo_request(src, dst, c["icmp_id"], n + 1, text)
            inner = inner.__class__(bytes(inner))
            low, high = seq & 0xFFFFFFFF, seq >> 32
            sa.seq_num = low  # Scapy takes "seq_num or self.seq_num": a low half of 0 must come from here
            pkt = sa.encrypt(inner, seq_num=low, esn_en=bool(c.get("esn")), esn=high)
            if c.get("esn") and c["in"].get("auth"):
                esp = pkt[ESP]
                size = HMAC_OF[c["in"]["auth"]][1]
                esp.data = esp.data[:-size]
                esp.data += esp_hmac_icv(c["in"], bytes(esp), high)
            send_raw(finish(pkt, tamper=n == 2))
        print(json.dumps({"sent": c["name"], "spi": c["in"]["spi"]}), flush=True)


def do_decode(cases, pcap):
    sas = {}
    for c in cases:
        for direction in ("out", "in"):
            sas[c[direction]["spi"]] = (c, direction)
    for pkt in rdpcap(pcap):
        if IPv6 in pkt:
            ip = pkt[IPv6]
            proto = ip.nh
        elif IP in pkt:
            ip = pkt[IP]
            proto = ip.proto
        else:
            continue
        if proto == 17 and UDP in ip:
            data = bytes(ip[UDP].payload)
            if len(data) < 8 or data[:4] == b"\x00\x00\x00\x00":
                continue  # RFC 3948: keepalive or IKE
            encap = "udp"
        elif proto == 50:
            data = bytes(ip.payload)
            encap = "none"
        else:
            continue
        spi = int.from_bytes(data[:4], "big")
        seq = int.from_bytes(data[4:8], "big")
        if spi not in sas:
            continue
        c, direction = sas[spi]
        out = {"spi": spi, "seq": seq, "case": c["name"], "dir": direction, "encap": encap,
               "outer_src": ip.src, "outer_dst": ip.dst}
        try:
            if isinstance(ip, IPv6):
                esp_pkt = IPv6(bytes(IPv6(src=ip.src, dst=ip.dst, nh=50) / Raw(data)))
            else:
                esp_pkt = IP(bytes(IP(src=ip.src, dst=ip.dst, proto=50) / Raw(data)))
            if c.get("esn"):
                high = esn_high(seq)
                out["seq"] = high << 32 | seq
                spec = c[direction]
                if spec.get("auth"):
                    size = HMAC_OF[spec["auth"]][1]
                    if esp_hmac_icv(spec, data[:-size], high) != data[-size:]:
                        raise ValueError("ESN HMAC ICV mismatch")
                plain = sa_of(spec).decrypt(esp_pkt, verify=not spec.get("auth"), esn_en=True, esn=high)
            else:
                plain = sa_of(c[direction]).decrypt(esp_pkt, verify=True)
            out["next_header"] = plain.nh if isinstance(plain, IPv6) else plain.proto
            inner = plain.payload if isinstance(plain.payload, (IP, IPv6)) else plain
            out["inner_src"] = inner.src
            out["inner_dst"] = inner.dst
            for layer, icmp_type in ((ICMP, None), (ICMPv6EchoRequest, 128), (ICMPv6EchoReply, 129)):
                if layer in inner:
                    out["icmp_type"] = inner[layer].type if icmp_type is None else icmp_type
                    out["icmp_id"] = inner[layer].id
                    out["icmp_seq"] = inner[layer].seq
                    break
        except Exception as e:  # report, the Java side asserts
            out["error"] = "%s: %s" % (type(e).__name__, e)
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    with open(sys.argv[2]) as f:
        loaded = json.load(f)
    if sys.argv[1] == "send":
        do_send(loaded)
    else:
        do_decode(loaded, sys.argv[3])
