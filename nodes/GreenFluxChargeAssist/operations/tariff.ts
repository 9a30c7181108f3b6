import type { ChargeAssistOperation } from '../resources';

export const tariffOperations: ChargeAssistOperation[] = [];
