import { nativeTransport } from '@openssh-ts/transport-native';
import { processTransport } from '@openssh-ts/transport-process';
import { defineSftpSuite } from '../test/sftp-suite.js';

defineSftpSuite('the process transport', processTransport());
defineSftpSuite('the native transport', nativeTransport());
