import type { ChargeAssistOperation } from '../resources';

export const qrCodeOperations: ChargeAssistOperation[] = [];
