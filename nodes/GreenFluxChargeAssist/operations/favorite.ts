import { collectionField, pathField, stringOption } from '../../shared/fields';
import { returnAllFields, type FieldDefinition } from '../../shared/operations';
import { favoriteResult } from '../hooks/favoriteResult';
import { CHARGE_ASSIST, type ChargeAssistOperation } from '../resources';
import {
	apiVersionField,
	CHARGE_ASSIST_PAGES,
	locationFilters,
	locationOptions,
	powerFilterChecks,
	userPointChecks,
	versioned,
} from './location';

const appTokenField = pathField('appToken', 'App Token', 'appToken', {
	placeholder: 'e.g. 3f1c2d9e-driver-42',
	description: "The driver's app token (GreenFlux answers 404 when it is not registered)",
});

const locationIdField = pathField('locationId', 'Location ID', 'id', {
	placeholder: 'e.g. nl-gfx-ebaa90d9-09cc-413a-ac42-715b7510c2e9',
	description: 'The Charge Assist location ID',
});

/** v1 and v2.1 favourite routes take the same input for adding and removing. */
const versionField = (what: string): FieldDefinition =>
	apiVersionField(
		'The v1 route',
		'The v2.1 route',
		`The Charge Assist route to use; both ${what} the same favourite`,
	);

/** The filters of the v2.1 list (the app token is in the path). */
const filters = locationFilters(['appToken']);
const v21Filters: FieldDefinition = {
	...filters,
	property: { ...filters.property, displayOptions: { show: { apiVersion: ['2.1'] } } },
};

export const favoriteOperations: ChargeAssistOperation[] = [
	{
		...CHARGE_ASSIST,
		resource: 'favorite',
		operation: 'getAll',
		name: 'Get Many',
		action: "Get a driver's favourite locations",
		description:
			"List the locations a driver marked as favourite (compact form), nearest first when the driver's position is given; v2.1 also filters them",
		method: 'GET',
		path: versioned('/favorites/{appToken}/locations'),
		fields: [
			apiVersionField(
				'Every favourite',
				'Favourites filtered by Filters (power type, connector types, availability…)',
				'The Charge Assist route to use; only v2.1 takes Filters',
			),
			appTokenField,
			...returnAllFields(),
			v21Filters,
			locationOptions(['userPoint']),
		],
		list: CHARGE_ASSIST_PAGES,
		validate: [...userPointChecks(), ...powerFilterChecks()],
	},
	{
		...CHARGE_ASSIST,
		resource: 'favorite',
		operation: 'add',
		name: 'Add',
		action: 'Add a favourite location',
		description:
			"Mark a location as one of the driver's favourites, optionally under a name of the driver's own (e.g. Home, Office)",
		method: 'POST',
		path: versioned('/favorites/{appToken}/location/{id}'),
		fields: [
			versionField('add'),
			appTokenField,
			locationIdField,
			collectionField('Additional Fields', 'additionalFields', 'Add Field', [
				stringOption(
					'Display Name',
					'displayName',
					'displayName',
					"The driver's own name for this favourite, e.g. Office",
				),
			]),
		],
		fixedBody: {},
		hook: favoriteResult(true),
	},
	{
		...CHARGE_ASSIST,
		resource: 'favorite',
		operation: 'remove',
		name: 'Remove',
		action: 'Remove a favourite location',
		description:
			"Unmark a location as the driver's favourite (GreenFlux answers 404 when it is not a favourite)",
		method: 'DELETE',
		path: versioned('/favorites/{appToken}/location/{id}'),
		fields: [versionField('remove'), appTokenField, locationIdField],
		hook: favoriteResult(false),
	},
];
