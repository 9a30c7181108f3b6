import {
	booleanOption,
	inBody,
	optionsOption,
	optionsProperty,
	stringOption,
} from '../../shared/fields';
import type { FieldDefinition } from '../../shared/operations';
import type { BodyPreparer } from '../hooks/crmWrite';
import type { EmspOperation } from '../resources';
import { crmObject } from './crm';

/** GreenFlux's expiration date of a token that never expires. */
export const NEVER_EXPIRES = '2999-01-01T00:00:00Z';

const NEVER = {
	name: 'Never (Year 2999)',
	value: 'never',
	description: `Sent as ${NEVER_EXPIRES}`,
};
const ON_DATE = { name: 'On a Date', value: 'onDate', description: 'Set the expiration date' };

/** "Expires" with the choices of an operation, and the date shown for "On a Date". */
function expiryFields(
	options: Array<{ name: string; value: string; description: string }>,
	defaultValue: string,
): FieldDefinition[] {
	return [
		{
			property: optionsProperty('Expires', 'expires', options, {
				default: defaultValue,
				description:
					"When the token stops working (GreenFlux's expiration_date). GreenFlux stores a token that never expires with the year 2999.",
			}),
		},
		{
			property: {
				displayName: 'Expiration Date',
				name: 'expirationDate',
				type: 'dateTime',
				required: true,
				default: '',
				description: 'The moment the token stops working',
				displayOptions: { show: { expires: ['onDate'] } },
			},
			to: inBody('expiration_date'),
			format: 'dateTime',
		},
	];
}

/** "Never" is GreenFlux's year-2999 date; "On a Date" is sent by its field; "Keep Current" sends nothing. */
const sendNeverExpires: BodyPreparer = (values, body) => {
	if (values.expires === 'never') body.expiration_date = NEVER_EXPIRES;
};

const validDescription =
	'Whether drivers can charge with the token: turn off to block it (GreenFlux has no delete)';

export const tokenOperations: EmspOperation[] = crmObject({
	resource: 'token',
	label: 'token',
	plural: 'tokens',
	segment: 'tokens',
	id: {
		displayName: 'Token UID',
		name: 'tokenUid',
		key: 'uid',
		placeholder: 'e.g. 04A2B3C4D5E6F7',
		description:
			'The UID charge stations read from the token; for an RFID card the hidden ID of its chip',
	},
	required: [
		{
			displayName: 'Auth ID',
			name: 'authId',
			key: 'auth_id',
			placeholder: 'e.g. NL-GFX-C12345678-9',
			description: 'Contract ID of the token in eMI3 format, unique within the eMSP',
		},
		{
			displayName: 'Driver ID',
			name: 'driverId',
			key: 'driver_id',
			placeholder: 'e.g. DRV-00001',
			description: 'The driver the token belongs to (create or update the driver first)',
		},
	],
	optional: [
		stringOption(
			'Visual Number',
			'visualNumber',
			'visual_number',
			'Number printed on the token',
			'e.g. NL-GFX-100000',
		),
		booleanOption(
			'Roaming Allowed',
			'roamingAllowed',
			'roaming_allowed',
			'Whether the token is shared for roaming, so that it works at charge stations of other operators (GreenFlux: false unless set)',
		),
		optionsOption(
			'Whitelist Type',
			'whitelistType',
			'whitelist_type',
			[
				{
					name: 'Allowed Offline',
					value: 'AllowedOffline',
					description: 'Also accepted while the charge station is offline',
				},
				{ name: 'Always', value: 'Always', description: 'Always on the whitelist' },
				{ name: 'Never', value: 'Never', description: 'Never on the whitelist' },
			],
			{
				default: 'Always',
				description:
					'How charge stations may accept the token without asking GreenFlux (unset: kept, or Always for a new token)',
			},
		),
		stringOption(
			'Customer ID',
			'customerId',
			'customer_id',
			"The driver's customer (GreenFlux takes it from the driver)",
			'e.g. CUST-0001',
		),
	],
	upsertFields: [
		{
			property: {
				displayName: 'Valid',
				name: 'valid',
				type: 'boolean',
				default: true,
				description:
					'Whether drivers can charge with the token: turn off to block it (GreenFlux has no delete, and treats a token sent without valid as blocked)',
			},
			to: inBody('valid'),
		},
		...expiryFields([NEVER, ON_DATE], 'never'),
	],
	updateFields: expiryFields(
		[
			{ name: 'Keep Current', value: 'keep', description: 'Do not change the expiration date' },
			NEVER,
			ON_DATE,
		],
		'keep',
	),
	updateOptions: [booleanOption('Valid', 'valid', 'valid', validDescription)],
	keys: [
		'uid',
		'auth_id',
		'visual_number',
		'valid',
		'expiration_date',
		'roaming_allowed',
		'whitelist_type',
		'driver_id',
		'customer_id',
		'modified_on_utc',
		'modified_by',
	],
	filters: [
		stringOption(
			'Customer ID',
			'customerId',
			{ in: 'query', name: 'customer-external-id' },
			'Only the tokens of drivers of this customer',
			'e.g. CUST-0001',
		),
		stringOption(
			'Driver ID',
			'driverId',
			{ in: 'query', name: 'driver-external-id' },
			'Only the tokens of this driver',
			'e.g. DRV-00001',
		),
		stringOption(
			'Retail Package ID',
			'retailPackageId',
			{ in: 'query', name: 'retail-package-external-id' },
			'Only the tokens of drivers on this retail package',
			'e.g. NLGFX-RP-STANDARD',
		),
	],
	prepare: sendNeverExpires,
});
