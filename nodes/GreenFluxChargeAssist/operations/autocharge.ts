import { textField } from '../../shared/fields';
import { CHARGE_ASSIST, type ChargeAssistOperation } from '../resources';
import { appTokenField } from './appToken';

const autocharge = { ...CHARGE_ASSIST, resource: 'autocharge' as const };

const appTokenInPath = appTokenField({ in: 'path', name: 'appToken' });

export const autochargeOperations: ChargeAssistOperation[] = [
	{
		...autocharge,
		operation: 'changePaymentMethod',
		name: 'Change Payment Method',
		action: 'Change the Autocharge payment method',
		description: "Pay the driver's Autocharge sessions with another card of the wallet",
		method: 'POST',
		path: '/vid/{appToken}/changepaymentmethod',
		fields: [
			appTokenInPath,
			textField('Payment Method ID', 'paymentMethodId', 'paymentMethodId', {
				description:
					'The new payment method for Autocharge: a card from Payment Method › Get Wallet that the subscription allows for Autocharge',
			}),
		],
	},
	{
		...autocharge,
		operation: 'deregister',
		name: 'Deregister',
		action: 'Deregister Autocharge',
		description:
			"Switch Autocharge off for the driver: the car's vehicle ID no longer starts sessions",
		method: 'POST',
		path: '/vid/{appToken}/deregister',
		fields: [appTokenInPath],
	},
	{
		...autocharge,
		operation: 'register',
		name: 'Register',
		action: 'Register Autocharge',
		description:
			"Switch on Autocharge (plug and charge): the car's vehicle ID (VID) read during a charging session is registered, so that plugging in later starts sessions paid by that session's card",
		method: 'POST',
		path: '/vid/{appToken}/register',
		fields: [
			appTokenInPath,
			textField('Charge Session ID', 'chargeSessionId', 'sessionId', {
				placeholder: 'e.g. dd815b43-5130-4346-b02c-4eac672289f4',
				description:
					'A session of the driver that is CHARGING now, paid by card: its vehicle ID is registered',
			}),
		],
	},
];
