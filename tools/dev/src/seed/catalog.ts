/**
 * The demo chain: every store format in three cities, with a shelf that fits each format. Real
 * city centres, stores spread a few kilometres around them, so nearby searches find a handful.
 */
export const DEMO_CITIES = [
  { city: 'Shanghai', lat: 31.2304, lng: 121.4737, district: "Jing'an" },
  { city: 'Hangzhou', lat: 30.2741, lng: 120.1551, district: 'West Lake' },
  { city: 'Beijing', lat: 39.9042, lng: 116.4074, district: 'Dongcheng' },
] as const;

export const DEMO_FORMATS = [
  { format: 'shopping-center', label: 'Shopping Center', opensAt: '10:00', closesAt: '22:00', depth: 800, big: true },
  { format: 'hypermarket', label: 'Hypermarket', opensAt: '08:00', closesAt: '22:30', depth: 500, big: true },
  { format: 'supermarket', label: 'Supermarket', opensAt: '08:00', closesAt: '22:00', depth: 200, big: false },
  { format: 'standard-supermarket', label: 'Standard Supermarket', opensAt: '08:30', closesAt: '21:30', depth: 150, big: false },
  { format: 'boutique-supermarket', label: 'Boutique Supermarket', opensAt: '09:00', closesAt: '22:00', depth: 80, big: false },
  { format: 'convenience', label: 'Convenience', opensAt: '00:00', closesAt: '23:59', depth: 40, big: false },
  { format: 'unattended', label: 'Unattended', opensAt: '00:00', closesAt: '23:59', depth: 20, big: false },
] as const;

/** What every store sells; `bigOnly` goods are on the shelves of shopping centres and hypermarkets. */
export const DEMO_SKUS = [
  { sku: 'milk-1l', name: 'Fresh milk 1 L', price: 1290, bigOnly: false },
  { sku: 'eggs-12', name: 'Free-range eggs x12', price: 1590, bigOnly: false },
  { sku: 'rice-5kg', name: 'Northeast rice 5 kg', price: 4990, bigOnly: false },
  { sku: 'apples-1kg', name: 'Fuji apples 1 kg', price: 1290, bigOnly: false },
  { sku: 'water-550ml', name: 'Mineral water 550 ml', price: 200, bigOnly: false },
  { sku: 'coffee-500g', name: 'Yunnan coffee beans 500 g', price: 8900, bigOnly: false },
  { sku: 'tv-55', name: '55-inch 4K television', price: 349_900, bigOnly: true },
  { sku: 'phone-pro', name: 'Smartphone Pro 256 GB', price: 599_900, bigOnly: true },
] as const;

/** A store's position: spread around the city centre by its index (about 1.5 km apart). */
export function demoLocation(center: { lat: number; lng: number }, index: number): { lat: number; lng: number } {
  const angle = (index * 2 * Math.PI) / DEMO_FORMATS.length;
  const km = 1.5 + (index % 3);
  return {
    lat: Number((center.lat + (km / 111) * Math.sin(angle)).toFixed(6)),
    lng: Number((center.lng + (km / (111 * Math.cos((center.lat * Math.PI) / 180))) * Math.cos(angle)).toFixed(6)),
  };
}
