import type { EmspOperation } from '../resources';
import { MODULES } from '../resources';
import { crmPages, emspIdField } from './fields';

export const retailPackageOperations: EmspOperation[] = [
	{
		resource: 'retailPackage',
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many retail packages',
		description:
			'Get the retail packages of the eMSP (read only: retail packages are managed in the EV Portal)',
		module: MODULES.crm,
		objectName: 'retail package',
		method: 'GET',
		path: '/api/1.0/crm/{emspId}/retailpackages',
		fields: [emspIdField()],
		list: crmPages(),
	},
];
