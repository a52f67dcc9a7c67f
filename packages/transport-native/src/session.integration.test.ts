// session-core's integration suite, the same one the process transport runs:
// every Session/Command behaviour must hold on this transport too.
import { defineSessionSuite } from '@openssh-ts/session-suite';
import { nativeTransport } from './index.js';

defineSessionSuite('native transport', nativeTransport());
