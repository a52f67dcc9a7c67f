/** Key blobs for unit tests: the right shape (an SSH string type, then bytes), not real keys. */
function sshString(bytes: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** A blob of `keyType` whose body is 32 bytes of `seed`. */
export function testKey(keyType: string, seed: number): Buffer {
  return Buffer.concat([sshString(Buffer.from(keyType)), sshString(Buffer.alloc(32, seed))]);
}

/** The `keytype base64` part of a known_hosts line for a test key. */
export function keyText(key: Buffer): string {
  const length = key.readUInt32BE(0);
  return `${key.subarray(4, 4 + length).toString()} ${key.toString('base64')}`;
}
