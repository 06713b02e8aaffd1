// Medians and ranges for the benchmark tables.
export function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1), n: sorted.length };
}

export const fmt = (v, digits = 1) => (typeof v === 'number' ? v.toFixed(digits) : String(v));
