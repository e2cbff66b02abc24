/*
 * What the C seal loops share (included by each; they build on their own, one gcc line each): the clock, the
 * packet-length argument, and how many seals one figure averages.
 */
#ifndef JSWAN_SEAL_LOOP_H
#define JSWAN_SEAL_LOOP_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define SEALS 2000000L

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/*
 * The LENGTH argument (argv[1]), 0..2000 bytes: one packet, with room for the tag in a 2048-byte buffer. -1 after an
 * error line when there are not argc_wanted arguments (usage names them) or LENGTH is out of range.
 */
static int packet_length(int argc, char **argv, int argc_wanted, const char *usage) {
    if (argc != argc_wanted) {
        fprintf(stderr, "usage: %s %s\n", argv[0], usage);
        return -1;
    }
    int len = atoi(argv[1]);
    if (len < 0 || len > 2000) {
        fprintf(stderr, "LENGTH must be 0..2000\n");
        return -1;
    }
    return len;
}

#endif
