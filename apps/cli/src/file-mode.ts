// `ls -l`-style rendering of POSIX mode bits, for `ossh ls --long`.

const TYPE_LETTERS: ReadonlyMap<number, string> = new Map([
  [0o140000, 's'],
  [0o120000, 'l'],
  [0o100000, '-'],
  [0o060000, 'b'],
  [0o040000, 'd'],
  [0o020000, 'c'],
  [0o010000, 'p'],
]);

/** `0o100644` → `-rw-r--r--`; setuid, setgid and sticky bits as ls shows them. */
export function formatMode(mode: number): string {
  const type = TYPE_LETTERS.get(mode & 0o170000) ?? '?';
  const triplet = (bits: number, special: boolean, specialLetter: string): string => {
    const execute =
      bits & 1 ? (special ? specialLetter : 'x') : special ? specialLetter.toUpperCase() : '-';
    return `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${execute}`;
  };
  return (
    type +
    triplet((mode >> 6) & 7, (mode & 0o4000) !== 0, 's') +
    triplet((mode >> 3) & 7, (mode & 0o2000) !== 0, 's') +
    triplet(mode & 7, (mode & 0o1000) !== 0, 't')
  );
}
