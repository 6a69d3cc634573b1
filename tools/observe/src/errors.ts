/** The errors of @retail/observe. */

/** An alarm rules file or value that is not valid; `problems` names each bad field. */
export class AlarmRulesError extends Error {
  override readonly name = 'AlarmRulesError';

  constructor(
    message: string,
    readonly problems: readonly string[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
