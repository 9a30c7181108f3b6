import {
	booleanOption,
	collectionField,
	stringOption,
	textField,
	optionsProperty,
} from '../../shared/fields';
import type { FieldDefinition } from '../../shared/operations';
import { CHARGE_ASSIST, type ChargeAssistOperation } from '../resources';

/** GreenFlux offers v1 and v2.1 routes for the session actions; both take the same input. */
const apiVersionField: FieldDefinition = {
	property: optionsProperty(
		'API Version',
		'apiVersion',
		[
			{ name: '1', value: '1', description: 'Errors as validation messages with codes' },
			{ name: '2.1', value: '2.1', description: 'Errors as one message with a code and context' },
		],
		{ default: '1', description: 'The Charge Assist route to use; both start the same session' },
	),
};

const appTokenField = textField(
	'App Token',
	'appToken',
	{ in: 'query', name: 'appToken' },
	{
		placeholder: 'e.g. 3f1c2d9e-driver-42',
		description: "The driver's app token (register it first with App Token › Register)",
	},
);

export const sessionOperations: ChargeAssistOperation[] = [
	{
		...CHARGE_ASSIST,
		resource: 'session',
		operation: 'start',
		name: 'Start',
		action: 'Start a session',
		description: "Start charging at an EVSE, paid with one of the driver's payment methods",
		method: 'POST',
		path: (values) => (values.apiVersion === '2.1' ? '/v2.1/session/start' : '/session/start'),
		fields: [
			apiVersionField,
			appTokenField,
			textField('Location ID', 'locationId', 'locationId', {
				placeholder: 'e.g. nl-gfx-ebaa90d9-09cc-413a-ac42-715b7510c2e9',
			}),
			textField('EVSE UID', 'evseUid', 'evseUid', { placeholder: 'e.g. NL-GFX-E0001-1' }),
			textField('Payment Method ID', 'paymentMethodId', 'paymentMethodId', {
				description: "The ID of one of the driver's payment methods (Payment Method › Get Wallet)",
			}),
			collectionField('Additional Fields', 'additionalFields', 'Add Field', [
				stringOption('Connector ID', 'connectorId', 'connectorId', 'The connector to use, e.g. 1'),
				stringOption(
					'Ad Hoc Payment Method ID',
					'adhocPaymentMethodId',
					'adhocPaymentMethodId',
					'A one-off payment method for this session',
				),
				booleanOption(
					'Ignore EVSE Availability',
					'ignoreEvseAvailability',
					'ignoreEvseAvailablity',
					'Whether to try the start even when the EVSE is not available',
				),
			]),
		],
	},
];
