import type { ChargeAssistOperation } from '../resources';
import { locationOperations } from './location';
import { serviceStatusOperations } from './serviceStatus';
import { sessionOperations } from './session';

/** Every operation of the Charge Assist node; one file per resource. */
export const chargeAssistOperations: ChargeAssistOperation[] = [
	...locationOperations,
	...serviceStatusOperations,
	...sessionOperations,
];
