/**
 * glibc malloc settings for the ControlMaster we launch, merged into its
 * GLIBC_TUNABLES.
 *
 * Why: in mux proxy mode (the native transport) the master appends every
 * packet for a client to one buffer (channels.c channel_proxy_upstream) and
 * grows that buffer by allocating a new one and copying it whole
 * (sshbuf_allocate, recallocarray). It reads up to 256 KiB of the connection
 * per poll pass but writes a client at most one socket buffer, so on a link
 * with more than 2 MiB in flight that buffer holds megabytes. With glibc's
 * defaults each of those copies lands in freshly mapped pages (blocks over
 * the mmap threshold, 128 KiB at first) and page-faults on every one:
 * measured at a 50 ms round trip, 128 MiB downloads through a grown window
 * stalled at 4.5-17 MiB/s in 4 of 12 runs, the master at full CPU in memcpy
 * and page faults (perf), and ran at 30-118 MiB/s in all 12 with these
 * settings. They keep such blocks on the heap and the heap's top mapped: the
 * master's memory stays what it used, and nothing else changes.
 *
 * glibc ignores tunables it does not know, and other C libraries ignore the
 * variable.
 */
export const MASTER_MALLOC_TUNABLES: Readonly<Record<string, string>> = {
  // Largest block served by the heap rather than by its own mapping (the cap glibc allows).
  'glibc.malloc.mmap_threshold': String(32 * 1024 * 1024),
  // Free memory at the heap's top kept mapped rather than returned at once.
  'glibc.malloc.trim_threshold': String(64 * 1024 * 1024),
};

/**
 * `existing` GLIBC_TUNABLES (`name=value:name=value`) with
 * {@link MASTER_MALLOC_TUNABLES} added where the user set no value of their
 * own.
 */
export function withMasterMallocTunables(existing: string | undefined): string {
  const entries = (existing ?? '').split(':').filter((entry) => entry.length > 0);
  const named = new Set(entries.map((entry) => entry.split('=', 1)[0]));
  for (const [name, value] of Object.entries(MASTER_MALLOC_TUNABLES)) {
    if (!named.has(name)) entries.push(`${name}=${value}`);
  }
  return entries.join(':');
}
