import { textField } from '../../shared/fields';
import { CHARGE_ASSIST, type ChargeAssistOperation } from '../resources';

export const qrCodeOperations: ChargeAssistOperation[] = [
	{
		...CHARGE_ASSIST,
		resource: 'qrCode',
		operation: 'resolve',
		name: 'Resolve',
		action: 'Resolve a QR code',
		description:
			'Find the location, EVSE and connector behind the QR code on a charge station (valid false when the URL is not a charge point QR code)',
		method: 'POST',
		path: '/qr',
		permission: 'read',
		fields: [
			textField('QR Code URL', 'qrUrl', 'url', {
				placeholder:
					'e.g. https://greenflux.app/qr/gsop/greenflux/0bd5b755-5791-460b-bc77-3d3de374b13c',
				description: 'The URL encoded in the QR code, exactly as scanned',
			}),
		],
	},
];
