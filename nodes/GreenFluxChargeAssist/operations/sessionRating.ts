import type { ChargeAssistOperation } from '../resources';

export const sessionRatingOperations: ChargeAssistOperation[] = [];
