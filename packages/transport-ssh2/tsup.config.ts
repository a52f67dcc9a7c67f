import { packageBuildConfig } from '@openssh-ts/config/tsup';

export default packageBuildConfig();
