import { existsSync } from 'node:fs';
import { processesMentioning } from '@openssh-ts/test-sshd';
import { harnessSshd } from '@openssh-ts/test-sshd/vitest';
import { expect, it } from 'vitest';
import { decodeControlStream, expectScriptedExchange } from './__fixtures__/control-stream.js';
import { concatBytes } from './__fixtures__/hex.js';
import { converse, startMaster } from './__fixtures__/live-master.js';
import { encodeMuxMessage } from './mux-encode.js';
import { encodeProxyPacket } from './proxy-encode.js';

// The goldens pin one OpenSSH; this replays the same conversation against
// the ssh and sshd installed here, so a master that answers differently is
// noticed by CI, not by a transport in production.
it('speaks the scripted conversation with a live ControlMaster', async () => {
  const master = await startMaster(harnessSshd());
  try {
    const { recorder, masterPid } = await converse(master.controlPath);
    // Decoded as delivered by the socket, then re-encoded byte for byte.
    const decoded = decodeControlStream(recorder.received);
    expectScriptedExchange(decoded, masterPid);
    const reencoded = concatBytes([
      ...decoded.mux.map(encodeMuxMessage),
      ...decoded.proxy.map(encodeProxyPacket),
    ]);
    expect(reencoded).toEqual(concatBytes(recorder.received));
  } finally {
    await master.stop();
  }
  expect(processesMentioning([master.directory])).toEqual([]);
  expect(existsSync(master.directory)).toBe(false);
});
