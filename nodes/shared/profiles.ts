import type { IDataObject } from 'n8n-workflow';

import { envelopeStatus, type EnvelopeStatus, isObject, unwrapEnvelope } from './envelope';
import type { ApiFamily } from './environments';
import {
	chargeAssistErrorStatement,
	type ErrorStatement,
	platformErrorStatement,
} from './errorBodies';
import type { PaginationKind } from './pagination';

/** The API profiles an operation can be sent with. */
export type ApiProfileName = 'platform' | 'smartCharging' | 'chargeAssist';

export type ModulePermission = 'read' | 'write' | 'delete';

/** What a profile needs to word an HTTP error. */
export interface HttpErrorFacts {
	module: string;
	method: string;
	path: string;
	environment: string;
	permission: ModulePermission;
	said: string;
}

export interface ErrorWording {
	message: string;
	description: string;
}

/**
 * One API family as the transport speaks it: which credential and base URL, how a successful body is
 * read, what GreenFlux said in an error body, how 401/403/404 are explained, and which paging kinds exist.
 */
export interface ApiProfile {
	name: ApiProfileName;
	family: ApiFamily;
	credentialType: string;
	credentialName: string;
	/** The data of a successful body and, for OCPI envelopes, the business status to check. */
	read(body: unknown): { data: unknown; status?: EnvelopeStatus };
	errorStatement(body: unknown): ErrorStatement;
	unauthorized(facts: HttpErrorFacts): ErrorWording;
	forbidden(facts: HttpErrorFacts): ErrorWording;
	notFound(facts: HttpErrorFacts): ErrorWording;
	paginations: PaginationKind[];
}

const suffix = (said: string) => (said ? ` GreenFlux said: "${said}".` : '');

const platformWording = {
	unauthorized: ({ environment }: HttpErrorFacts): ErrorWording => ({
		message: `Token rejected by ${environment} (HTTP 401)`,
		description:
			'GreenFlux did not accept the key in the "GreenFlux Platform API" credential. Acceptance and Production have separate keys: check that the key belongs to the environment selected in the credential.',
	}),
	forbidden: ({ module, permission, environment, said }: HttpErrorFacts): ErrorWording => ({
		message: `The ${module} module is not enabled on this GreenFlux subscription (HTTP 403)`,
		description: `This key may not ${permission} ${module} data in ${environment}. Ask GreenFlux to enable the ${module} module with ${permission} permission on this subscription.${suffix(said)}`,
	}),
	notFound: ({ module, method, path, environment, said }: HttpErrorFacts): ErrorWording => ({
		message: `GreenFlux found nothing at ${method} ${path} (HTTP 404)`,
		description: `Check the IDs in this request: GreenFlux does not know this ${module} object in ${environment}.${suffix(said)}`,
	}),
};

/** Platform API modules: OCPI envelopes with `status_code`, module permissions per subscription. */
const platform: ApiProfile = {
	name: 'platform',
	family: 'platform',
	credentialType: 'greenFluxPlatformApi',
	credentialName: 'GreenFlux Platform API',
	read: (body) => ({ data: unwrapEnvelope(body), status: envelopeStatus(body) }),
	errorStatement: platformErrorStatement,
	...platformWording,
	paginations: ['offset', 'cursor'],
};

/** Smart Charging: the Platform credential and permissions, but bare JSON (no envelope) and offset paging. */
const smartCharging: ApiProfile = {
	...platform,
	name: 'smartCharging',
	read: (body) => ({ data: body }),
	errorStatement: chargeAssistErrorStatement,
	paginations: ['offset'],
};

const LIST_KEYS = new Set(['data', 'meta', 'boundingBox']);

/** `{data, meta}` lists (and `{data}` answers) give their data; bare objects are the data themselves. */
function readChargeAssist(body: unknown): { data: unknown } {
	if (isObject(body) && 'data' in body && Object.keys(body).every((key) => LIST_KEYS.has(key))) {
		return { data: (body as IDataObject).data };
	}
	return { data: body };
}

/** Charge Assist: its own key, `{data, meta}` lists, bare objects, and validation errors in the body. */
const chargeAssist: ApiProfile = {
	name: 'chargeAssist',
	family: 'chargeAssist',
	credentialType: 'greenFluxChargeAssistApi',
	credentialName: 'GreenFlux Charge Assist API',
	read: readChargeAssist,
	errorStatement: chargeAssistErrorStatement,
	unauthorized: ({ environment }) => ({
		message: `Key rejected by ${environment} (HTTP 401)`,
		description:
			'GreenFlux did not accept the key in the "GreenFlux Charge Assist API" credential. Check the key, and that the environment and the key header style match the subscription it was issued for.',
	}),
	forbidden: ({ method, path, said }) => ({
		message: `GreenFlux refused ${method} ${path} (HTTP 403)${said ? `: ${said}` : ''}`,
		description: /invalid token/i.test(said)
			? 'The app token may not pay for sessions: register it (App Token › Register) and use one of its payment methods.'
			: 'The Charge Assist key or the app token may not do this: check the IDs, and that they belong to this app token.',
	}),
	notFound: ({ method, path, said }) => ({
		message: `GreenFlux found nothing at ${method} ${path} (HTTP 404)${said ? `: ${said}` : ''}`,
		description:
			'Check the IDs in this request. When GreenFlux says the token is not registered or provisioned, register the app token first (App Token › Register).',
	}),
	paginations: ['chargeAssist'],
};

export const API_PROFILES: Record<ApiProfileName, ApiProfile> = {
	platform,
	smartCharging,
	chargeAssist,
};
