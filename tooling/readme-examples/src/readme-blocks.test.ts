import { expect, it } from 'vitest';
import { extractExamples } from './readme-blocks.js';

const readme = [
  '# x',
  '```sh',
  'npm install x',
  '```',
  '```ts',
  "import { it } from 'vitest';",
  '```',
  '```js',
  "const { test } = require('@jest/globals');",
  '```',
  '- a list item with an example:',
  '  ```js',
  '  console.log(1);',
  '  ```',
  '',
  '  ```',
  '  1',
  '  ```',
].join('\n');

it('finds ts and js examples with their runner, module kind and printed output', () => {
  expect(extractExamples('README.md', readme)).toEqual([
    {
      readme: 'README.md',
      line: 5,
      language: 'ts',
      commonJs: false,
      runner: 'vitest',
      code: "import { it } from 'vitest';\n",
    },
    {
      readme: 'README.md',
      line: 8,
      language: 'js',
      commonJs: true,
      runner: 'jest',
      code: "const { test } = require('@jest/globals');\n",
    },
    {
      readme: 'README.md',
      line: 12,
      language: 'js',
      commonJs: false,
      runner: 'node',
      code: 'console.log(1);\n',
      printed: '1\n',
    },
  ]);
});
