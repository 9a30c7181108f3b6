import type { PlatformOperation } from '../resources';
import { cdrOperations } from './cdr';
import { chargeStationNotificationOperations } from './chargeStationNotification';
import { meterValueOperations } from './meterValue';
import { sessionOperations } from './session';
import { tokenOperations } from './token';
import { locationV1Operations } from './locationV1';
import { chargeStationOperations } from './chargeStation';
import { locationV2Operations } from './locationV2';
import { cpoCustomerOperations } from './cpoCustomer';
import { chargeStationConfigurationOperations } from './chargeStationConfiguration';
import { certificateOperations } from './certificate';
import { remoteCommandOperations } from './remoteCommand';

/** Every Platform API operation of the GreenFlux node; one file per GreenFlux module. */
export const platformOperations: PlatformOperation[] = [
	...cdrOperations,
	...chargeStationNotificationOperations,
	...meterValueOperations,
	...sessionOperations,
	...tokenOperations,
	...locationV1Operations,
	...chargeStationOperations,
	...locationV2Operations,
	...cpoCustomerOperations,
	...chargeStationConfigurationOperations,
	...certificateOperations,
	...remoteCommandOperations,
];
