import type { FieldDefinition } from '../../shared/operations';
import type { PlatformNodeMap, PlatformOperation } from '../resources';
import { simplifyCdr } from '../simplify/cdr';
import { dateFromField, dateToField, pathField } from '../../shared/fields';

type CdrDefinition = Extract<PlatformOperation, { resource: 'cdr' }>;

/** A CDR list: the same API versions, date filters, paging and Simplify for every CDR route. */
function cdrList(
	definition: Pick<CdrDefinition, 'name' | 'action' | 'description' | 'module'> & {
		operation: PlatformNodeMap['cdr'];
		pathSuffix: string;
		ids: FieldDefinition[];
		maxPageSize: number;
	},
): CdrDefinition {
	const { pathSuffix, ids, maxPageSize, ...rest } = definition;
	return {
		...rest,
		resource: 'cdr',
		method: 'GET',
		path: `/api/{versionNumber}/cdrs${pathSuffix}`,
		fields: [
			{
				property: {
					displayName: 'API Version',
					name: 'apiVersion',
					type: 'options',
					default: '1.0',
					options: [
						{
							name: '1.0 (Default)',
							value: '1.0',
							description:
								"GreenFlux's default CDR API. Fine for a day or a month of CDRs (pages by position).",
						},
						{
							name: '2.0 (For Large Ranges)',
							value: '2.0',
							description:
								'Pages with a continuation token: faster through thousands of CDRs, and CDRs that arrive while paging do not shift the pages',
						},
					],
					description:
						'Which GreenFlux CDR API to call. Both return the same CDRs with the same fields; only how the results are paged differs. Pick 2.0 when you fetch large ranges (e.g. a month of a big network).',
				},
				to: { in: 'path', name: 'versionNumber' },
			},
			...ids,
			dateFromField('Only CDRs last updated at or after this time'),
			dateToField('Only CDRs last updated before this time'),
		],
		list: {
			pagination: (values) => (values.apiVersion === '2.0' ? 'cursor' : 'offset'),
			pageSizeParam: 'limit',
			maxPageSize,
			fileOutput: { name: 'cdrs' },
		},
		simplify: simplifyCdr,
	};
}

const emspId = pathField('emspId', 'eMSP ID', 'emspId', {
	placeholder: 'e.g. nlgfx',
	description:
		"The eMSP's external ID in GreenFlux (emsp_external_id in CDRs; GreenFlux gives it at onboarding)",
});

export const cdrOperations: PlatformOperation[] = [
	cdrList({
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many CDRs',
		description: 'Get charge detail records, filtered on when they were last updated',
		module: 'CDR',
		pathSuffix: '',
		ids: [],
		maxPageSize: 1000,
	}),
	cdrList({
		operation: 'getAllForEmsp',
		name: 'Get Many for eMSP',
		action: 'Get many CDRs of an eMSP',
		description: "Get the CDRs at the CPO's stations of drivers of one eMSP",
		module: 'CRM',
		pathSuffix: '/{emspId}',
		ids: [emspId],
		maxPageSize: 1000,
	}),
	cdrList({
		operation: 'getAllForEmspCustomer',
		name: 'Get Many for eMSP Customer',
		action: 'Get many CDRs of an eMSP customer',
		description: 'Get the CDRs of the drivers of one customer of an eMSP',
		module: 'CRM',
		pathSuffix: '/{emspId}/{customerId}',
		ids: [
			emspId,
			pathField('customerId', 'Customer ID', 'customerId', {
				placeholder: 'e.g. CUST-0001',
				description: "The customer's ID in the eMSP's CRM",
			}),
		],
		maxPageSize: 1000,
	}),
];
