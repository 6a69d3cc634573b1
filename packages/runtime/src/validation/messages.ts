import type { ValidationArguments } from 'class-validator';
import type { ConstraintMetadata, ValidationMetadata } from './metadata-types.js';

/**
 * The arguments class-validator hands a constraint's `validate`, `defaultMessage` and a `message`
 * function (`ValidationExecutor`'s `getValidationArguments`).
 */
export function argumentsOf(object: object, metadata: ValidationMetadata, value: unknown): ValidationArguments {
  const constructor = (object as { constructor?: { name: string } }).constructor;
  return {
    targetName: (constructor ? constructor.name : undefined) as string,
    property: metadata.propertyName,
    object,
    value,
    constraints: metadata.constraints,
  };
}

/** The key of a failed constraint in class-validator's `constraints` (`getConstraintType`). */
export function constraintType(metadata: ValidationMetadata, constraint: ConstraintMetadata | undefined): string {
  return constraint && constraint.name ? constraint.name : metadata.type;
}

/**
 * The message class-validator gives a failed constraint (`ValidationExecutor.createValidationError`):
 * the decorator's `message` option (string or function) or else the constraint's own
 * `defaultMessage`, with `$constraint1`, `$value`, `$property` and `$target` replaced.
 */
export function messageOf(
  object: object,
  value: unknown,
  metadata: ValidationMetadata,
  constraint: ConstraintMetadata | undefined,
): string {
  const args = argumentsOf(object, metadata, value);
  let message: ValidationMetadata['message'] = metadata.message || '';
  if (!metadata.message && constraint) {
    const instance = constraint.instance;
    if (instance.defaultMessage instanceof Function) message = instance.defaultMessage(args);
  }
  return replaceMessageSpecialTokens(message, args);
}

/** class-validator's `ValidationUtils.replaceMessageSpecialTokens` (not exported), verbatim. */
function replaceMessageSpecialTokens(message: ValidationMetadata['message'], args: ValidationArguments): string {
  let messageString: string | undefined;
  if (message instanceof Function) messageString = message(args);
  else if (typeof message === 'string') messageString = message;
  if (messageString && Array.isArray(args.constraints)) {
    args.constraints.forEach((constraint, index) => {
      messageString = messageString!.replace(new RegExp(`\\$constraint${index + 1}`, 'g'), constraintToString(constraint));
    });
  }
  if (
    messageString &&
    args.value !== undefined &&
    args.value !== null &&
    ['string', 'boolean', 'number'].includes(typeof args.value)
  )
    messageString = messageString.replace(/\$value/g, args.value as string);
  if (messageString) messageString = messageString.replace(/\$property/g, args.property);
  if (messageString) messageString = messageString.replace(/\$target/g, args.targetName);
  return messageString as string;
}

/** class-validator's `constraintToString`. */
function constraintToString(constraint: unknown): string {
  if (Array.isArray(constraint)) return constraint.join(', ');
  if (typeof constraint === 'symbol') constraint = constraint.description;
  return `${constraint}`;
}
