// Human-readable sizes and durations for status lines, tables and progress.

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** `1536` → `1.5 KiB`; binary units, one decimal from KiB up. */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}

/** `850` → `850 ms`, `12_300` → `12.3 s`, `125_000` → `2m05s`. */
export function formatDuration(milliseconds: number): string {
  const ms = Math.max(0, Math.round(milliseconds));
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  return `${minutes}m${String(totalSeconds % 60).padStart(2, '0')}s`;
}

/** Bytes per second as `12.0 MiB/s`. */
export function formatRate(bytes: number, milliseconds: number): string {
  if (milliseconds <= 0) return '-';
  return `${formatBytes((bytes * 1000) / milliseconds)}/s`;
}
