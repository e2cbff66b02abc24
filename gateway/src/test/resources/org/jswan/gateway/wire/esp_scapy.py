#!/usr/bin/python3
# An independent ESP implementation for jswan's wire tests: Scapy's scapy.layers.ipsec (not jswan code).
#   esp_scapy.py send CASES.json          encrypt one ICMP echo request per case with the SA jswan receives on
#                                         (case["in"]) and send it to jswan (tunnel or transport mode, UDP or ESP)
#   esp_scapy.py decode CASES.json PCAP   decrypt (ICV verified) every ESP packet in PCAP whose SPI is known;
#                                         prints one JSON object per packet
# CASES.json: [{"name", "mode": "tunnel"|"transport", "encap": "udp"|"none", "jswan": "10.99.0.1", "peer": "...",
#   (IPv4 or IPv6 addresses, outer and inner families may differ in tunnel mode)
#   "jswan_port", "peer_port", "inner_jswan", "inner_peer", "icmp_id",
#   "out"|"in": {"spi", "crypt", "crypt_key" (hex, AEAD: key + salt), "auth" (or null), "auth_key"}}]
import json
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
        for seq in (1, 2, 3):
            inner = echo_request(src, dst, c["icmp_id"], seq, text)
            inner = inner.__class__(bytes(inner))
            send_raw(finish(sa.encrypt(inner, seq_num=seq), tamper=seq == 3))
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
