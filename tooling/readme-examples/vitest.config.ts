import { packageTestConfig } from '@openssh-ts/config/vitest';

// Examples connect, copy files and start sshds of their own: give each room.
export default packageTestConfig({ integrationTimeout: 120_000 });
