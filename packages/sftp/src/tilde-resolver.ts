import { EXTENSION_EXPAND_PATH, EXTENSION_HOME_DIRECTORY } from './constants.js';
import { decodeLenient, joinPath } from './path-bytes.js';
import type { ProtocolClient } from './protocol-client.js';
import { SftpError } from './sftp-error.js';

const TILDE = 0x7e;
const SLASH = 0x2f;

/**
 * Expands a leading `~` or `~user` the way OpenSSH's `sftp` does. Only the
 * prefix is sent to the server (`expand-path@openssh.com`, else
 * `home-directory`), and the answer is cached per prefix, so `~/a` and
 * `~/b` cost one round trip together and the rest of the path need not
 * exist. Without either extension, `~` alone and `~/x` fall back to paths
 * relative to the server's start directory, which OpenSSH's server sets to
 * the user's home.
 */
export class TildeResolver {
  private readonly cache = new Map<string, Promise<Uint8Array>>();

  constructor(private readonly client: ProtocolClient) {}

  resolve(path: Uint8Array): Uint8Array | Promise<Uint8Array> {
    if (path[0] !== TILDE) return path;
    const slash = path.indexOf(SLASH);
    const prefix = slash < 0 ? path : path.subarray(0, slash);
    const rest = slash < 0 ? new Uint8Array(0) : path.subarray(slash + 1);
    const key = decodeLenient(prefix);
    let home = this.cache.get(key);
    if (home === undefined) {
      home = this.expand(prefix, key);
      // A failed expansion is not cached: the next call asks again.
      home.catch(() => this.cache.delete(key));
      this.cache.set(key, home);
    }
    return home.then((directory) =>
      rest.byteLength === 0 ? directory : joinPath(directory, rest),
    );
  }

  private async expand(prefix: Uint8Array, key: string): Promise<Uint8Array> {
    if (this.client.has(EXTENSION_EXPAND_PATH)) return this.client.expandPath(prefix);
    if (this.client.has(EXTENSION_HOME_DIRECTORY)) return this.client.homeDirectory(key.slice(1));
    if (prefix.byteLength === 1) return new TextEncoder().encode('.');
    throw new SftpError(
      'unsupported',
      `cannot expand '${key}': the server offers no home-directory lookup`,
      {
        path: key,
      },
    );
  }
}
