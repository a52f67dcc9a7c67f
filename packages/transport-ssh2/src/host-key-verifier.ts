/** ssh2's `hostVerifier` shape: an answer through `verify`, now or later. */
export type Ssh2HostVerifier = (key: Buffer, verify: (valid: boolean) => void) => void;

/**
 * The `hostVerifier` for one connection: the key of its first key exchange
 * is checked by `check` (known_hosts; it may take a while), and the key of
 * every later exchange (a rekey) must be that same key, answered at once.
 *
 * At once, because ssh2 (1.17) corrupts the connection when a rekey's answer
 * comes later while channel data flows: sshd saw a CHANNEL_DATA payload
 * without its packet header ("Bad packet length 1577058304", 0x5e000000) and
 * dropped the connection. sshd rekeys chacha20-poly1305 after each 1 GiB
 * (OpenSSH's default limit for an 8-byte cipher block), so 1 GiB uploads on
 * this transport failed with ECONNRESET.
 *
 * A different key on a rekey is refused: the connection's host key is the
 * one that was checked, and a server that changes it mid-connection is not
 * the one the user trusted.
 */
export function connectionHostVerifier(
  check: (key: Buffer) => Promise<void>,
  onRefused: (error: unknown) => void,
): Ssh2HostVerifier {
  let trusted: Buffer | undefined;
  return (key, verify) => {
    if (trusted !== undefined) {
      verify(trusted.equals(key));
      return;
    }
    check(key).then(
      () => {
        trusted = Buffer.from(key);
        verify(true);
      },
      (error: unknown) => {
        onRefused(error);
        verify(false);
      },
    );
  };
}
