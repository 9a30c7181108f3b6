import type { IDataObject } from 'n8n-workflow';

import { invalidInput } from '../../shared/errors';
import {
	type CollectionOption,
	collectionField,
	pathField,
	stringOption,
	textField,
} from '../../shared/fields';
import type { FieldDefinition, OperationDefinition, Validator } from '../../shared/operations';
import { type BodyPreparer, changesOf, updateCurrent, upsert } from '../hooks/crmWrite';
import { type CrmObjectOperation, type EmspNodeMap, MODULES } from '../resources';
import { crmPages, emspIdField, modifiedOptions } from './fields';

/** A text GreenFlux needs in a Create or Update; in an Update it is one of the Update Fields. */
export interface RequiredText {
	displayName: string;
	name: string;
	/** Its key in the object. */
	key: string;
	placeholder: string;
	description: string;
}

/** One CRM object (customer, driver, token) of an eMSP: what its four operations ask for. */
export interface CrmObject<R extends keyof EmspNodeMap> {
	resource: R;
	/** In texts, e.g. "customer" / "customers". */
	label: string;
	plural: string;
	/** The list's path segment, e.g. `customers`. */
	segment: string;
	/** The ID in the path, and the key that carries it in the object. */
	id: RequiredText;
	required: RequiredText[];
	/** The other writable fields: Additional Fields of Create or Update, Update Fields of Update. */
	optional: CollectionOption[];
	/** Top-level fields of Create or Update after the required ones (e.g. whether a token is valid). */
	upsertFields?: FieldDefinition[];
	/** Top-level fields of Update, and further options of its Update Fields. */
	updateFields?: FieldDefinition[];
	updateOptions?: CollectionOption[];
	/** Every key GreenFlux accepts in the PUT: an Update sends the current values of these back. */
	keys: string[];
	filters?: CollectionOption[];
	validate?: Validator[];
	prepare?: BodyPreparer;
}

type CrmDefinition<R extends keyof EmspNodeMap> = OperationDefinition<R, CrmObjectOperation>;

/** GreenFlux wants ISO 3166-1 alpha-3 country codes in the CRM (NLD, not NL). */
export const checkCountry: Validator = function (context) {
	const country = (context.request.body as IDataObject | undefined)?.country;
	if (country !== undefined && !/^[A-Z]{3}$/.test(String(country))) {
		throw invalidInput.call(
			this,
			context,
			`Country: "${String(country)}" is not an ISO 3166-1 alpha-3 country code`,
			'GreenFlux needs three capital letters, e.g. NLD for the Netherlands or PRT for Portugal.',
		);
	}
};

/** An Update with nothing to change would only rewrite who changed the object: refuse it. */
function requireChange(prepare?: BodyPreparer): Validator {
	return function (context) {
		if (Object.keys(changesOf(context, prepare)).length > 0) return;
		throw invalidInput.call(
			this,
			context,
			'Update Fields: set at least one field to change',
			'Update only sends the fields you set (with the rest of the object as GreenFlux has it).',
		);
	};
}

const option = (text: RequiredText): CollectionOption =>
	stringOption(text.displayName, text.name, text.key, text.description, text.placeholder);

/** The four operations of a CRM object: Create or Update (PUT), Get, Get Many and Update (GET, merge, PUT). */
export function crmObject<R extends keyof EmspNodeMap>(
	spec: CrmObject<R>,
): Array<CrmDefinition<R>> {
	const { resource, label, plural, segment, id } = spec;
	const listPath = `/api/1.0/crm/{emspId}/${segment}`;
	const objectPath = `${listPath}/{${id.name}}`;
	const idPath = pathField(id.name, id.displayName, id.name, {
		placeholder: id.placeholder,
		description: id.description,
	});
	const base = { resource, module: MODULES.crm, objectName: label };
	const required = spec.required.map((text) =>
		textField(text.displayName, text.name, text.key, {
			placeholder: text.placeholder,
			description: text.description,
		}),
	);
	return [
		{
			...base,
			operation: 'createOrUpdate',
			name: 'Create or Update',
			action: `Create or update a ${label}`,
			description: `Create a ${label}, or replace the ${label} with this ID. GreenFlux stores the ${label} as sent: fields left out may be cleared (use Update to change only some fields).`,
			method: 'PUT',
			path: objectPath,
			fields: [
				emspIdField(),
				{ ...idPath, alsoTo: [{ in: 'body', name: id.key }] },
				...required,
				...(spec.upsertFields ?? []),
				collectionField('Additional Fields', 'additionalFields', 'Add Field', [
					...spec.optional,
					...modifiedOptions(),
				]),
			],
			validate: spec.validate,
			hook: upsert(spec.prepare),
		},
		{
			...base,
			operation: 'get',
			name: 'Get',
			action: `Get a ${label}`,
			description: `Get one ${label} of the eMSP by its ID`,
			method: 'GET',
			path: objectPath,
			fields: [emspIdField(), idPath],
		},
		{
			...base,
			operation: 'getAll',
			name: 'Get Many',
			action: `Get many ${plural}`,
			description: `Get the ${plural} of the eMSP`,
			method: 'GET',
			path: listPath,
			fields: [
				emspIdField(),
				...(spec.filters
					? [collectionField('Filters', 'filters', 'Add Filter', spec.filters)]
					: []),
			],
			list: { ...crmPages(), fileOutput: { name: plural.replace(/ /g, '-') } },
		},
		{
			...base,
			operation: 'update',
			name: 'Update',
			action: `Update a ${label}`,
			description: `Change only the fields you set: the node reads the ${label}, changes those fields and sends the whole ${label} back`,
			method: 'PUT',
			path: objectPath,
			fields: [
				emspIdField(),
				idPath,
				...(spec.updateFields ?? []),
				collectionField('Update Fields', 'updateFields', 'Add Field', [
					...spec.required.map(option),
					...spec.optional,
					...(spec.updateOptions ?? []),
					...modifiedOptions(),
				]),
			],
			validate: [requireChange(spec.prepare), ...(spec.validate ?? [])],
			hook: updateCurrent({ label, keys: spec.keys, prepare: spec.prepare }),
		},
	];
}

// ---- fields customers and drivers share ----

export const contactOptions = (subject: string): CollectionOption[] => [
	stringOption('Email', 'email', 'email', `Email address of the ${subject}`, 'e.g. name@email.com'),
	stringOption(
		'Phone Number',
		'phoneNumber',
		'phone_number',
		`Phone number of the ${subject}`,
		'e.g. +31 20 123 4567',
	),
	stringOption('Address', 'address', 'address', 'Street and house number', 'e.g. Keizersgracht 12'),
	stringOption('Postal Code', 'postalCode', 'postal_code', 'Postal code', 'e.g. 1015 CS'),
	stringOption('City', 'city', 'city', 'City or town', 'e.g. Amsterdam'),
	stringOption(
		'Country',
		'country',
		'country',
		'ISO 3166-1 alpha-3 country code (three capital letters)',
		'e.g. NLD',
	),
];
