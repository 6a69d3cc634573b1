/**
 * Query booleans read as callers mean them, on both validation paths: 'true' and 'false' only
 * (class-transformer's `Boolean(value)` made 'false' true), anything else refused by name.
 */
import { parse } from 'node:querystring';
import { describe, expect, it } from 'vitest';
import { compiledToDto, unsupportedReason } from '../../src/validation/compiled.js';
import { toDto, toDtoWithClassValidator, type Constructor } from '../../src/validation/validate.js';
import { FlagsQuery, NestedFlagsQuery, ShapedFlagsQuery } from './query-dtos.js';

/** toDto's answer for a query string (or an object), after checking the class-validator path gives the same. */
function query(type: Constructor, input: string | object): ReturnType<typeof toDto> {
  const value = typeof input === 'string' ? parse(input) : input;
  const answer = toDto(type, value, { fromQuery: true });
  expect(toDtoWithClassValidator(type, value, { fromQuery: true })).toStrictEqual(answer);
  return answer;
}

const valueOf = (type: Constructor, input: string | object): Record<string, unknown> => {
  const answer = query(type, input);
  if (!('value' in answer)) throw new Error(`refused: ${JSON.stringify(answer.problems)}`);
  return answer.value as Record<string, unknown>;
};

describe('query booleans', () => {
  it('reads exactly "true" and "false", on the compiled path too', () => {
    expect(valueOf(FlagsQuery, 'open=false')).toMatchObject({ open: false });
    expect(valueOf(FlagsQuery, 'open=true&loose=false&active=false')).toMatchObject({ open: true, loose: false, active: false });
    expect(compiledToDto(FlagsQuery, parse('open=false'), true)).toMatchObject({ value: { open: false } });
  });

  it('keeps the default when the key is absent', () => {
    expect(valueOf(FlagsQuery, '')).toStrictEqual(Object.assign(new FlagsQuery(), { active: true }));
  });

  it("refuses any other value by name: @IsBoolean's message, or 'must be true or false' without it", () => {
    for (const raw of ['maybe', '', 'TRUE', 'False', '1', '0', 'yes']) {
      expect(query(FlagsQuery, `open=${raw}`)).toStrictEqual({
        problems: [{ field: 'open', messages: ['open must be a boolean value'] }],
      });
      expect(query(FlagsQuery, `loose=${raw}`)).toStrictEqual({
        problems: [{ field: 'loose', messages: ['loose must be true or false'] }],
      });
    }
  });

  it('refuses a value its rules skip (@ValidateIf) when it is not a boolean', () => {
    expect(valueOf(FlagsQuery, 'unchecked=false')).toMatchObject({ unchecked: false });
    expect(query(FlagsQuery, 'unchecked=nope')).toStrictEqual({
      problems: [{ field: 'unchecked', messages: ['unchecked must be true or false'] }],
    });
  });

  it('reads repeated keys element by element, as numbers are: a scalar boolean refuses the list', () => {
    expect(query(FlagsQuery, 'limit=1&limit=2')).toStrictEqual({
      problems: [{ field: 'limit', messages: ['limit must not be less than 0', 'limit must be an integer number'] }],
    });
    expect(query(FlagsQuery, 'open=true&open=false')).toStrictEqual({
      problems: [{ field: 'open', messages: ['open must be a boolean value'] }],
    });
    expect(query(FlagsQuery, 'loose=true&loose=true')).toStrictEqual({
      problems: [{ field: 'loose', messages: ['loose must be true or false'] }],
    });
    expect(valueOf(FlagsQuery, 'flags=true&flags=false')).toMatchObject({ flags: [true, false] });
    expect(query(FlagsQuery, 'flags=true&flags=nope')).toStrictEqual({
      problems: [{ field: 'flags', messages: ['each value in flags must be a boolean value'] }],
    });
  });

  it('reads nested booleans the same way, naming the field by path', () => {
    const input = {
      open: 'true',
      filter: { open: 'false' },
      filters: [{ delivery: 'false' }, { open: 'true', delivery: 'true' }],
    };
    expect(valueOf(NestedFlagsQuery, input)).toMatchObject({
      open: true,
      filter: { open: false },
      filters: [{ delivery: false }, { open: true, delivery: true }],
    });
    expect(query(NestedFlagsQuery, { filter: { open: 'no' }, filters: [{}, { delivery: 'nope' }] })).toStrictEqual({
      problems: [
        { field: 'filter.open', messages: ['filter.open must be a boolean value'] },
        { field: 'filters[1].delivery', messages: ['filters[1].delivery must be true or false'] },
      ],
    });
  });

  it('holds for classes left to class-transformer (@Transform, @Expose), where a property with its own @Transform decides', () => {
    expect(unsupportedReason(ShapedFlagsQuery, true)).toBeDefined();
    expect(valueOf(ShapedFlagsQuery, 'name=%20a%20&open=false&has_delivery=false&yes=no')).toMatchObject({
      name: 'a',
      open: false,
      delivery: false,
      yes: false,
    });
    expect(valueOf(ShapedFlagsQuery, 'name=a&has_delivery=true&yes=yes')).toMatchObject({ delivery: true, yes: true });
    expect(query(ShapedFlagsQuery, 'name=a&open=maybe&has_delivery=1')).toStrictEqual({
      problems: [
        { field: 'open', messages: ['open must be a boolean value'] },
        { field: 'delivery', messages: ['delivery must be true or false'] },
      ],
    });
  });

  it('leaves bodies as they were: JSON booleans are booleans already', () => {
    expect(toDto(FlagsQuery, { open: false, loose: true })).toMatchObject({ value: { open: false, loose: true } });
    expect(toDto(FlagsQuery, { open: 'false' })).toStrictEqual({
      problems: [{ field: 'open', messages: ['open must be a boolean value'] }],
    });
  });
});
