// A name lookup for transports that resolve host names themselves, run
// where no packet can leave: the system resolver (getent, as getaddrinfo
// would answer) inside a fresh network namespace. Tests use it to prove
// "cannot resolve" without ever sending a DNS query for a made-up name.
import { execFile } from 'node:child_process';
import type { LookupFunction } from 'node:net';

/** `net.connect`'s `lookup`, answered by `getent ahosts` under `unshare -n`. */
export const lookupWithoutNetwork: LookupFunction = (hostname, options, callback) => {
  const unshare = process.getuid?.() === 0 ? ['-n'] : ['-rn'];
  execFile('unshare', [...unshare, '--', 'getent', 'ahosts', hostname], (error, stdout) => {
    const address = /^(\S+)/.exec(stdout)?.[1];
    if (error !== null || address === undefined) {
      // getent exits 2 for "no such key": the name does not exist.
      const code = error?.code === 2 ? 'ENOTFOUND' : 'EAI_AGAIN';
      const failure = Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), {
        code,
        hostname,
      });
      callback(failure, '', 0);
      return;
    }
    const family = address.includes(':') ? 6 : 4;
    if (options.all === true) callback(null, [{ address, family }]);
    else callback(null, address, family);
  });
};
