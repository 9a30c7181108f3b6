import type { ChargeAssistOperation } from '../resources';

export const autochargeOperations: ChargeAssistOperation[] = [];
