import { serviceStatusItem } from '../hooks/serviceStatus';
import { CHARGE_ASSIST, type ChargeAssistOperation } from '../resources';

export const serviceStatusOperations: ChargeAssistOperation[] = [
	{
		...CHARGE_ASSIST,
		resource: 'serviceStatus',
		operation: 'get',
		name: 'Get',
		action: 'Get the service status',
		description: 'Whether Charge Assist is available (available false while GreenFlux answers 503)',
		method: 'GET',
		path: '/servicestatus',
		fields: [],
		hook: serviceStatusItem,
	},
];
