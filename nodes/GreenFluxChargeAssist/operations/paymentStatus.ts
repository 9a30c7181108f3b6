import type { ChargeAssistOperation } from '../resources';

export const paymentStatusOperations: ChargeAssistOperation[] = [];
