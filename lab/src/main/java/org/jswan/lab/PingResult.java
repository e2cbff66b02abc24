package org.jswan.lab;

/**
 * @param transmitted echo requests sent
 * @param received    echo replies received
 * @param output      ping's full output
 */
public record PingResult(int transmitted, int received, String output) {

    public int lossPercent() {
        return transmitted == 0 ? 100 : 100 * (transmitted - received) / transmitted;
    }
}
