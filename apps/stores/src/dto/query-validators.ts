import { ValidateBy, type ValidationOptions } from 'class-validator';

const PAIR = /^\s*(-?\d{1,3}(?:\.\d{1,15})?)\s*,\s*(-?\d{1,3}(?:\.\d{1,15})?)\s*$/;

/**
 * `lat,lng` in decimal degrees, within -90..90 and -180..180; undefined when it is not.
 *
 * @example
 * parseLatLng('31.2304,121.4737') // { lat: 31.2304, lng: 121.4737 }
 */
export function parseLatLng(value: unknown): { lat: number; lng: number } | undefined {
  const match = typeof value === 'string' ? PAIR.exec(value) : null;
  if (!match) return undefined;
  const lat = Number(match[1]);
  const lng = Number(match[2]);
  return lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180 ? { lat, lng } : undefined;
}

/** A `near` query value: `lat,lng` in range. */
export function IsLatLng(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLatLng',
      validator: {
        validate: (value) => parseLatLng(value) !== undefined,
        defaultMessage: () => '$property must be "lat,lng" in decimal degrees, lat -90 to 90 and lng -180 to 180',
      },
    },
    options,
  );
}

/** A query value that only means something beside another one (`radiusKm` needs `near`). */
export function OnlyWith(other: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'onlyWith',
      constraints: [other],
      validator: {
        validate: (_value, args) => (args?.object as Record<string, unknown> | undefined)?.[other] !== undefined,
        defaultMessage: () => `$property is only allowed with ${other}`,
      },
    },
    options,
  );
}
