import { defineSessionSuite } from '@openssh-ts/session-suite';
import { processTransport } from './index.js';

defineSessionSuite('process transport', processTransport());
