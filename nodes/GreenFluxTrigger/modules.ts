import type { IDataObject } from 'n8n-workflow';

import { bodyObjects, type PushBodyShape } from '../shared/push/body';
import type { PushRejection } from '../shared/push/ocpi';
import type { PushModuleRule } from '../shared/push/routing';
import type { PushModule } from './events';

/** The URL shapes and methods GreenFlux uses per Platform push module. */
export const PUSH_RULES: Record<PushModule, PushModuleRule> = {
	cdrs: { methods: ['POST'], minSegments: 0, maxSegments: 0, suffix: '' },
	sessions: {
		methods: ['PUT', 'PATCH'],
		minSegments: 3,
		maxSegments: 3,
		suffix: '/{country_code}/{party_id}/{session_id}',
	},
	locations: {
		methods: ['PUT', 'PATCH'],
		minSegments: 3,
		maxSegments: 5,
		suffix: '/{country_code}/{party_id}/{location_id}[/{evse_uid}[/{connector_id}]]',
	},
	notifications: { methods: ['PUT'], minSegments: 0, maxSegments: 3, suffix: '' },
};

/** The URLs the trigger receives, named in the 404 answer to any other URL. */
export const PUSH_URLS = '<webhook URL>/cdrs, /sessions/…, /locations/… and /notifications';

/**
 * CDRs and notifications may come one per push or as an array (one item each); sessions and
 * locations are one object per URL (a one-element array is accepted).
 */
const BODIES: Record<PushModule, PushBodyShape> = {
	cdrs: { name: 'CDR', many: true },
	sessions: { name: 'session', many: false },
	locations: { name: 'location, EVSE or connector', many: false },
	notifications: { name: 'charge station notification', many: true },
};

/** The objects of a push to `module`. */
export function pushObjects(module: PushModule, body: unknown): IDataObject[] | PushRejection {
	return bodyObjects(module, body, BODIES[module]);
}
