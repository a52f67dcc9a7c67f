// The project's packages, loaded by name at run time and checked for the
// public API the cases use. They are written in parallel with this suite, so
// a package that has not landed (or lacks an export) makes its contenders
// "not available" with the reason, instead of failing the run or — worse —
// showing a number that was never measured. Only the public API is used.
import type { Readable, Writable } from 'node:stream';

/** How a project command ended (session-core's ExitStatus). */
export interface ProjectExitStatus {
  readonly success: boolean;
  readonly code: number | null;
}

/** A started remote command (session-core's RemoteChild). */
export interface ProjectChild {
  readonly stdin: Writable | null;
  readonly stdout: Readable | null;
  wait(): Promise<ProjectExitStatus>;
}

/** A command being built (session-core's Command). */
export interface ProjectCommand {
  args(values: readonly string[]): ProjectCommand;
  stdin(mode: 'null' | 'pipe'): ProjectCommand;
  stdout(mode: 'null' | 'pipe'): ProjectCommand;
  stderr(mode: 'null' | 'pipe'): ProjectCommand;
  status(): Promise<ProjectExitStatus>;
  spawn(): Promise<ProjectChild> | ProjectChild;
}

/** A connected session (session-core's Session). */
export interface ProjectSession {
  command(program: string): ProjectCommand;
  /** The ControlMaster's status (session-core's MasterStatus); only its pid is used. */
  check?(): Promise<{ readonly masterPid?: number }>;
  close(): Promise<void>;
}

/** An SFTP client (packages/sftp). */
export interface ProjectSftp {
  fastGet(remotePath: string, localPath: string): Promise<unknown>;
  fastPut(localPath: string, remotePath: string): Promise<unknown>;
  close(): Promise<void>;
}

/** Which transport a project contender uses. */
export type TransportName = 'process' | 'native' | 'ssh2';

/** Options the cases pass to `Session.connect`. */
export interface ProjectConnectOptions {
  readonly configFile: string;
  readonly controlDirectory: string;
  /** Extra `-o Name=value` options for the ControlMaster: the cipher and key exchange, named explicitly. */
  readonly sshOptions: readonly string[];
  /** The same cipher and key exchange for the ssh2 transport, which does not read them from ssh_config. */
  readonly cipher: string;
  readonly kex: string;
}

/** What could be loaded; each `unavailable…` field says why a part is missing. */
export interface Project {
  connect(
    transport: TransportName,
    destination: string,
    options: ProjectConnectOptions,
  ): Promise<ProjectSession>;
  /** Why `connect` cannot work with the transport, if it cannot. */
  transportUnavailable(transport: TransportName): string | undefined;
  connectSftp(session: ProjectSession): Promise<ProjectSftp>;
  readonly sftpUnavailable: string | undefined;
  quote(argument: string): string;
  readonly escapeUnavailable: string | undefined;
  /** Decodes whole buffers of proxy-mode packets; returns how many messages came out. */
  decodeProxyPackets(chunks: readonly Uint8Array[]): number;
  readonly muxCodecUnavailable: string | undefined;
}

type Loaded = { readonly module: Record<string, unknown> } | { readonly reason: string };

async function load(packageName: string): Promise<Loaded> {
  try {
    // A string typed as `string`, so the compiler does not tie this package
    // to the exact types of packages still being written.
    const specifier: string = packageName;
    const module: unknown = await import(specifier);
    return { module: module as Record<string, unknown> };
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    return { reason: `${packageName} does not load: ${first.slice(0, 160)}` };
  }
}

function member(
  loaded: Loaded,
  path: readonly string[],
  packageName: string,
): { value: unknown } | { reason: string } {
  if ('reason' in loaded) return { reason: loaded.reason };
  let value: unknown = loaded.module;
  for (const key of path) {
    value =
      typeof value === 'object' || typeof value === 'function'
        ? (value as Record<string, unknown> | null)?.[key]
        : undefined;
  }
  if (typeof value !== 'function') return { reason: `${packageName} has no ${path.join('.')} yet` };
  return { value };
}

function unavailableError(reason: string): Error {
  return new Error(`not available: ${reason}`);
}

type Callable = (...values: unknown[]) => unknown;

/** Loads the project's packages and checks their public API. Never throws. */
export async function loadProject(): Promise<Project> {
  const [sessionCore, transportProcess, transportNative, transportSsh2, sftp, escape, muxCodec] =
    await Promise.all([
      load('@openssh-ts/session-core'),
      load('@openssh-ts/transport-process'),
      load('@openssh-ts/transport-native'),
      load('@openssh-ts/transport-ssh2'),
      load('@openssh-ts/sftp'),
      load('@openssh-ts/escape'),
      load('@openssh-ts/mux-codec'),
    ]);
  const sessionClass = 'module' in sessionCore ? sessionCore.module.Session : undefined;
  const connect = member(sessionCore, ['Session', 'connect'], '@openssh-ts/session-core');
  const factories = {
    process: member(transportProcess, ['processTransport'], '@openssh-ts/transport-process'),
    native: member(transportNative, ['nativeTransport'], '@openssh-ts/transport-native'),
    ssh2: member(transportSsh2, ['ssh2Transport'], '@openssh-ts/transport-ssh2'),
  };
  const transportUnavailable = (transport: TransportName): string | undefined => {
    if ('reason' in connect) return connect.reason;
    const factory = factories[transport];
    return 'reason' in factory ? factory.reason : undefined;
  };
  const sftpConnect = member(sftp, ['Sftp', 'connect'], '@openssh-ts/sftp');
  const quote = member(escape, ['quote'], '@openssh-ts/escape');
  const decoder = findProxyDecoder(muxCodec);

  return {
    async connect(transport, destination, options) {
      const reason = transportUnavailable(transport);
      const factory = factories[transport];
      if (reason !== undefined || 'reason' in connect || 'reason' in factory)
        throw unavailableError(reason ?? '');
      // ssh2 connects by itself and takes the algorithms as options; the
      // others pass them to their ControlMaster through sshOptions.
      const transportValue = (factory.value as Callable)(
        transport === 'ssh2'
          ? { algorithms: { cipher: [options.cipher], kex: [options.kex] } }
          : undefined,
      );
      const session = await (connect.value as Callable).call(sessionClass, destination, {
        transport: transportValue,
        configFile: options.configFile,
        controlDirectory: options.controlDirectory,
        sshOptions: options.sshOptions,
      });
      return session as ProjectSession;
    },
    transportUnavailable,
    async connectSftp(session) {
      if ('reason' in sftpConnect) throw unavailableError(sftpConnect.reason);
      const sftpClass = 'module' in sftp ? sftp.module.Sftp : undefined;
      return (await (sftpConnect.value as Callable).call(sftpClass, session)) as ProjectSftp;
    },
    sftpUnavailable: 'reason' in sftpConnect ? sftpConnect.reason : undefined,
    quote(argument) {
      if ('reason' in quote) throw unavailableError(quote.reason);
      return (quote.value as Callable)(argument) as string;
    },
    escapeUnavailable: 'reason' in quote ? quote.reason : undefined,
    decodeProxyPackets(chunks) {
      if ('reason' in decoder) throw unavailableError(decoder.reason);
      return decoder.decode(chunks);
    },
    muxCodecUnavailable: 'reason' in decoder ? decoder.reason : undefined,
  };
}

interface PushDecoder {
  push(chunk: Uint8Array): readonly unknown[];
}

function findProxyDecoder(
  loaded: Loaded,
): { decode(chunks: readonly Uint8Array[]): number } | { reason: string } {
  const found = member(loaded, ['ProxyPacketDecoder'], '@openssh-ts/mux-codec');
  if ('reason' in found) return found;
  const Decoder = found.value as new () => PushDecoder;
  return {
    decode(chunks) {
      // A fresh decoder per pass, as a new proxy connection would have.
      const decoder = new Decoder();
      let messages = 0;
      for (const chunk of chunks) messages += decoder.push(chunk).length;
      return messages;
    },
  };
}
