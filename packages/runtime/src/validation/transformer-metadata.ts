import 'reflect-metadata';
import { Exclude, Expose, Transform, Type } from 'class-transformer';

/** What class-transformer's `@Type` stores (its `TypeMetadata`). */
export interface TypeMetadata {
  target: unknown;
  propertyName: string;
  reflectedType: unknown;
  typeFunction?: (options?: unknown) => unknown;
  options?: { discriminator?: unknown; keepDiscriminatorProperty?: boolean };
}

/** The part of class-transformer's metadata (pinned 0.5.x) the compiled validators read. */
export interface TransformerMetadata {
  /** class-transformer's own `findTypeMetadata`: the class first, then its ancestors. */
  findTypeMetadata(target: object, propertyName: string): TypeMetadata | undefined;
  /** Whether the class or an ancestor has `@Expose`, `@Exclude` or `@Transform` metadata. */
  hasShapingMetadata(target: object): boolean;
  /**
   * The input key `plainToInstance` fills this property from, when only its name or its own
   * `@Expose({ name })` decides that; `undefined` when `@Transform`, `@Exclude`, a class-level
   * `@Expose`/`@Exclude` or another property's `@Expose({ name })` takes part.
   */
  plainKeyOf(target: object, propertyName: string): string | undefined;
}

type TargetMap = Map<unknown, Map<unknown, unknown>>;
type Kind = 'type' | 'transform' | 'expose' | 'exclude';

let located: TransformerMetadata | null | undefined;

/**
 * class-transformer's metadata storage: the one its decorators (imported as 'class-transformer',
 * as the DTOs import them) write to, or `null` when it cannot be found (then nothing is compiled).
 *
 * The storage is not exported from the package's index. A deep import
 * (`class-transformer/cjs/storage.js`) is not safe: the function bundle resolves 'class-transformer'
 * to its ESM build (`mainFields: ['module', 'main']`), so a deep import would read a second, empty
 * copy of the storage. Instead the storage's own maps are caught while they are written to: the
 * four decorators are applied once to a private probe class, and while they run,
 * `Map.prototype.has` notes which map is asked about the probe (class-transformer's `add*Metadata`
 * methods begin with `this._<kind>Metadatas.has(target)`). The original method is back in place
 * before this function returns, and the result is checked by reading the probe's metadata back.
 */
export function transformerMetadata(): TransformerMetadata | null {
  if (located === undefined) located = locate();
  return located;
}

function locate(): TransformerMetadata | null {
  class Probe {}
  const maps: Partial<Record<Kind, TargetMap>> = {};
  let kind: Kind | undefined;
  const has = Map.prototype.has;
  const typeFunction = () => Probe;
  Map.prototype.has = function (this: Map<unknown, unknown>, key: unknown): boolean {
    if (key === Probe && kind !== undefined && maps[kind] === undefined) maps[kind] = this as TargetMap;
    return has.call(this, key);
  };
  try {
    kind = 'type';
    Type(typeFunction)(Probe.prototype, 'probe');
    kind = 'transform';
    Transform(({ value }) => value)(Probe.prototype, 'probe');
    kind = 'expose';
    Expose()(Probe.prototype, 'probe');
    kind = 'exclude';
    Exclude()(Probe.prototype, 'probe');
  } catch {
    return null;
  } finally {
    Map.prototype.has = has;
  }
  const { type, transform, expose, exclude } = maps;
  if (!type || !transform || !expose || !exclude) return null;
  const probeType = type.get(Probe)?.get('probe') as TypeMetadata | undefined;
  if (probeType?.typeFunction !== typeFunction) return null;
  if (![transform, expose, exclude].every((map) => map.get(Probe)?.has('probe'))) return null;

  const ancestorsOf = ancestors();
  return {
    findTypeMetadata(target, propertyName) {
      const own = type.get(target)?.get(propertyName);
      if (own) return own as TypeMetadata;
      for (const ancestor of ancestorsOf(target)) {
        const found = type.get(ancestor)?.get(propertyName);
        if (found) return found as TypeMetadata;
      }
      return undefined;
    },
    hasShapingMetadata(target) {
      return [target, ...ancestorsOf(target)].some((cls) => transform.has(cls) || expose.has(cls) || exclude.has(cls));
    },
    plainKeyOf(target, propertyName) {
      let renamed: string | undefined; // the nearest class's @Expose name wins, as in findExposeMetadata
      for (const cls of [target, ...ancestorsOf(target)]) {
        const exposed = expose.get(cls) as Map<unknown, { propertyName?: string; options?: { name?: string } }> | undefined;
        if (transform.get(cls)?.has(propertyName) || exclude.get(cls)?.has(propertyName)) return undefined;
        if (exclude.get(cls)?.has(undefined) || exposed?.has(undefined)) return undefined;
        for (const [name, metadata] of exposed ?? []) {
          const custom = metadata.options?.name;
          if (name === propertyName && custom !== undefined) renamed ??= custom;
          else if (name !== propertyName && custom === propertyName) return undefined;
        }
      }
      return renamed ?? propertyName;
    },
  };
}

/** class-transformer's `getAncestors`: base classes, nearest first. */
function ancestors(): (target: object) => object[] {
  const cache = new WeakMap<object, object[]>();
  return (target) => {
    let list = cache.get(target);
    if (list === undefined) {
      list = [];
      const constructorOf = (cls: object) => (cls as { prototype: { constructor: object } }).prototype.constructor;
      for (
        let base = Object.getPrototypeOf(constructorOf(target)) as { prototype?: unknown };
        typeof base.prototype !== 'undefined';
        base = Object.getPrototypeOf(constructorOf(base)) as { prototype?: unknown }
      ) {
        list.push(base);
      }
      cache.set(target, list);
    }
    return list;
  };
}
