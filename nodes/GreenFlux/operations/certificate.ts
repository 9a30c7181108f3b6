import type { PlatformOperation } from '../resources';
import { rootCertificateHook } from '../hooks/certificate';
import { outputFields } from '../../shared/fields';

export const certificateOperations: PlatformOperation[] = [
	{
		resource: 'certificate',
		operation: 'getRoot',
		name: 'Get Root Certificate',
		action: 'Get the GreenFlux root certificate',
		description:
			'Get the public root certificate of GreenFlux (PEM), e.g. to install on charge stations',
		module: 'Charge Station Certificates',
		method: 'GET',
		path: '/api/1.0/chargestationcertificates/root',
		fields: outputFields({
			default: 'text',
			options: [
				{
					name: 'CRT File',
					value: 'crt',
					description: 'A .crt file (PEM-encoded) in a binary field',
				},
				{ name: 'PEM File', value: 'pem', description: 'A .pem file in a binary field' },
				{ name: 'Text', value: 'text', description: 'The PEM text in the field "certificate"' },
			],
			description: 'How to return the certificate',
			fileOutputs: ['crt', 'pem'],
		}),
		responseType: 'text',
		hook: rootCertificateHook,
	},
];
