/**
 * The spellings of one kebab-case name that generated code needs.
 *
 * @example
 * spellings('gift-card') // { kebab: 'gift-card', pascal: 'GiftCard', camel: 'giftCard', snake: 'gift_card', words: 'gift card' }
 */
export function spellings(kebab: string): { kebab: string; pascal: string; camel: string; snake: string; words: string } {
  const parts = kebab.split('-');
  const pascal = parts.map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
  return {
    kebab,
    pascal,
    camel: pascal.charAt(0).toLowerCase() + pascal.slice(1),
    snake: parts.join('_'),
    words: parts.join(' '),
  };
}

/**
 * A plural English noun's singular, for the common endings; a word it cannot tell is left as it
 * is (pass `--resource` then).
 *
 * @example
 * singular('prices') // 'price'
 * singular('delivery-slots') // 'delivery-slot'
 * singular('categories') // 'category'
 */
export function singular(plural: string): string {
  if (/ies$/.test(plural)) return plural.replace(/ies$/, 'y');
  if (/(ss|x|ch|sh)es$/.test(plural)) return plural.replace(/es$/, '');
  if (/[^s]s$/.test(plural)) return plural.slice(0, -1);
  return plural;
}
