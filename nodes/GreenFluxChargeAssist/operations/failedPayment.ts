import type { ChargeAssistOperation } from '../resources';

export const failedPaymentOperations: ChargeAssistOperation[] = [];
