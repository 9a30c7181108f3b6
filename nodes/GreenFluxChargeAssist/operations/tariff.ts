import { collectionField, optionsProperty, pathField, stringOption } from '../../shared/fields';
import type { FieldDefinition } from '../../shared/operations';
import { bulkTariffBody, bulkTariffItems } from '../hooks/bulkTariff';
import { defaultTariffItem } from '../hooks/defaultTariff';
import { CHARGE_ASSIST, type ChargeAssistOperation } from '../resources';

const appTokenField = pathField('appToken', 'App Token', 'appToken', {
	placeholder: 'e.g. 3f1c2d9e-driver-42',
	description: "The driver's app token (GreenFlux answers 404 when it is not registered)",
});

const evseFields = (): FieldDefinition[] => [
	pathField('locationId', 'Location ID', 'locationId', {
		placeholder: 'e.g. nl-gfx-ebaa90d9-09cc-413a-ac42-715b7510c2e9',
		description: 'The Charge Assist location ID of the EVSE',
	}),
	pathField('evseUid', 'EVSE UID', 'evseUid', {
		placeholder: 'e.g. NL-GFX-E0001-1',
		description: 'The UID of the EVSE at that location',
	}),
	collectionField('Options', 'options', 'Add Option', [
		stringOption(
			'Connector ID',
			'connectorId',
			{ in: 'query', name: 'connectorId' },
			"The connector whose price to get (default: the EVSE's first connector)",
			'e.g. 1',
		),
	]),
];

export const tariffOperations: ChargeAssistOperation[] = [
	{
		...CHARGE_ASSIST,
		resource: 'tariff',
		operation: 'getForEvse',
		name: 'Get for EVSE',
		action: "Get an EVSE's tariffs for a driver",
		description:
			"Get the price of charging at an EVSE with each of the driver's payment methods, one item per payment method; validity says VALID (tariff known), UNKNOWN (charge card: its provider sets the price), NOT_COMPATIBLE, NO_TARIFF_FOUND or ERROR",
		method: 'GET',
		path: '/tariff/{appToken}/evse/{locationId}/{evseUid}',
		fields: [appTokenField, ...evseFields()],
		output: 'objects',
	},
	{
		...CHARGE_ASSIST,
		resource: 'tariff',
		operation: 'getDefault',
		name: 'Get Default',
		action: "Get an EVSE's default tariff",
		description:
			'Get the price of charging at an EVSE without a driver (the default payment method): validity VALID with the tariff, UNKNOWN when the default is a charge card, NO_TARIFF_FOUND when the EVSE has no tariff (a session cannot be started there)',
		method: 'GET',
		path: '/tariff/evse/{locationId}/{evseUid}',
		fields: evseFields(),
		hook: defaultTariffItem,
	},
	{
		...CHARGE_ASSIST,
		resource: 'tariff',
		operation: 'getBulk',
		name: 'Get Bulk',
		action: 'Get the tariffs of many EVSEs',
		description:
			"Get the price of charging at many EVSEs with one of the driver's payment methods, one item per EVSE (tariff null where the method has no known price there)",
		method: 'POST',
		path: '/bulktariff/{appToken}/paymentmethod/{paymentMethodId}',
		permission: 'read',
		fields: [
			appTokenField,
			pathField('paymentMethodId', 'Payment Method ID', 'paymentMethodId', {
				description: "One of the driver's payment methods (Payment Method › Get Wallet)",
			}),
			{
				property: optionsProperty(
					'EVSEs From',
					'evseInput',
					[
						{
							name: 'Fields',
							value: 'fields',
							description: 'One location ID and EVSE UID per entry below',
						},
						{
							name: 'JSON',
							value: 'json',
							description: 'A JSON array of {"locationId", "evseUid"} objects',
						},
					],
					{ default: 'fields', description: 'How the EVSEs to price are given' },
				),
			},
			{
				property: {
					displayName: 'EVSEs',
					name: 'locationEvses',
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					placeholder: 'Add EVSE',
					default: {},
					description: 'The EVSEs to price',
					displayOptions: { show: { evseInput: ['fields'] } },
					options: [
						{
							displayName: 'EVSE',
							name: 'evse',
							values: [
								{
									displayName: 'Location ID',
									name: 'locationId',
									type: 'string',
									default: '',
									placeholder: 'e.g. nl-gfx-ebaa90d9-09cc-413a-ac42-715b7510c2e9',
									description: 'The Charge Assist location ID of the EVSE',
								},
								{
									displayName: 'EVSE UID',
									name: 'evseUid',
									type: 'string',
									default: '',
									placeholder: 'e.g. NL-GFX-E0001-1',
									description: 'The UID of the EVSE at that location',
								},
							],
						},
					],
				},
			},
			{
				property: {
					displayName: 'EVSEs (JSON)',
					name: 'locationEvsesJson',
					type: 'json',
					default: '[\n  { "locationId": "", "evseUid": "" }\n]',
					description:
						'The EVSEs to price, e.g. [{"locationId": "nl-gfx-…", "evseUid": "NL-GFX-E0001-1"}]',
					displayOptions: { show: { evseInput: ['json'] } },
				},
				format: 'json',
			},
		],
		validate: [bulkTariffBody],
		hook: bulkTariffItems,
	},
];
