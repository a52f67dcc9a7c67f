// Asking login questions on the terminal the way ssh does (readpassphrase):
// the prompt on the terminal, the answer read with echo off, one question at
// a time however many sessions connect at once. Exported for every
// transport's use: `Session.connect` takes the result as `onPrompt`.
import type { ReadStream } from 'node:tty';
import type { Writable } from 'node:stream';
import type { LoginPrompt } from '@openssh-ts/session-core';

/** ssh's own bound (readpass.c reads 1023 bytes); a longer answer is refused. */
const MAX_ANSWER_BYTES = 1022;

/** Thrown when the person at the terminal gives up (Ctrl-C, Ctrl-D). */
export class PromptCancelledError extends Error {
  override readonly name = 'PromptCancelledError';
}

/** The state of one line being typed, fed byte by byte. */
export interface LineEditor {
  /** Feeds typed bytes; returns the answer once Enter is pressed. */
  feed(bytes: Buffer): { readonly done: false } | { readonly done: true; readonly answer: string };
}

/**
 * A line editor for a terminal in raw mode: Enter ends the answer, Backspace
 * and Ctrl-U edit it, Ctrl-C and Ctrl-D (on an empty line) cancel with
 * {@link PromptCancelledError}; an answer longer than ssh can take is refused.
 * `echo` is called with what to show (nothing for secrets).
 */
export function lineEditor(echo: ((text: string) => void) | undefined): LineEditor {
  let typed: number[] = [];
  return {
    feed(bytes) {
      for (const byte of bytes) {
        if (byte === 0x0d || byte === 0x0a) {
          return { done: true, answer: Buffer.from(typed).toString('utf8') };
        } else if (byte === 0x03) {
          throw new PromptCancelledError('interrupted at the login prompt');
        } else if (byte === 0x04) {
          if (typed.length === 0)
            throw new PromptCancelledError('end of input at the login prompt');
        } else if (byte === 0x7f || byte === 0x08) {
          // Drop one whole UTF-8 character: continuation bytes are 10xxxxxx.
          while (typed.length > 0 && ((typed.pop() ?? 0) & 0xc0) === 0x80);
          echo?.('\b \b');
        } else if (byte === 0x15) {
          typed = [];
          echo?.('\r\x1b[K');
        } else if (byte >= 0x20 || byte === 0x09) {
          typed.push(byte);
          if (typed.length > MAX_ANSWER_BYTES)
            throw new PromptCancelledError(`the answer is longer than ${MAX_ANSWER_BYTES} bytes`);
          echo?.(String.fromCharCode(byte));
        }
      }
      return { done: false };
    },
  };
}

function askOnce(input: ReadStream, output: Writable, question: LoginPrompt): Promise<string> {
  return new Promise((resolve, reject) => {
    const wasRaw = input.isRaw;
    const editor = lineEditor(question.echo ? (text) => output.write(text) : undefined);
    const finish = (): void => {
      input.off('data', onData);
      input.setRawMode(wasRaw);
      input.pause();
      output.write('\r\n');
    };
    const onData = (chunk: Buffer | string): void => {
      try {
        const step = editor.feed(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
        if (step.done) {
          finish();
          resolve(step.answer);
        }
      } catch (error) {
        finish();
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    output.write(question.prompt);
    input.setRawMode(true);
    input.on('data', onData);
    input.resume();
  });
}

/**
 * A login prompt handler for `Session.connect({ onPrompt })` that asks on
 * the terminal `input` (raw mode while asking, restored after) and writes
 * to `output`: secrets without echo, notices as a line without waiting.
 * Questions from concurrent sessions are asked one after the other.
 *
 * @example
 * ```ts
 * import { ReadStream } from 'node:tty';
 * const onPrompt = terminalPrompt(process.stdin as ReadStream, process.stderr);
 * await Session.connect('deploy@web-1', { transport, onPrompt });
 * ```
 */
export function terminalPrompt(
  input: ReadStream,
  output: Writable,
): (question: LoginPrompt) => Promise<string> {
  let queue: Promise<unknown> = Promise.resolve();
  return (question) => {
    const asked = queue.then(() => {
      if (question.kind === 'notice') {
        output.write(`${question.prompt}\r\n`);
        return '';
      }
      return askOnce(input, output, question);
    });
    queue = asked.catch(() => undefined);
    return asked;
  };
}
