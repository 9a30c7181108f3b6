import {
	collectionField,
	dateTimeOption,
	optionsProperty,
	stringOption,
	textField,
} from '../../shared/fields';
import { acknowledgedItem } from '../hooks/driverAnswers';
import { CHARGE_ASSIST, type ChargeAssistOperation } from '../resources';

export const paymentStatusOperations: ChargeAssistOperation[] = [
	{
		...CHARGE_ASSIST,
		resource: 'paymentStatus',
		operation: 'report',
		name: 'Report',
		action: 'Report a payment status',
		description:
			"Tell Charge Assist how the payment of a session's CDR went at your payment service provider (the inbound PSP webhook); a failed payment shows up under Failed Payment",
		method: 'POST',
		path: '/webhooks/paymentstatus',
		fields: [
			textField('External CDR ID', 'externalCdrId', 'externalCdrId', {
				description:
					"The CDR's ID, as the session status gives it in transactionDetails.externalCdrId once CDR_AVAILABLE",
			}),
			{
				property: optionsProperty(
					'Payment Status',
					'paymentStatus',
					[
						{ name: 'Error', value: 'Error', description: 'The payment failed' },
						{ name: 'Pending', value: 'Pending', description: 'The payment is in progress' },
						{ name: 'Success', value: 'Success', description: 'The payment succeeded' },
					],
					{ default: 'Success', description: 'How the payment went' },
				),
				to: { in: 'body', name: 'paymentStatus' },
			},
			collectionField('Additional Fields', 'additionalFields', 'Add Field', [
				stringOption(
					'Error',
					'error',
					'error',
					'Why the payment failed (with Payment Status Error), e.g. card_declined',
				),
				dateTimeOption(
					'Transaction Time',
					'transactionTime',
					'transactionTime',
					'When the payment was made or failed',
				),
			]),
		],
		hook: acknowledgedItem,
	},
];
