import { collectionField, stringOption, textField } from '../../shared/fields';
import { acknowledgedItem } from '../hooks/driverAnswers';
import { CHARGE_ASSIST, type ChargeAssistOperation } from '../resources';
import { appTokenField } from './appToken';

const failedPayments = { ...CHARGE_ASSIST, resource: 'failedPayment' as const };

export const failedPaymentOperations: ChargeAssistOperation[] = [
	{
		...failedPayments,
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many failed payments',
		description:
			"Get the driver's sessions whose payment failed (or was retried): session, payment method, status, amount and error",
		method: 'GET',
		path: '/sessionfailedpayments/{appToken}',
		fields: [
			appTokenField({ in: 'path', name: 'appToken' }),
			collectionField('Filters', 'filters', 'Add Filter', [
				stringOption(
					'Payment Method ID',
					'paymentMethodId',
					{ in: 'query', name: 'paymentMethodId' },
					'Only failed payments of this payment method',
				),
			]),
		],
		// This route takes the continuation token as a query parameter, not as a header.
		list: { pagination: 'chargeAssist', continuationTokenIn: 'query', maxPageSize: 100 },
	},
	{
		...failedPayments,
		operation: 'retry',
		name: 'Retry',
		action: 'Retry failed payments',
		description:
			"Pay all the driver's failed session payments again with one payment method (a card; not a charge card or an external method)",
		method: 'POST',
		path: '/sessionfailedpayments/initiate',
		fields: [
			appTokenField({ in: 'body', name: 'appToken' }),
			textField('Payment Method ID', 'paymentMethodId', 'paymentMethodId', {
				description:
					'The payment method (from Payment Method › Get Wallet) to pay the failed sessions with',
			}),
		],
		hook: acknowledgedItem,
	},
];
