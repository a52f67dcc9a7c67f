import { describe, expect, it } from 'vitest';
import { PREAMBLE_LIMIT, PreambleScanner } from './session-preamble.js';

const opened =
  'OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL 3.0.19 27 Jan 2026\r\n' +
  'debug1: Reading configuration data /etc/ssh/ssh_config\r\n' +
  'debug1: mux_client_request_session: master session id: 2\r\n';

describe('PreambleScanner', () => {
  it('finds the opened line at every split and hands on what follows', () => {
    const whole = Buffer.from(`${opened}remote err\n`);
    for (let split = 0; split <= whole.length; split += 1) {
      const scanner = new PreambleScanner();
      const first = scanner.push(whole.subarray(0, split));
      const verdict = first.state === 'pending' ? scanner.push(whole.subarray(split)) : first;
      expect(verdict.state).toBe('opened');
      if (verdict.state !== 'opened') return;
      const rest =
        first.state === 'opened'
          ? Buffer.concat([verdict.rest, whole.subarray(split)])
          : verdict.rest;
      expect(rest.toString()).toBe('remote err\n');
    }
  });

  it('keeps remote stderr that arrived before the opened line, without ssh lines around it', () => {
    const scanner = new PreambleScanner();
    const lines = opened.split(/(?<=\n)/);
    const raced = [lines[0], lines[1], 'early \xff\n', lines[2], 'late\n'].join('');
    const verdict = scanner.push(Buffer.from(raced, 'latin1'));
    expect(verdict.state).toBe('opened');
    if (verdict.state === 'opened')
      expect(verdict.rest.toString('latin1')).toBe('early \xff\nlate\n');
  });

  it('recognizes a refused session', () => {
    const scanner = new PreambleScanner();
    const verdict = scanner.push(
      Buffer.from(
        'mux_client_request_session: session request failed: Session open refused by peer\r\n',
      ),
    );
    expect(verdict.state).toBe('pending');
    expect(scanner.refused).toBe(true);
  });

  it('gives up holding bytes after the limit', () => {
    const scanner = new PreambleScanner();
    expect(scanner.push(Buffer.alloc(PREAMBLE_LIMIT, 0x61)).state).toBe('pending');
    const verdict = scanner.push(Buffer.from('b'));
    expect(verdict.state).toBe('overflow');
    if (verdict.state === 'overflow') expect(verdict.rest.length).toBe(PREAMBLE_LIMIT + 1);
  });
});
