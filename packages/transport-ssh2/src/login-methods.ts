import { readFile } from 'node:fs/promises';
import { SshError, type LoginPrompt, type SecretSource } from '@openssh-ts/session-core';
import ssh2 from 'ssh2';
import type {
  AnyAuthMethod,
  AuthHandlerMiddleware,
  AuthenticationType,
  ParsedKey,
  Prompt,
} from 'ssh2';

/** What one login may use, in the order OpenSSH tries it. */
export interface LoginMaterial {
  readonly username: string;
  /** `user@host` for prompts, as ssh shows it. */
  readonly shownAs: string;
  /** ssh-agent socket (or `pageant`, or a Windows named pipe); undefined for none. */
  readonly agent: string | undefined;
  /** Private key files to offer, in order; missing files are skipped. */
  readonly keyFiles: readonly string[];
  readonly password: SecretSource | undefined;
  readonly passphrase: SecretSource | undefined;
  readonly onPrompt: ((prompt: LoginPrompt) => string | Promise<string>) | undefined;
  /** How long one answer may take (ConnectOptions.promptTimeout). */
  readonly promptTimeout: number;
}

/** Records why a login gave up, so the connect error can say it. */
export interface LoginOutcome {
  /** A failure of ours (a prompt handler that threw, a key we could not read) that ends the login. */
  failure: SshError | undefined;
}

type Step = () => Promise<AnyAuthMethod | undefined>;

const parseKey = ssh2.utils.parseKey;

/** An answer from the caller (a prompt handler, a secret function), cut off after `promptTimeout`. */
async function answerWithin(
  material: LoginMaterial,
  what: string,
  produce: () => string | Promise<string>,
): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new SshError('connect', `no answer to ${what} within ${material.promptTimeout} ms`, {
            reason: 'timed-out',
          }),
        ),
      material.promptTimeout,
    );
  });
  try {
    return await Promise.race([Promise.resolve().then(produce), deadline]);
  } catch (error) {
    if (SshError.isInstance(error)) throw error;
    throw new SshError('connect', `answering ${what} failed: ${String(error)}`, {
      reason: 'other',
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

function reveal(material: LoginMaterial, secret: SecretSource, what: string): Promise<string> {
  return typeof secret === 'string'
    ? Promise.resolve(secret)
    : answerWithin(material, what, secret);
}

function ask(material: LoginMaterial, prompt: LoginPrompt): Promise<string> {
  const handler = material.onPrompt!;
  return answerWithin(material, JSON.stringify(prompt.prompt.trim()), () => handler(prompt));
}

/**
 * ssh2's `authHandler` for one login: `none` first (to learn what the
 * server allows), then the agent, each key file, keyboard-interactive and
 * password — OpenSSH's PreferredAuthentications order. A method the server
 * did not list is skipped. Password and keyboard-interactive are tried only
 * when the caller gave a password or a prompt handler, so an unattended
 * login fails fast, as BatchMode does.
 */
export function loginHandler(
  material: LoginMaterial,
  outcome: LoginOutcome,
): AuthHandlerMiddleware {
  const steps: { method: AuthenticationType; step: Step }[] = [];
  const { username } = material;
  if (material.agent !== undefined) {
    const agent = material.agent;
    steps.push({
      method: 'publickey',
      step: () => Promise.resolve({ type: 'agent', username, agent }),
    });
  }
  for (const file of material.keyFiles) {
    steps.push({ method: 'publickey', step: () => keyMethod(material, file) });
  }
  const interactive = material.password !== undefined || material.onPrompt !== undefined;
  if (interactive) {
    steps.push({
      method: 'keyboard-interactive',
      step: () => Promise.resolve(keyboardInteractive(material, outcome)),
    });
    steps.push({ method: 'password', step: () => passwordMethod(material) });
  }
  let first = true;
  return (methodsLeft, _partialSuccess, next) => {
    if (first) {
      first = false;
      next({ type: 'none', username });
      return;
    }
    void (async () => {
      for (;;) {
        const candidate = steps.shift();
        if (candidate === undefined || outcome.failure !== undefined) return false;
        if (methodsLeft !== null && !methodsLeft.includes(candidate.method)) continue;
        const method = await candidate.step();
        if (method !== undefined) return method;
      }
    })().then(
      (method) => next(method as AnyAuthMethod),
      (error: unknown) => {
        outcome.failure = loginError(error);
        next(false as unknown as AnyAuthMethod);
      },
    );
  };
}

async function keyMethod(
  material: LoginMaterial,
  file: string,
): Promise<AnyAuthMethod | undefined> {
  const data = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new SshError('connect', `cannot read key file ${file}: ${error.message}`, {
      reason: 'other',
      cause: error,
    });
  });
  if (data === undefined) return undefined;
  const plain = parseKey(data);
  // Parsed keys are handed over as they are: an encrypted one costs a key
  // derivation (bcrypt rounds) each time it is parsed.
  if (!(plain instanceof Error)) {
    return { type: 'publickey', username: material.username, key: plainKey(plain) };
  }
  if (!/passphrase|encrypt/i.test(plain.message)) {
    throw new SshError('connect', `cannot use key file ${file}: ${plain.message}`, {
      reason: 'other',
      cause: plain,
    });
  }
  const passphrase =
    material.passphrase !== undefined
      ? await reveal(material, material.passphrase, 'the passphrase')
      : material.onPrompt !== undefined
        ? await ask(material, {
            prompt: `Enter passphrase for key '${file}': `,
            echo: false,
            kind: 'passphrase',
          })
        : undefined;
  // Unattended, an encrypted key is skipped as ssh -o BatchMode=yes skips it.
  if (passphrase === undefined) return undefined;
  const decrypted = parseKey(data, passphrase);
  if (decrypted instanceof Error) {
    throw new SshError('connect', `Permission denied: bad passphrase for key ${file}`, {
      reason: 'permission-denied',
      cause: decrypted,
    });
  }
  return { type: 'publickey', username: material.username, key: plainKey(decrypted) };
}

/** parseKey's result for a key file: its first key, as ssh uses. */
function plainKey(parsed: ParsedKey | ParsedKey[]): ParsedKey {
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key === undefined) {
    throw new SshError('connect', 'the key file holds no key', { reason: 'other' });
  }
  return key;
}

async function passwordMethod(material: LoginMaterial): Promise<AnyAuthMethod> {
  const password =
    material.password !== undefined
      ? await reveal(material, material.password, 'the password')
      : await ask(material, {
          prompt: `${material.shownAs}'s password: `,
          echo: false,
          kind: 'password',
        });
  return { type: 'password', username: material.username, password };
}

/**
 * keyboard-interactive: each prompt of each round goes to `onPrompt`, once
 * and in order; without a handler, a secret prompt is answered with the
 * password (what a PAM password question wants), and anything else ends
 * the method.
 */
function keyboardInteractive(material: LoginMaterial, outcome: LoginOutcome): AnyAuthMethod {
  return {
    type: 'keyboard-interactive',
    username: material.username,
    prompt: (_name, _instructions, _lang, prompts: Prompt[], finish) => {
      void (async () => {
        const answers: string[] = [];
        for (const prompt of prompts) answers.push(await answer(material, prompt));
        return answers;
      })().then(finish, (error: unknown) => {
        outcome.failure = loginError(error);
        finish([]);
      });
    },
  };
}

async function answer(material: LoginMaterial, prompt: Prompt): Promise<string> {
  const echo = prompt.echo === true;
  if (material.onPrompt !== undefined) {
    // As ssh shows it (sshconnect2.c input_userauth_info_req), so that among
    // many hosts asking at once the person can tell which one asks.
    return ask(material, {
      prompt: `(${material.shownAs}) ${prompt.prompt}`,
      echo,
      kind: 'keyboard-interactive',
    });
  }
  if (!echo && material.password !== undefined) {
    return reveal(material, material.password, 'the password');
  }
  throw new SshError(
    'connect',
    `the server asked "${prompt.prompt.trim()}" and no onPrompt handler was given to answer it`,
    { reason: 'permission-denied' },
  );
}

function loginError(error: unknown): SshError {
  if (SshError.isInstance(error)) return error;
  return new SshError('connect', `logging in failed: ${String(error)}`, {
    reason: 'other',
    cause: error,
  });
}
