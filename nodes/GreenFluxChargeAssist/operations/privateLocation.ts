import { pathField } from '../../shared/fields';
import { pageSize } from '../hooks/placesChecks';
import { CHARGE_ASSIST, type ChargeAssistOperation } from '../resources';
import { CHARGE_ASSIST_PAGES, locationOptions } from './location';

export const privateLocationOperations: ChargeAssistOperation[] = [
	{
		...CHARGE_ASSIST,
		resource: 'privateLocation',
		operation: 'getAll',
		name: 'Get Many',
		action: "Get a driver's private locations",
		description:
			'List the private chargers (e.g. the home charger) of a driver, in full form; other drivers never see them',
		method: 'GET',
		path: '/privatelocations/{appToken}',
		fields: [
			pathField('appToken', 'App Token', 'appToken', {
				placeholder: 'e.g. 3f1c2d9e-driver-42',
				description: "The driver's app token (GreenFlux answers 404 when it is not registered)",
			}),
			locationOptions(['pageSize']),
		],
		list: CHARGE_ASSIST_PAGES,
		validate: [...pageSize()],
	},
];
