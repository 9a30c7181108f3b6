import type { ChargeAssistOperation } from '../resources';

export const favoriteOperations: ChargeAssistOperation[] = [];
