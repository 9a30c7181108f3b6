import type { ChargeAssistOperation } from '../resources';

export const accountOperations: ChargeAssistOperation[] = [];
