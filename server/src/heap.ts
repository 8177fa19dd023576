/**
 * The language server's young generation stays at V8's initial size (1 MiB semi-spaces).
 *
 * Opening a large Containerfile allocates in one burst (a parse per instruction and per RUN script),
 * and V8 answers a burst by growing the young generation to 16 MiB semi-spaces, which stay resident:
 * a 10,000-line file took the server from 53 to 116 MiB, 30 MiB of it empty young space (measured
 * with v8.getHeapSpaceStatistics). Kept small, the burst costs more frequent, short scavenges (the
 * same CPU time on that file) and the peak is 93 MiB. The flags are V8's own and process-wide (worker
 * threads share them); a V8 that does not know one ignores it with a line on stderr, never stdout
 * (the LSP stream).
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--max-semi-space-size=1');
setFlagsFromString('--semi-space-growth-factor=1');
