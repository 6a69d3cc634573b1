// Compile-time checks that a response class documents exactly its domain type: the same keys,
// and every value of the domain type acceptable. A class that drifts fails to compile.

/** `true` when the documented class has exactly the domain type's keys and accepts its values. */
export type Documents<Domain, Documented> = [Domain] extends [Documented]
  ? [keyof Documented] extends [keyof Domain]
    ? [keyof Domain] extends [keyof Documented]
      ? true
      : false
    : false
  : false;

export type Assert<T extends true> = T;
