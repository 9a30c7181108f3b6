import type { INodeProperties } from 'n8n-workflow';

import { collectionField, optionsProperty, stringOption, textField } from '../../shared/fields';
import type { FieldDefinition, Target } from '../../shared/operations';
import { registeredAppTokenItem } from '../hooks/driverAnswers';
import { CHARGE_ASSIST, type ChargeAssistOperation } from '../resources';

/**
 * The driver's app token, sent where the route wants it (path, query or body). Every driver operation
 * of the Charge Assist node asks for it under this name.
 */
export const appTokenField = (to: Target, extra: Partial<INodeProperties> = {}): FieldDefinition =>
	textField('App Token', 'appToken', to, {
		placeholder: 'e.g. 3f1c2d9e-driver-42',
		description:
			'The app token of the driver (your unique ID of the user in Charge Assist). Register it first with App Token › Register.',
		...extra,
	});

/** The v1 / v2.1 choice of operations GreenFlux offers on both route families. */
export const apiVersionField = (
	description: string,
	v1: string,
	v21: string,
	defaultVersion: '1' | '2.1' = '1',
): FieldDefinition => ({
	property: optionsProperty(
		'API Version',
		'apiVersion',
		[
			{ name: '1', value: '1', description: v1 },
			{ name: '2.1', value: '2.1', description: v21 },
		],
		{ default: defaultVersion, description },
	),
});

const hasDriverIds = (values: Record<string, unknown>) =>
	values['additionalFields.driverId'] !== undefined ||
	values['additionalFields.emspId'] !== undefined;

export const appTokenOperations: ChargeAssistOperation[] = [
	{
		...CHARGE_ASSIST,
		resource: 'appToken',
		operation: 'get',
		name: 'Get',
		action: 'Get an app token',
		description:
			"Get a registered app token: its auth ID, settings (default payment method), Autocharge mapping and the subscription's settings",
		method: 'GET',
		path: '/v2.1/token/{appToken}',
		fields: [appTokenField({ in: 'path', name: 'appToken' })],
	},
	{
		...CHARGE_ASSIST,
		resource: 'appToken',
		operation: 'register',
		name: 'Register',
		action: 'Register an app token',
		description:
			'Register a driver (app token) with Charge Assist before adding payment methods or starting sessions; registering a known app token again updates it',
		// PUT for the v1 routes; the hook sends POST /v2.1/token.
		method: 'PUT',
		path: (values) =>
			values.apiVersion === '2.1'
				? '/v2.1/token'
				: hasDriverIds(values)
					? '/token'
					: '/token/{appToken}',
		fields: [
			apiVersionField(
				'The Charge Assist route to use. 2.1 also registers the app token as a payment token, so that it can start and stop sessions.',
				'PUT /token/{appToken} (or PUT /token with a driver or eMSP ID)',
				'POST /v2.1/token: registers the app token as a payment token too',
				'2.1',
			),
			{
				...appTokenField(
					{ in: 'path', name: 'appToken' },
					{
						description:
							'Your unique ID of the driver: a device token, a random string, a CRM driver ID or an SSO ID (1–128 characters, no spaces)',
					},
				),
				alsoTo: [{ in: 'body', name: 'appToken' }],
			},
			collectionField('Additional Fields', 'additionalFields', 'Add Field', [
				stringOption(
					'Driver ID',
					'driverId',
					'driverId',
					"The driver's ID in the GreenFlux CRM to link the app token to (only after agreeing its use with GreenFlux)",
				),
				stringOption(
					'eMSP ID',
					'emspId',
					'emspId',
					'The eMSP the driver belongs to',
					'e.g. NL-GFX',
				),
			]),
		],
		hook: registeredAppTokenItem,
	},
];
