/** A structured log sink: one JSON object per line. */
export type Logger = (line: Record<string, unknown>) => void;

/** JSON lines on stderr, each with a time and `service: "gateway"`. */
export const stderrLogger: Logger = (line) => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), service: 'gateway', ...line })}\n`);
};
