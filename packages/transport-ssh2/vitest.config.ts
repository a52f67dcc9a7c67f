import { packageTestConfig } from '@openssh-ts/config/vitest';

export default packageTestConfig();
