import type { PushCredential } from '../shared/push/auth';
import type { PushSpec } from '../shared/push/receive';
import { classifyPush, selectItems, type NotificationFilters } from './classify';
import type { PushEvent, PushModule } from './events';
import { PUSH_RULES, PUSH_URLS, pushObjects } from './modules';
import { PushTracker } from './tracker';

export const PUSH_CREDENTIAL: PushCredential = {
	type: 'greenFluxPushApi',
	displayName: 'GreenFlux Push API',
};

/** The GreenFlux Trigger as the shared push pipeline runs it (Platform push modules and events). */
export const PLATFORM_PUSH: PushSpec<PushModule, PushEvent> = {
	triggerName: 'GreenFlux Trigger',
	credential: PUSH_CREDENTIAL,
	rules: PUSH_RULES,
	urls: PUSH_URLS,
	objectsOf: (route, body) => pushObjects(route.module, body),
	classify(route, objects, staticData, receivedAt) {
		const tracker = new PushTracker(staticData);
		const classified = classifyPush(route, objects, tracker, receivedAt);
		tracker.save();
		return classified;
	},
	select(items) {
		const events = this.getNodeParameter('events', []) as string[];
		const filters = this.getNodeParameter('notificationFilters', {}) as NotificationFilters;
		return selectItems(items, events, filters);
	},
};
