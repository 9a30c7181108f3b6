import type { CollectionOption } from '../../shared/fields';
import { jsonOption, stringOption } from '../../shared/fields';

/** Platform-specific field builders; the generic ones are in nodes/shared/fields.ts. */

/** GreenFlux's optional `cpsoIds` request header (comma-separated). */
export const cpsoIdsOption = (description: string): CollectionOption => ({
	property: {
		displayName: 'CPSO IDs',
		name: 'cpsoIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. NLGFXDEMO',
		description,
	},
	to: { in: 'header', name: 'cpsoIds' },
	format: 'stringList',
});

// ---- fields charge stations and locations (v2) share; `subject` is e.g. "the charge station" ----

export const maintenanceInfoOption = (subject: string): CollectionOption =>
	stringOption(
		'Maintenance Info',
		'maintenanceInfo',
		'maintenance_info',
		`Maintenance information about ${subject}`,
	);

export const remarksOption = (subject: string): CollectionOption =>
	stringOption('Remarks', 'remarks', 'remarks', `Notes and general remarks about ${subject}`);

export const directionsOption = (
	displayName: string,
	bodyPath: string,
	subject: string,
): CollectionOption =>
	jsonOption(
		displayName,
		'directions',
		bodyPath,
		`Directions to ${subject}: an array of {"language", "text"}`,
		'[\n  { "language": "en", "text": "" }\n]',
	);

export const authRulesOption = (): CollectionOption =>
	jsonOption(
		'Auth Rules (JSON)',
		'authRules',
		'auth_rules',
		'Who may charge: an array of {"type": "CustomerExternalId" | "ClosedGroups" | "HomeToken", "value"}',
	);
