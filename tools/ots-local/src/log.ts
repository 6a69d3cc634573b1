/** A structured log sink: one JSON object per line. */
export type Logger = (line: Record<string, unknown>) => void;

export const stderrLogger: Logger = (line) => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), service: 'ots-local', ...line })}\n`);
};
