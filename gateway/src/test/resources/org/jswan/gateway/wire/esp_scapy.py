#!/usr/bin/python3
# An independent ESP implementation for jswan's wire tests: Scapy's scapy.layers.ipsec (not jswan code).
#   esp_scapy.py send CASES.json          encrypt one ICMP echo request per case with the SA jswan receives on
#                                         (case["in"]) and send it to jswan (tunnel or transport mode, UDP or ESP)
#   esp_scapy.py decode CASES.json PCAP   decrypt (ICV verified) every ESP packet in PCAP whose SPI is known;
#                                         prints one JSON object per packet
# CASES.json: [{"name", "mode": "tunnel"|"transport", "encap": "udp"|"none", "jswan": "10.99.0.1", "peer": "...",
#   "jswan_port", "peer_port", "inner_jswan", "inner_peer", "icmp_id",
#   "out"|"in": {"spi", "crypt", "crypt_key" (hex, AEAD: key + salt), "auth" (or null), "auth_key"}}]
import json
import sys

from scapy.all import ICMP, IP, UDP, Raw, conf, rdpcap, send
from scapy.supersocket import L3RawSocket  # kernel routes and resolves ARP
from scapy.layers.ipsec import ESP, SecurityAssociation


def sa_of(spec, tunnel_header=None, nat_t_header=None):
    return SecurityAssociation(ESP, spi=spec["spi"], crypt_algo=spec["crypt"],
                               crypt_key=bytes.fromhex(spec["crypt_key"]),
                               auth_algo=spec.get("auth"),
                               auth_key=bytes.fromhex(spec["auth_key"]) if spec.get("auth") else None,
                               tunnel_header=tunnel_header, nat_t_header=nat_t_header)


def do_send(cases):
    conf.L3socket = L3RawSocket
    for c in cases:
        nat_t = UDP(sport=c["peer_port"], dport=c["jswan_port"]) if c["encap"] == "udp" else None
        if c["mode"] == "tunnel":
            inner = IP(src=c["inner_peer"], dst=c["inner_jswan"]) / ICMP(type=8, id=c["icmp_id"], seq=1) / Raw(
                b"scapy-to-jswan " + c["name"].encode())
            sa = sa_of(c["in"], tunnel_header=IP(src=c["peer"], dst=c["jswan"]), nat_t_header=nat_t)
        else:
            inner = IP(src=c["peer"], dst=c["jswan"]) / ICMP(type=8, id=c["icmp_id"], seq=1) / Raw(
                b"scapy-to-jswan " + c["name"].encode())
            sa = sa_of(c["in"], nat_t_header=nat_t)
        for seq in (1, 2):
            inner[ICMP].seq = seq
            del inner[ICMP].chksum
            pkt = sa.encrypt(IP(bytes(inner)), seq_num=seq)
            if UDP in pkt:
                # Scapy 2.5 fixes the NAT-T UDP length before it appends the ESP packet (it stays 8): set it.
                pkt[UDP].len = 8 + len(pkt[UDP].payload)
                pkt = IP(bytes(pkt))
            send(pkt, verbose=0)
        print(json.dumps({"sent": c["name"], "spi": c["in"]["spi"]}), flush=True)


def do_decode(cases, pcap):
    sas = {}
    for c in cases:
        for direction in ("out", "in"):
            sas[c[direction]["spi"]] = (c, direction)
    for pkt in rdpcap(pcap):
        if IP not in pkt:
            continue
        ip = pkt[IP]
        if ip.proto == 17 and UDP in ip:
            data = bytes(ip[UDP].payload)
            if len(data) < 8 or data[:4] == b"\x00\x00\x00\x00":
                continue  # RFC 3948: keepalive or IKE
            encap = "udp"
        elif ip.proto == 50:
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
            esp_pkt = IP(bytes(IP(src=ip.src, dst=ip.dst, proto=50) / Raw(data)))
            plain = sa_of(c[direction]).decrypt(esp_pkt, verify=True)
            inner = plain[IP].payload if isinstance(plain[IP].payload, IP) else plain[IP]
            out["next_header"] = plain[IP].proto
            out["inner_src"] = inner.src
            out["inner_dst"] = inner.dst
            if ICMP in inner:
                out["icmp_type"] = inner[ICMP].type
                out["icmp_id"] = inner[ICMP].id
                out["icmp_seq"] = inner[ICMP].seq
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
