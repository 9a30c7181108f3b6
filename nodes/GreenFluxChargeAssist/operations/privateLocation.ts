import type { ChargeAssistOperation } from '../resources';

export const privateLocationOperations: ChargeAssistOperation[] = [];
