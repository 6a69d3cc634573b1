import type { StoreService } from '@retail/stores';
import { DEMO_CITIES, DEMO_FORMATS, DEMO_SKUS, demoLocation } from './catalog.js';

/** Creates the demo chain (21 stores) with their shelves; returns the first hypermarket of the first city. */
export async function seedStores(stores: StoreService): Promise<{ stores: number; flagshipStoreId: string }> {
  let flagshipStoreId = '';
  let count = 0;
  for (const city of DEMO_CITIES) {
    for (const [index, f] of DEMO_FORMATS.entries()) {
      const store = await stores.create({
        name: `${city.city} ${city.district} ${f.label}`,
        format: f.format,
        city: city.city,
        address: `${index + 1} ${city.district} Road, ${city.city}`,
        location: demoLocation(city, index),
        opensAt: f.opensAt,
        closesAt: f.closesAt,
      });
      count++;
      if (!flagshipStoreId && f.format === 'hypermarket') flagshipStoreId = store.id;
      const shelf = DEMO_SKUS.filter((s) => f.big || !s.bigOnly);
      await Promise.all(
        shelf.map((s) =>
          stores.putInventory(store.id, s.sku, { name: s.name, price: s.price, quantity: s.bigOnly ? 60 : f.depth }),
        ),
      );
    }
  }
  return { stores: count, flagshipStoreId };
}
