import type { ChargeAssistOperation } from '../resources';

export const locationRatingOperations: ChargeAssistOperation[] = [];
