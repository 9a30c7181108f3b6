import type { PushCredential } from '../shared/push/auth';
import type { PushSpec } from '../shared/push/receive';
import type { PushModuleRule } from '../shared/push/routing';
import { classifySessionStatus, selectEvents, sessionStatusOf } from './classify';
import { CA_PUSH_MODULE, type ChargeAssistPushEvent, type ChargeAssistPushModule } from './events';

export const CA_PUSH_CREDENTIAL: PushCredential = {
	type: 'greenFluxPushApi',
	displayName: 'GreenFlux Push API',
};

/** One URL, `<webhook URL>/sessions`, by POST or PUT, nothing appended. */
export const CA_PUSH_RULES: Record<ChargeAssistPushModule, PushModuleRule> = {
	[CA_PUSH_MODULE]: { methods: ['POST', 'PUT'], minSegments: 0, maxSegments: 0, suffix: '' },
};

/** The GreenFlux Charge Assist Trigger as the shared push pipeline runs it. */
export const CHARGE_ASSIST_PUSH: PushSpec<ChargeAssistPushModule, ChargeAssistPushEvent> = {
	triggerName: 'GreenFlux Charge Assist Trigger',
	credential: CA_PUSH_CREDENTIAL,
	rules: CA_PUSH_RULES,
	urls: '<webhook URL>/sessions',
	objectsOf: (_route, body) => sessionStatusOf(body),
	classify: (route, objects, staticData, receivedAt) =>
		classifySessionStatus(route, objects[0], staticData, receivedAt),
	select(items) {
		return selectEvents(items, this.getNodeParameter('events', []) as string[]);
	},
};
