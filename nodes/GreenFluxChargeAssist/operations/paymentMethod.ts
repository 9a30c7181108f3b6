import type { ChargeAssistOperation } from '../resources';

export const paymentMethodOperations: ChargeAssistOperation[] = [];
