import { describe, expect, it } from 'vitest';
import { asksAccountPassword, asksKeyPassphrase, classifyAskpassPrompt } from './askpass-prompt.js';

// Prompt texts as OpenSSH 9.2p1 writes them (sshconnect2.c, sshconnect.c, readpass.c).
describe('classifyAskpassPrompt', () => {
  it('tells the account password (userauth_passwd) from a password change', () => {
    const password = classifyAskpassPrompt("deploy@web-1's password: ", '');
    expect(password).toMatchObject({ kind: 'password', echo: false, permission: false });
    expect(asksAccountPassword(password)).toBe(true);
    for (const text of [
      "Enter deploy@web-1's old password: ",
      "Enter deploy@web-1's new password: ",
      "Retype deploy@web-1's new password: ",
    ]) {
      const change = classifyAskpassPrompt(text, '');
      expect(change.kind).toBe('password');
      expect(asksAccountPassword(change)).toBe(false);
    }
  });

  it('tells key passphrases and security-key PINs', () => {
    const passphrase = classifyAskpassPrompt(
      "Enter passphrase for key '/home/me/.ssh/id_ed25519': ",
      '',
    );
    expect(passphrase.kind).toBe('passphrase');
    expect(asksKeyPassphrase(passphrase)).toBe(true);
    const pin = classifyAskpassPrompt(
      'Enter PIN for ED25519-SK key /home/me/.ssh/id_ed25519_sk: ',
      '',
    );
    expect(pin.kind).toBe('passphrase');
    expect(asksKeyPassphrase(pin)).toBe(false);
  });

  it('reads keyboard-interactive prompts, and PAM\'s "Password: " as the account password', () => {
    const pam = classifyAskpassPrompt('(deploy@web-1) Password: ', '');
    expect(pam).toMatchObject({
      kind: 'keyboard-interactive',
      serverPrompt: 'Password: ',
      echo: false,
    });
    expect(asksAccountPassword(pam)).toBe(true);
    const code = classifyAskpassPrompt('(deploy@web-1) Verification code: ', '');
    expect(code.kind).toBe('keyboard-interactive');
    expect(asksAccountPassword(code)).toBe(false);
  });

  it('marks host-key confirmations, which are never answered yes', () => {
    const text =
      "The authenticity of host 'web-1 (10.0.0.1)' can't be established.\n" +
      'ED25519 key fingerprint is SHA256:abc.\n' +
      'Are you sure you want to continue connecting (yes/no/[fingerprint])? ';
    expect(classifyAskpassPrompt(text, '').kind).toBe('host-key');
    expect(classifyAskpassPrompt("Please type 'yes', 'no' or the fingerprint: ", '').kind).toBe(
      'host-key',
    );
  });

  it('takes SSH_ASKPASS_PROMPT none as a notice and confirm as a permission', () => {
    expect(
      classifyAskpassPrompt('Confirm user presence for key ED25519-SK SHA256:abc', 'none'),
    ).toMatchObject({ kind: 'notice', permission: false });
    expect(classifyAskpassPrompt('Add key /k (me) to agent?', 'confirm')).toMatchObject({
      kind: 'notice',
      permission: true,
    });
  });
});
