// Draws the charts of the figures already in BENCHMARKS.md, without running
// the suite: every table between bench markers (latest-full, rtt<ms>) gets
// its SVGs in docs/benchmarks/ and the image links below its table.
//
//   pnpm --filter @openssh-ts/bench charts
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { embedTable, tableMarkers } from './embed-table.js';
import { runFromMarkdown } from './markdown-run.js';
import { CHART_DIRECTORY, chartLinks, writeRatioCharts } from './ratio-chart.js';

const documentPath = fileURLToPath(new URL('../../../BENCHMARKS.md', import.meta.url));
const chartPath = fileURLToPath(new URL(`../../../${CHART_DIRECTORY}/`, import.meta.url));

let document = await readFile(documentPath, 'utf8');
const names = [...document.matchAll(/<!-- bench:([\w-]+):start -->/g)].map((match) => match[1]!);
for (const name of names) {
  const charts = await writeRatioCharts(runFromMarkdown(document, name), chartPath, name);
  const { start, end } = tableMarkers(name);
  const block = document.slice(document.indexOf(start) + start.length, document.indexOf(end));
  // Links of an earlier rendering are replaced, not added to.
  const table = block
    .split('\n')
    .filter((line) => !line.startsWith('!['))
    .join('\n')
    .trim();
  document = embedTable(document, `${table}\n\n${chartLinks(charts, CHART_DIRECTORY)}`, name);
  process.stdout.write(`${name}: ${charts.map(({ file }) => file).join(', ')}\n`);
}
await writeFile(documentPath, document);
