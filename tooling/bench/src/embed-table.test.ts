import { describe, expect, it } from 'vitest';
import { embedTable, TABLE_END, TABLE_START, tableMarkers } from './embed-table.js';

describe('embedTable', () => {
  it('replaces the previous table and keeps the prose around it', () => {
    const document = `# Title\n${TABLE_START}\nold\n${TABLE_END}\nafter\n`;
    expect(embedTable(document, '| new |\n')).toBe(
      `# Title\n${TABLE_START}\n\n| new |\n\n${TABLE_END}\nafter\n`,
    );
  });

  it('refuses a document without the markers', () => {
    expect(() => embedTable('# Title\n', 'x')).toThrow(/not found/);
    expect(() => embedTable(`${TABLE_END}\n${TABLE_START}`, 'x')).toThrow(/not found/);
  });

  it('puts a run over a link between its own markers', () => {
    const { start, end } = tableMarkers('rtt50');
    const document = `${TABLE_START}\nloopback\n${TABLE_END}\n${start}\n${end}\n`;
    expect(embedTable(document, '| 50 ms |', 'rtt50')).toBe(
      `${TABLE_START}\nloopback\n${TABLE_END}\n${start}\n\n| 50 ms |\n\n${end}\n`,
    );
  });
});
