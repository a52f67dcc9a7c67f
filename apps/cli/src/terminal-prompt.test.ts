import { PassThrough } from 'node:stream';
import type { ReadStream } from 'node:tty';
import { describe, expect, it } from 'vitest';
import { lineEditor, PromptCancelledError, terminalPrompt } from './terminal-prompt.js';

describe('lineEditor', () => {
  it('ends at Enter and shows nothing of a secret', () => {
    const shown: string[] = [];
    const editor = lineEditor(undefined);
    expect(editor.feed(Buffer.from('s3c'))).toEqual({ done: false });
    expect(editor.feed(Buffer.from('ret\r'))).toEqual({ done: true, answer: 's3cret' });
    expect(shown).toEqual([]);
  });

  it('edits with Backspace (a whole UTF-8 character) and Ctrl-U', () => {
    expect(lineEditor(undefined).feed(Buffer.from('abé\x7f\x7fc\n'))).toEqual({
      done: true,
      answer: 'ac',
    });
    expect(lineEditor(undefined).feed(Buffer.from('wrong\x15right\r'))).toEqual({
      done: true,
      answer: 'right',
    });
  });

  it('echoes what is typed when the prompt allows it', () => {
    const shown: string[] = [];
    lineEditor((text) => shown.push(text)).feed(Buffer.from('ok\r'));
    expect(shown.join('')).toBe('ok');
  });

  it("cancels on Ctrl-C, on Ctrl-D at an empty line, and past ssh's 1022 bytes", () => {
    expect(() => lineEditor(undefined).feed(Buffer.from('ab\x03'))).toThrow(PromptCancelledError);
    expect(() => lineEditor(undefined).feed(Buffer.from('\x04'))).toThrow(PromptCancelledError);
    expect(() => lineEditor(undefined).feed(Buffer.alloc(1023, 0x61))).toThrow(/1022 bytes/);
  });
});

/** A fake terminal: a stream with the raw-mode switch of tty.ReadStream. */
function fakeTerminal(): { input: ReadStream; modes: boolean[] } {
  const modes: boolean[] = [];
  const stream = new PassThrough() as unknown as ReadStream & { isRaw: boolean };
  stream.isRaw = false;
  stream.setRawMode = (mode: boolean) => {
    modes.push(mode);
    stream.isRaw = mode;
    return stream;
  };
  return { input: stream, modes };
}

describe('terminalPrompt', () => {
  it('asks one question at a time, raw while asking, and restores the mode', async () => {
    const { input, modes } = fakeTerminal();
    const output = new PassThrough();
    let written = '';
    output.on('data', (chunk: Buffer) => (written += chunk.toString()));
    const ask = terminalPrompt(input, output);
    const first = ask({ prompt: "me@a's password: ", echo: false, kind: 'password' });
    const second = ask({ prompt: "me@b's password: ", echo: false, kind: 'password' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(written).toBe("me@a's password: ");
    (input as unknown as PassThrough).write('one\r');
    expect(await first).toBe('one');
    await new Promise((resolve) => setImmediate(resolve));
    (input as unknown as PassThrough).write('two\r');
    expect(await second).toBe('two');
    expect(written).toBe("me@a's password: \r\nme@b's password: \r\n");
    expect(modes).toEqual([true, false, true, false]);
    expect(await ask({ prompt: 'Touch your key', echo: false, kind: 'notice' })).toBe('');
  });
});
