import { workspaceLintConfig } from '@openssh-ts/config/eslint';

export default workspaceLintConfig(import.meta.dirname);
