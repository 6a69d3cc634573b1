/**
 * Where the gateway's alarm rules come from: like the channel apps, a file beside channels.dev.json
 * unless replaced (this file sits beside channels.ts so that the path holds from src/ and dist/).
 */
import { fileURLToPath } from 'node:url';
import { AlarmRulesError, parseAlarmRules, readAlarmRulesFile, type AlarmRule } from '@retail/observe';

/** The development alarm rules shipped with the gateway. */
export const DEV_ALARMS_FILE = fileURLToPath(new URL('../alarms.dev.json', import.meta.url));

/**
 * The alarm rules of `json` (GATEWAY_ALARMS_JSON), else of `file` (GATEWAY_ALARMS_FILE), else of
 * alarms.dev.json; throws an AlarmRulesError naming every bad field.
 *
 * @example
 * const { rules, source } = loadAlarmRules({ file: '/etc/retail/alarms.json' });
 */
export function loadAlarmRules(from: { json?: string | undefined; file?: string | undefined }): {
  rules: AlarmRule[];
  source: string;
} {
  if (from.json !== undefined) {
    let input: unknown;
    try {
      input = JSON.parse(from.json);
    } catch (error) {
      throw new AlarmRulesError(`GATEWAY_ALARMS_JSON: not JSON: ${(error as Error).message}`, [], { cause: error });
    }
    return { rules: parseAlarmRules(input, 'GATEWAY_ALARMS_JSON'), source: 'GATEWAY_ALARMS_JSON' };
  }
  const file = from.file ?? DEV_ALARMS_FILE;
  return { rules: readAlarmRulesFile(file), source: file };
}
