/**
 * The network-namespace lab: a test fixture that builds small networks of namespaces and runs real peers
 * (strongSwan, jswan, iperf3, tcpdump) in them.
 */
package org.jswan.lab;
