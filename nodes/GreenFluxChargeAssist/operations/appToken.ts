import type { ChargeAssistOperation } from '../resources';

export const appTokenOperations: ChargeAssistOperation[] = [];
