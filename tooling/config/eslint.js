// Shared flat config: typescript-eslint's type-checked rules plus the ones
// that catch async mistakes in a library full of promises and streams.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/** @param {string} rootDirectory */
export function workspaceLintConfig(rootDirectory) {
  return tseslint.config(
    {
      ignores: [
        '**/dist/**',
        '**/.tsbuild/**',
        '**/node_modules/**',
        '**/coverage/**',
        '**/*.js',
        '**/*.cjs',
        '**/*.mjs',
      ],
    },
    eslint.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
      languageOptions: {
        parserOptions: {
          projectService: {
            allowDefaultProject: [
              '*.config.ts',
              'packages/*/*.config.ts',
              'apps/*/*.config.ts',
              'tooling/*/*.config.ts',
            ],
          },
          tsconfigRootDir: rootDirectory,
        },
      },
      rules: {
        '@typescript-eslint/no-floating-promises': 'error',
        '@typescript-eslint/no-misused-promises': 'error',
        '@typescript-eslint/switch-exhaustiveness-check': 'error',
        '@typescript-eslint/consistent-type-imports': 'error',
        '@typescript-eslint/no-unused-vars': [
          'error',
          { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
        ],
      },
    },
    {
      files: ['**/*.test.ts', '**/test/**/*.ts', '**/bench/**/*.ts'],
      rules: {
        '@typescript-eslint/no-non-null-assertion': 'off',
        '@typescript-eslint/unbound-method': 'off',
      },
    },
  );
}
