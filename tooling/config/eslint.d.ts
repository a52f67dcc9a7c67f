import type { Linter } from 'eslint';

/** The workspace's flat ESLint config, type-aware from `rootDirectory`. */
export function workspaceLintConfig(rootDirectory: string): Linter.Config[];
