// How much stdin data to put in one CHANNEL_DATA packet on the proxy link.
//
// The ControlMaster reads a proxy client's packets in its poll loop, one
// read(2) per pass: first the 4-byte length, then the body at most CHAN_RBUF
// (16 KiB) at a time, and it never reads past the end of a packet
// (`read_mux` and `channel_post_mux_client_read` in OpenSSH's channels.c).
// A full 32 KiB DATA packet has a body 10 bytes over two such reads, so the
// master needs a third pass and a fourth read(2) for those 10 bytes. Sending
// 10 bytes less per packet saves that pass on every packet. Measured with
// bench/stream-cpu.bench.ts (stdin into `cat`, chacha20-poly1305, 2 cores):
// on a quiet machine the master went from 1.86 to 1.72 CPU s/GiB and the
// upload from 332 to 376 MiB/s; under load, alternating runs gave master
// medians of 1.80 before and 1.70 after. Halving packets to fit one read is
// worse: twice the packets for sshd and the cipher (321 MiB/s).

/** What the master takes from a proxy client in one read (CHAN_RBUF in channels.c). */
const MASTER_READ_SIZE = 16 * 1024;
/** Proxy packet body around the data: padding length, type, recipient channel, data length. */
const DATA_OVERHEAD = 1 + 1 + 4 + 4;
/** EXTENDED_DATA adds its data type code. */
const EXTENDED_DATA_OVERHEAD = DATA_OVERHEAD + 4;

/**
 * The largest payload of one DATA (or, with `extended`, EXTENDED_DATA)
 * packet that the master reads in two passes of its poll loop.
 */
export function proxyDataSize(extended: boolean): number {
  return 2 * MASTER_READ_SIZE - (extended ? EXTENDED_DATA_OVERHEAD : DATA_OVERHEAD);
}
