import { functionBundle } from '@retail/bundle';
import { defineConfig } from 'tsup';

export default defineConfig(functionBundle({ name: 'coupons' }));
