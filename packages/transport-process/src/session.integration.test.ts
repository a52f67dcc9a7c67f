import { defineSessionSuite } from '@openssh-ts/session-core/testing';
import { processTransport } from './index.js';

defineSessionSuite('process transport', processTransport());
