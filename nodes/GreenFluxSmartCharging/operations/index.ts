import type { SmartChargingOperation } from '../resources';
import { dcAlgorithmOperations, defaultAlgorithmOperations } from './algorithm';
import { capacityGroupOperations } from './capacityGroup';
import { capacityGroupEvseOperations } from './capacityGroupEvse';
import { priorityRequestOperations } from './priorityRequest';
import { dateTimeScenarioOperations, dayOfWeekScenarioOperations } from './scenario';
import { smappeeMeterOperations } from './smappeeMeter';

/** Every operation of the Smart Charging node; one file per resource (both algorithms share one). */
export const smartChargingOperations: SmartChargingOperation[] = [
	...capacityGroupOperations,
	...capacityGroupEvseOperations,
	...dateTimeScenarioOperations,
	...dayOfWeekScenarioOperations,
	...dcAlgorithmOperations,
	...defaultAlgorithmOperations,
	...priorityRequestOperations,
	...smappeeMeterOperations,
];
