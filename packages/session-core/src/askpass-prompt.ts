import type { LoginPrompt } from './connect-options.js';

/**
 * One question ssh asked its askpass program, told apart from its text.
 * ssh passes only the text and, in `SSH_ASKPASS_PROMPT`, `confirm` (a yes/no
 * permission, readpass.c ask_permission) or `none` (a notice that wants no
 * answer, readpass.c notify_start); everything else is read from the texts
 * of sshconnect2.c and sshconnect.c.
 */
export interface AskpassQuestion extends LoginPrompt {
  /**
   * For keyboard-interactive: the server's own prompt, without the
   * `(user@host) ` that ssh puts before it.
   */
  readonly serverPrompt?: string;
  /** A yes/no permission (`SSH_ASKPASS_PROMPT=confirm`): always refused. */
  readonly permission: boolean;
}

// sshconnect2.c userauth_passwd: "%s@%s's password: ". The password-change
// prompts ("Enter ...'s old password: ", "new password", "Retype") are not
// the account password and go to onPrompt.
const ACCOUNT_PASSWORD = /^[^\n]*@[^\n]*'s password: $/;
const PASSWORD_CHANGE = /^(?:Enter|Retype) \S+@\S+'s (?:old |new )?password: $/;
// sshconnect2.c load_identity_file: "Enter passphrase for key '%.100s': ".
const KEY_PASSPHRASE = /^Enter passphrase for key '.*': $/s;
// sshconnect2.c identity_sign ("Enter PIN for %s key %s: ") and
// ssh-pkcs11.c ("Enter PIN for '%s': ").
const PIN = /^Enter PIN for .*: $/s;
// sshconnect.c confirm() after a host key question, and clientloop.c's
// "Accept updated hostkeys? (yes/no): ".
const HOST_KEY =
  /Are you sure you want to continue connecting|^Please type 'yes'|^Accept updated hostkeys\?/;
// sshconnect2.c input_userauth_info_req: "(%s@%s) %s".
const KEYBOARD_INTERACTIVE = /^\(([^()\n]*@[^()\n]*)\) (.*)$/s;

/** Tells what a prompt is for from ssh's text and its `SSH_ASKPASS_PROMPT` hint. */
export function classifyAskpassPrompt(prompt: string, hint: string): AskpassQuestion {
  if (hint === 'none') return { prompt, echo: false, kind: 'notice', permission: false };
  if (hint === 'confirm') return { prompt, echo: false, kind: 'notice', permission: true };
  if (HOST_KEY.test(prompt)) return { prompt, echo: true, kind: 'host-key', permission: false };
  if (ACCOUNT_PASSWORD.test(prompt) || PASSWORD_CHANGE.test(prompt))
    return { prompt, echo: false, kind: 'password', permission: false };
  if (KEY_PASSPHRASE.test(prompt) || PIN.test(prompt))
    return { prompt, echo: false, kind: 'passphrase', permission: false };
  const interactive = KEYBOARD_INTERACTIVE.exec(prompt);
  // ssh does not tell askpass whether a keyboard-interactive answer may be
  // echoed, so every answer is treated as a secret.
  if (interactive !== null)
    return {
      prompt,
      echo: false,
      kind: 'keyboard-interactive',
      serverPrompt: interactive[2] ?? '',
      permission: false,
    };
  return { prompt, echo: false, kind: 'keyboard-interactive', permission: false };
}

/** Whether `question` asks for the account password itself (what `password` answers). */
export function asksAccountPassword(question: AskpassQuestion): boolean {
  if (question.kind === 'password') return ACCOUNT_PASSWORD.test(question.prompt);
  // PAM's keyboard-interactive password prompt (pam_unix: "Password: ").
  return (
    question.kind === 'keyboard-interactive' &&
    question.serverPrompt !== undefined &&
    /^password: ?$/i.test(question.serverPrompt)
  );
}

/** Whether `question` asks for a key's passphrase (what `passphrase` answers). */
export function asksKeyPassphrase(question: AskpassQuestion): boolean {
  return question.kind === 'passphrase' && KEY_PASSPHRASE.test(question.prompt);
}
